import Foundation

/// The two date formats SigV4 uses, parsed and printed without `DateFormatter` (no locale or
/// time zone state): ISO 8601 basic (`20261129T014800Z`) and RFC 1123 (`Date` header).
enum UTCTime {
    /// Days since 1970-01-01 for a proleptic Gregorian date (Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func date(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> Date? {
        guard (1...12).contains(mo), (1...31).contains(d), (0...23).contains(h), (0...59).contains(mi),
            (0...60).contains(s)
        else { return nil }
        // Reject impossible days such as 20260231 by round-tripping through the day count.
        let dayCount = days(year: y, month: mo, day: d)
        guard civil(days: dayCount) == (y, mo, d) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(dayCount * 86400 + h * 3600 + mi * 60 + s))
    }

    private static func number(_ chars: ArraySlice<UInt8>) -> Int? {
        guard !chars.isEmpty, chars.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return chars.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// `yyyyMMdd'T'HHmmss'Z'`.
    static func parseISO8601Basic(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 16, b[8] == UInt8(ascii: "T"), b[15] == UInt8(ascii: "Z"),
            let y = number(b[0..<4]), let mo = number(b[4..<6]), let d = number(b[6..<8]),
            let h = number(b[9..<11]), let mi = number(b[11..<13]), let s = number(b[13..<15])
        else { return nil }
        return date(y, mo, d, h, mi, s)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `Sun, 29 Nov 2026 01:48:00 GMT` (the `Date` header). botocore's `formatdate` writes the
    /// zone as `-0000`; any `±HHMM` offset, `GMT`, `UTC` or `Z` is accepted.
    static func parseRFC1123(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, let d = Int(parts[1]), let mo = months.firstIndex(of: parts[2].lowercased()),
            let y = Int(parts[3])
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let h = Int(clock[0]), let mi = Int(clock[1]), let s = Int(clock[2]),
            let base = date(y, mo + 1, d, h, mi, s)
        else { return nil }
        let zone = parts[5]
        if zone == "GMT" || zone == "UTC" || zone == "Z" { return base }
        let z = Array(zone.utf8)
        guard z.count == 5, z[0] == UInt8(ascii: "+") || z[0] == UInt8(ascii: "-"), let hh = number(z[1..<3]),
            let mm = number(z[3..<5]), hh < 24, mm < 60
        else { return nil }
        let offset = TimeInterval(hh * 3600 + mm * 60)
        return z[0] == UInt8(ascii: "+") ? base.addingTimeInterval(-offset) : base.addingTimeInterval(offset)
    }

    /// `yyyyMMdd'T'HHmmss'Z'`, truncating fractions of a second.
    static func formatISO8601Basic(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let dayCount = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let rest = seconds - dayCount * 86400
        let (y, mo, d) = civil(days: dayCount)
        guard (0...9999).contains(y) else {
            func pad(_ v: Int, _ width: Int) -> String {
                let s = String(v)
                return String(repeating: "0", count: max(0, width - s.count)) + s
            }
            return pad(y, 4) + pad(mo, 2) + pad(d, 2) + "T" + pad(rest / 3600, 2) + pad(rest % 3600 / 60, 2)
                + pad(rest % 60, 2) + "Z"
        }
        // Every request formats its date, so the digits are written straight into the string.
        return String(unsafeUninitializedCapacity: 16) { out in
            func put(_ v: Int, _ at: Int, _ width: Int) {
                var v = v
                for i in stride(from: at + width - 1, through: at, by: -1) {
                    out[i] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                }
            }
            put(y, 0, 4)
            put(mo, 4, 2)
            put(d, 6, 2)
            out[8] = UInt8(ascii: "T")
            put(rest / 3600, 9, 2)
            put(rest % 3600 / 60, 11, 2)
            put(rest % 60, 13, 2)
            out[15] = UInt8(ascii: "Z")
            return 16
        }
    }
}

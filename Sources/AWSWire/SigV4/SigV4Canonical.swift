import Crypto
import Foundation

/// The canonical forms of SigV4 (AWS "Create a canonical request"), matching botocore's
/// `SigV4Auth` for non-S3 services byte for byte.
enum SigV4Canonical {
    static let algorithm = "AWS4-HMAC-SHA256"

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            return true
        default: return false
        }
    }

    /// RFC 3986 percent-encoding of every byte outside the unreserved set (and `extraSafe`),
    /// upper-case hex — Python's `quote(s, safe=extraSafe)`.
    static func percentEncode<S: Sequence>(_ bytes: S, extraSafe: UInt8? = nil) -> String where S.Element == UInt8 {
        var out: [UInt8] = []
        for b in bytes {
            if isUnreserved(b) || b == extraSafe {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` escapes and `+` as a space (form encoding: botocore puts query parameters
    /// on the wire with `urlencode`, i.e. `x+y`, but signs them as `x%20y`); a `%` not followed
    /// by two hex digits stays literal. A literal plus arrives as `%2B`.
    static func percentDecode(_ text: Substring) -> [UInt8] {
        let b = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let hi = hex(b[i + 1]),
                let lo = hex(b[i + 2])
            {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(b[i] == UInt8(ascii: "+") ? UInt8(ascii: " ") : b[i])
                i += 1
            }
        }
        return out
    }

    /// The canonical URI: dot segments and empty segments removed (botocore's
    /// `remove_dot_segments`), then the already-encoded path encoded again, keeping `/` — the
    /// double encoding every non-S3 service expects.
    static func canonicalURI(_ rawPath: String) -> String {
        let path = rawPath.isEmpty ? "/" : rawPath
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                if !output.isEmpty { output.removeLast() }
            } else {
                output.append(segment)
            }
        }
        let first = path.hasPrefix("/") ? "/" : ""
        let last = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        let normalized = first + output.joined(separator: "/") + last
        return percentEncode(normalized.utf8, extraSafe: UInt8(ascii: "/"))
    }

    /// The canonical query string: every `key=value` pair decoded and re-encoded per RFC 3986,
    /// sorted by encoded key, then by encoded value. `excluding` drops a parameter
    /// (`X-Amz-Signature` in presigned requests).
    static func canonicalQuery(_ rawQuery: String, excluding: String? = nil) -> String {
        var pairs: [(String, String)] = []
        for pair in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let eq = pair.firstIndex(of: "=")
            let rawKey = eq.map { pair[..<$0] } ?? pair
            let rawValue = eq.map { pair[pair.index(after: $0)...] } ?? ""
            let key = percentEncode(percentDecode(rawKey))
            if let excluding, key == excluding { continue }
            pairs.append((key, percentEncode(percentDecode(rawValue))))
        }
        pairs.sort { lhs, rhs in
            lhs.0 != rhs.0
                ? Array(lhs.0.utf8).lexicographicallyPrecedes(rhs.0.utf8)
                : Array(lhs.1.utf8).lexicographicallyPrecedes(rhs.1.utf8)
        }
        return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// The query as botocore signs a URL whose query it did not build itself: raw pairs, sorted,
    /// not re-encoded (`_canonical_query_string_url`). It differs from `canonicalQuery` only
    /// when the client sent non-canonical escapes such as `%7E`.
    static func rawSortedQuery(_ rawQuery: String, excluding: String? = nil) -> String {
        guard !rawQuery.isEmpty else { return "" }
        var pairs: [(String, String)] = []
        for pair in rawQuery.split(separator: "&", omittingEmptySubsequences: false) {
            let eq = pair.firstIndex(of: "=")
            let key = String(eq.map { pair[..<$0] } ?? pair)
            if let excluding, key == excluding { continue }
            pairs.append((key, eq.map { String(pair[pair.index(after: $0)...]) } ?? ""))
        }
        pairs.sort { lhs, rhs in
            lhs.0 != rhs.0
                ? Array(lhs.0.unicodeScalars.map(\.value)).lexicographicallyPrecedes(rhs.0.unicodeScalars.map(\.value))
                : Array(lhs.1.unicodeScalars.map(\.value)).lexicographicallyPrecedes(rhs.1.unicodeScalars.map(\.value))
        }
        return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// The canonical query strings a correct client may have signed: the RFC 3986 form the spec
    /// defines, and botocore's raw form when that differs.
    static func canonicalQueryCandidates(_ rawQuery: String, excluding: String? = nil) -> [String] {
        let spec = canonicalQuery(rawQuery, excluding: excluding)
        let raw = rawSortedQuery(rawQuery, excluding: excluding)
        return raw == spec ? [spec] : [spec, raw]
    }

    /// A header value with leading/trailing whitespace removed and inner runs collapsed to one
    /// space (the spec's Trimall; botocore's `' '.join(value.split())`).
    static func trimAll(_ value: String) -> String {
        value.split(whereSeparator: {
            $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}"
        })
        .joined(separator: " ")
    }

    /// `name:value` lines for the signed headers, in the order the client listed them; repeated
    /// fields are joined with `,`.
    static func canonicalHeaders(_ request: SigV4Request, signed: [String]) -> String {
        signed.map { name in
            "\(name):" + request.headerValues(name).map(trimAll).joined(separator: ",") + "\n"
        }.joined()
    }

    static func hexSHA256(_ data: [UInt8]) -> String {
        SHA256.hash(data: data).hexString
    }

    static func canonicalRequest(
        _ request: SigV4Request,
        signedHeaders: [String],
        payloadHash: String,
        excludingQuery: String? = nil,
        canonicalQuery query: String? = nil
    ) -> String {
        [
            request.method.uppercased(),
            canonicalURI(request.path),
            query ?? canonicalQuery(request.query, excluding: excludingQuery),
            canonicalHeaders(request, signed: signedHeaders),
            signedHeaders.joined(separator: ";"),
            payloadHash,
        ].joined(separator: "\n")
    }

    static func stringToSign(amzDate: String, scope: String, canonicalRequest: String) -> String {
        [algorithm, amzDate, scope, hexSHA256(Array(canonicalRequest.utf8))].joined(separator: "\n")
    }

    /// The signing key: HMAC chain `AWS4`+secret → date → region → service → `aws4_request`.
    static func signingKey(secret: String, date: String, region: String, service: String) -> [UInt8] {
        var key = Array("AWS4\(secret)".utf8)
        for part in [date, region, service, "aws4_request"] {
            key = Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: SymmetricKey(data: key)))
        }
        return key
    }

    /// The hex signature of `stringToSign`.
    static func signature(secret: String, date: String, region: String, service: String, stringToSign: String)
        -> String
    {
        let key = SymmetricKey(data: signingKey(secret: secret, date: date, region: region, service: service))
        return Array(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key)).hexString
    }

    /// Compares two ASCII strings in time independent of where they differ.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}

extension Sequence where Element == UInt8 {
    var hexString: String {
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        SigV4Canonical.appendHex(self, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

extension SHA256.Digest {
    var hexString: String { Array(self).hexString }
}

import Foundation

/// Encodes an operation's `Encodable` output as AWS JSON 1.1 bytes, writing straight into one
/// buffer instead of building the tree `JSONEncoder` builds.
///
/// The output means what `JSONEncoder` with `.withoutEscapingSlashes` and epoch-second dates
/// (`Double`) writes: members in the order the value encodes them (declaration order for
/// synthesized conformances), nil optionals omitted, `Data` as base64, `URL` as its absolute
/// string, integers without a fraction, other numbers in the shortest form that reads back to the
/// same `Double` (or `Float`), non-ASCII characters as raw UTF-8 and control characters escaped.
///
/// Writing as it goes relies on the nesting discipline of synthesized conformances (a container
/// is finished before its parent writes again). A value that breaks it — writing to a container
/// after a sibling's, or using `superEncoder` — is encoded again by `JSONEncoder` with the same
/// settings, so the result is always right, only slower. (One difference remains: a custom
/// `encode(to:)` that encodes the same key twice gets it written twice; JSON readers, botocore's
/// included, keep the last, which is the one `JSONEncoder` keeps.)
public struct AWSJSONEncoder: Sendable {
    /// Makes an encoder.
    public init() {}

    /// The JSON bytes of `value`.
    /// - Throws: `EncodingError.invalidValue` for a non-finite number or a value that encodes nothing.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let writer = JSONStreamWriter()
        if let writable = value as? any AWSJSONWritable {
            writer.writeObject(writable)
            return writer.out.bytes
        }
        do {
            try writer.encodeValue(value, parent: nil, key: nil)
            if !writer.brokeDiscipline { return writer.out.bytes }
        } catch is JSONStreamWriter.DisciplineBroken {
            // Fall through to JSONEncoder below.
        }
        return Array(try Self.foundationEncoder().encode(value))
    }

    /// The `JSONEncoder` whose output this encoder reproduces.
    static func foundationEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSince1970)
        }
        return encoder
    }
}

/// The output buffer and the stack of open objects and arrays.
final class JSONStreamWriter {
    struct DisciplineBroken: Error {}

    struct Frame {
        var serial: Int
        var isArray: Bool
        var empty = true
    }

    private struct Storage {
        var out = JSONOutputBuffer(capacity: 1024)
        var stack: [Frame] = []
        var nextSerial = 0
    }

    /// The mutable state lives behind a pointer: as stored properties of a class, every append
    /// would pay a dynamic exclusivity check (a third of the encoder's time when measured).
    private let storage: UnsafeMutablePointer<Storage>

    var out: JSONOutputBuffer {
        get { storage.pointee.out }
        _modify { yield &storage.pointee.out }
    }

    var stack: [Frame] {
        get { storage.pointee.stack }
        _modify { yield &storage.pointee.stack }
    }

    /// Set where the failure cannot be thrown (`container(keyedBy:)` does not throw).
    var brokeDiscipline = false

    init() {
        storage = .allocate(capacity: 1)
        storage.initialize(to: Storage())
        storage.pointee.stack.reserveCapacity(16)
    }

    deinit {
        storage.pointee.out.free()
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// Opens an object or array at the current position; returns its frame's serial.
    func open(array: Bool) -> Int {
        out.append(array ? UInt8(ascii: "[") : UInt8(ascii: "{"))
        storage.pointee.nextSerial += 1
        stack.append(Frame(serial: storage.pointee.nextSerial, isArray: array))
        return storage.pointee.nextSerial
    }

    /// Closes frames until `depth` remain.
    func close(to depth: Int) {
        while stack.count > depth {
            out.append(stack.removeLast().isArray ? UInt8(ascii: "]") : UInt8(ascii: "}"))
        }
    }

    /// Makes frame `index` (which must be the open frame `serial`) the innermost one and writes
    /// the separator before its next element.
    func prepare(_ index: Int, serial: Int) throws {
        guard index >= 0, index < stack.count, stack[index].serial == serial else { throw DisciplineBroken() }
        close(to: index + 1)
        if stack[index].empty {
            stack[index].empty = false
        } else {
            out.append(UInt8(ascii: ","))
        }
    }

    func writeKey(_ key: String) {
        writeString(key)
        out.append(UInt8(ascii: ":"))
    }

    // MARK: values

    /// Writes any value at the current position (after a key, a comma, or at the top).
    func encodeValue<T: Encodable>(_ value: T, parent: JSONStreamEncoder?, key: (any CodingKey)?) throws {
        if T.self == String.self { return writeString(value as! String) }
        if T.self == Int.self { return writeInteger(value as! Int) }
        if T.self == Bool.self { return writeBool(value as! Bool) }
        if T.self == Double.self { return try writeDouble(value as! Double, parent: parent, key: key) }
        if T.self == Int64.self { return writeInteger(value as! Int64) }
        if T.self == Date.self {
            return try writeDouble((value as! Date).timeIntervalSince1970, parent: parent, key: key)
        }
        if T.self == Data.self { return writeString((value as! Data).base64EncodedString()) }
        if T.self == URL.self { return writeString((value as! URL).absoluteString) }
        if T.self == Decimal.self { return writeRaw((value as! Decimal).description) }
        if T.self == Float.self { return try writeFloat(value as! Float, parent: parent, key: key) }
        let depth = stack.count
        let encoder = JSONStreamEncoder(writer: self, depth: depth, parent: parent, key: key)
        try value.encode(to: encoder)
        encoder.finished = true
        guard encoder.wroteSomething else {
            if parent == nil {
                throw EncodingError.invalidValue(
                    value, .init(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
            }
            // JSONEncoder writes an empty object for a nested value that encodes nothing.
            out.append("{}")
            return
        }
        close(to: depth)
    }

    func writeNull() { out.append("null") }

    func writeBool(_ b: Bool) {
        if b {
            out.append("true")
        } else {
            out.append("false")
        }
    }

    func writeRaw(_ text: String) { out.append(contentsOf: text) }

    func writeInteger<T: FixedWidthInteger>(_ value: T) {
        if value == 0 { return out.append(UInt8(ascii: "0")) }
        // Digits backwards into a small stack buffer, then copied in order.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits in
            var n = value.magnitude
            var i = 40
            while n > 0 {
                let (q, r) = n.quotientAndRemainder(dividingBy: 10)
                i -= 1
                digits[i] = UInt8(ascii: "0") + UInt8(r)
                n = q
            }
            if value < 0 { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i..<40]))
        }
    }

    private func invalid(_ value: Any, _ parent: JSONStreamEncoder?, _ key: (any CodingKey)?) -> EncodingError {
        let path = (parent?.codingPath ?? []) + (key.map { [$0] } ?? [])
        return .invalidValue(value, .init(codingPath: path, debugDescription: "Unable to encode \(value) directly in JSON."))
    }

    func writeDouble(_ n: Double, parent: JSONStreamEncoder?, key: (any CodingKey)?) throws {
        guard n.isFinite else { throw invalid(n, parent, key) }
        // Integral values print without `.0`, as JSONEncoder prints them; 2^53 keeps them exact.
        if n.rounded(.towardZero) == n, n.magnitude < 9_007_199_254_740_992 {
            return writeInteger(Int64(n))
        }
        writeRaw(n.description)
    }

    func writeFloat(_ n: Float, parent: JSONStreamEncoder?, key: (any CodingKey)?) throws {
        guard n.isFinite else { throw invalid(n, parent, key) }
        if n.rounded(.towardZero) == n, n.magnitude < 16_777_216 { return writeInteger(Int64(n)) }
        writeRaw(n.description)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A JSON string: `"` and `\` escaped, control characters as short escapes or `\u00XX`,
    /// everything else (slashes and non-ASCII included) as is.
    func writeString(_ s: String) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var runStart = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                runStart = i + 1
                out.append(UInt8(ascii: "\\"))
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(b)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    out.append("u00")
                    out.append(Self.hex[Int(b >> 4)])
                    out.append(Self.hex[Int(b & 0xF)])
                }
            }
            if runStart < bytes.count {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

import Foundation

/// An output shape that writes its own JSON, field by field, straight into the encoder's
/// buffer. `AWSJSONEncoder` uses it instead of the shape's `Encodable` conformance, which it
/// must produce the same JSON as (same keys, values, and omissions); Codable's per-container
/// machinery was most of the cost of encoding the largest responses on hot paths.
public protocol AWSJSONWritable {
    func write(to object: inout JSONObjectWriter)
}

/// Writes the members of one JSON object. Keys are static ASCII names (AWS member names), so
/// they are copied without escaping. `nil` values are omitted, as `encodeIfPresent` omits them.
public struct JSONObjectWriter {
    private let writer: JSONStreamWriter
    private var empty = true

    init(_ writer: JSONStreamWriter) {
        self.writer = writer
    }

    private mutating func key(_ name: StaticString) {
        writer.out.append(empty ? "\"" : ",\"")
        empty = false
        writer.out.append(name)
        writer.out.append("\":")
    }

    public mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        writer.writeString(value)
    }

    public mutating func field(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        writer.writeInteger(value)
    }

    public mutating func field(_ name: StaticString, _ value: Bool?) {
        guard let value else { return }
        key(name)
        writer.writeBool(value)
    }

    /// Seconds since 1970, as the encoder writes every `Date`.
    public mutating func field(_ name: StaticString, _ value: Date?) {
        guard let value else { return }
        key(name)
        let seconds = value.timeIntervalSince1970
        // A non-finite date cannot come from a `Date`; write null rather than trap.
        guard (try? writer.writeDouble(seconds, parent: nil, key: nil)) != nil else { return writer.writeNull() }
    }

    public mutating func field(_ name: StaticString, _ value: [String]?) {
        guard let value else { return }
        key(name)
        writer.out.append(UInt8(ascii: "["))
        for (index, element) in value.enumerated() {
            if index > 0 { writer.out.append(UInt8(ascii: ",")) }
            writer.writeString(element)
        }
        writer.out.append(UInt8(ascii: "]"))
    }

    public mutating func field(_ name: StaticString, _ value: [String: String]?) {
        guard let value else { return }
        key(name)
        writer.out.append(UInt8(ascii: "{"))
        var first = true
        for (key, element) in value {
            if !first { writer.out.append(UInt8(ascii: ",")) }
            first = false
            writer.writeKey(key)
            writer.writeString(element)
        }
        writer.out.append(UInt8(ascii: "}"))
    }

    public mutating func field(_ name: StaticString, _ value: (some AWSJSONWritable)?) {
        guard let value else { return }
        key(name)
        writer.writeObject(value)
    }

    /// A nested object written by `body` (for members whose type this module cannot conform).
    public mutating func object(_ name: StaticString, _ body: (inout JSONObjectWriter) -> Void) {
        key(name)
        writer.out.append(UInt8(ascii: "{"))
        var nested = JSONObjectWriter(writer)
        body(&nested)
        writer.out.append(UInt8(ascii: "}"))
    }

    /// An array of objects, each written by `body`; omitted when nil.
    public mutating func objects<Element>(
        _ name: StaticString, _ elements: [Element]?, _ body: (Element, inout JSONObjectWriter) -> Void
    ) {
        guard let elements else { return }
        key(name)
        writer.out.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { writer.out.append(UInt8(ascii: ",")) }
            writer.out.append(UInt8(ascii: "{"))
            var nested = JSONObjectWriter(writer)
            body(element, &nested)
            writer.out.append(UInt8(ascii: "}"))
        }
        writer.out.append(UInt8(ascii: "]"))
    }

    public mutating func field<Element: AWSJSONWritable>(_ name: StaticString, _ value: [Element]?) {
        guard let value else { return }
        key(name)
        writer.out.append(UInt8(ascii: "["))
        for (index, element) in value.enumerated() {
            if index > 0 { writer.out.append(UInt8(ascii: ",")) }
            writer.writeObject(element)
        }
        writer.out.append(UInt8(ascii: "]"))
    }
}

extension JSONStreamWriter {
    func writeObject(_ value: some AWSJSONWritable) {
        out.append(UInt8(ascii: "{"))
        var object = JSONObjectWriter(self)
        value.write(to: &object)
        out.append(UInt8(ascii: "}"))
    }
}

import Foundation

/// Decodes a `Decodable` value from an already-parsed `JSONValue`, so that a request body parsed
/// once for model validation need not be parsed again by `JSONDecoder`.
///
/// It follows `JSONDecoder` configured with `.secondsSince1970` dates: numbers decode as any
/// numeric type whose range holds them (integers only from integral numbers), `Date` from epoch
/// seconds, `Data` from base64, a missing key or `null` gives nil for optionals, and mismatches
/// throw `DecodingError` whose context carries the coding path (array elements as `Index N`) —
/// also for a number that does not fit its type, where `JSONDecoder` leaves the path empty.
public struct JSONValueDecoder: Sendable {
    /// Makes a decoder.
    public init() {}

    /// Decodes `type` from `value`.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONValueDecoding(value: value, codingPath: []).decodeAny(value, as: T.self, path: [])
    }
}

/// A coding key for array indices and dictionary keys, spelled as Foundation spells them.
/// Three words, so that it fits an existential's inline buffer, and the `Index N` text is made
/// only when read (errors, custom conformances).
struct JSONValueKey: CodingKey {
    private let name: String
    private let index: Int
    var stringValue: String { index >= 0 ? "Index \(index)" : name }
    var intValue: Int? { index >= 0 ? index : nil }
    init(stringValue: String) {
        self.name = stringValue
        self.index = -1
    }
    init(intValue: Int) {
        self.name = ""
        self.index = intValue
    }
}

final class JSONValueDecoding: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(value: JSONValue, codingPath: [any CodingKey]) {
        self.value = value
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw Self.mismatch([String: Any].self, value, codingPath)
        }
        return KeyedDecodingContainer(Keyed<Key>(decoder: self, members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw Self.mismatch([Any].self, value, codingPath) }
        return Unkeyed(decoder: self, elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(decoder: self) }

    // MARK: unboxing

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "bool"
        case .number(let n): "number \(JSONValue.formatNumber(n))"
        case .string: "a string"
        case .array: "an array"
        case .object: "a dictionary"
        }
    }

    static func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
        if case .null = value {
            return .valueNotFound(
                type, .init(codingPath: path, debugDescription: "Cannot get \(type) -- found null value instead"))
        }
        return .typeMismatch(
            type, .init(codingPath: path, debugDescription: "Expected to decode \(type) but found \(describe(value)) instead."))
    }

    func unbox(_ value: JSONValue, as type: Bool.Type, path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        guard case .bool(let b) = value else { throw Self.mismatch(type, value, path()) }
        return b
    }

    func unbox(_ value: JSONValue, as type: String.Type, path: @autoclosure () -> [any CodingKey]) throws -> String {
        guard case .string(let s) = value else { throw Self.mismatch(type, value, path()) }
        return s
    }

    func unboxDouble(_ value: JSONValue, path: @autoclosure () -> [any CodingKey]) throws -> Double {
        guard case .number(let n) = value else { throw Self.mismatch(Double.self, value, path()) }
        return n
    }

    func unboxFloat(_ value: JSONValue, path: @autoclosure () -> [any CodingKey]) throws -> Float {
        guard case .number(let n) = value else { throw Self.mismatch(Float.self, value, path()) }
        guard n.magnitude <= Double(Float.greatestFiniteMagnitude) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: path(), debugDescription: "Number \(n) does not fit in Float."))
        }
        return Float(n)
    }

    func unboxInteger<T: FixedWidthInteger>(_ value: JSONValue, as type: T.Type, path: @autoclosure () -> [any CodingKey]) throws -> T {
        guard case .number(let n) = value else { throw Self.mismatch(type, value, path()) }
        guard let exact = T(exactly: n) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: path(), debugDescription: "Number \(JSONValue.formatNumber(n)) does not fit in \(type)."))
        }
        return exact
    }

    func unbox<T: Decodable>(_ value: JSONValue, as type: T.Type, path: @autoclosure () -> [any CodingKey]) throws -> T {
        // Foundation types whose own Codable forms are not AWS's: timestamps are epoch seconds,
        // blobs base64. Everything else decodes itself through a nested decoder.
        if type == Date.self {
            guard case .number(let n) = value else { throw Self.mismatch(Date.self, value, path()) }
            return Date(timeIntervalSince1970: n) as! T
        }
        if type == Data.self {
            guard case .string(let s) = value else { throw Self.mismatch(Data.self, value, path()) }
            guard let data = Data(base64Encoded: s) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: path(), debugDescription: "Encountered Data is not valid Base64."))
            }
            return data as! T
        }
        if type == JSONValue.self { return value as! T }
        return try T(from: JSONValueDecoding(value: value, codingPath: path()))
    }

    /// Any primitive or nested value, dispatched on the static type.
    func decodeAny<T: Decodable>(_ value: JSONValue, as type: T.Type, path: @autoclosure () -> [any CodingKey]) throws -> T {
        switch type {
        case is String.Type: return try unbox(value, as: String.self, path: path()) as! T
        case is Bool.Type: return try unbox(value, as: Bool.self, path: path()) as! T
        case is Int.Type: return try unboxInteger(value, as: Int.self, path: path()) as! T
        case is Int64.Type: return try unboxInteger(value, as: Int64.self, path: path()) as! T
        case is Double.Type: return try unboxDouble(value, path: path()) as! T
        default: return try unbox(value, as: type, path: path())
        }
    }
}

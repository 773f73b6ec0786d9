/// The three container kinds of `JSONValueDecoder`. Coding paths of primitive members are built
/// only when an error needs them.
extension JSONValueDecoding {
    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: JSONValueDecoding
        let members: [String: JSONValue]
        let codingPath: [any CodingKey]

        var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

        private func value(_ key: Key) throws -> JSONValue {
            guard let value = members[key.stringValue] else {
                throw DecodingError.keyNotFound(
                    key,
                    .init(codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\").")
                )
            }
            return value
        }

        private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

        func decodeNil(forKey key: Key) throws -> Bool {
            if case .null = try value(key) { return true }
            return false
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
            try decoder.unbox(value(key), as: type, path: path(key))
        }
        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            let v = try value(key)
            if case .string(let s) = v { return s }
            throw JSONValueDecoding.mismatch(type, v, path(key))
        }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
            try decoder.unboxDouble(value(key), path: path(key))
        }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
            try decoder.unboxFloat(value(key), path: path(key))
        }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(key) }

        private func integer<T: FixedWidthInteger>(_ key: Key) throws -> T {
            try decoder.unboxInteger(value(key), as: T.self, path: path(key))
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try decoder.decodeAny(value(key), as: type, path: path(key))
        }

        // Missing and null are both nil, as with JSONDecoder; one lookup instead of the default's three.
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            guard let v = members[key.stringValue] else { return nil }
            switch v {
            case .null: return nil
            case .string(let s): return s
            default: throw JSONValueDecoding.mismatch(type, v, path(key))
            }
        }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let v = members[key.stringValue], v != .null else { return nil }
            return try decoder.decodeAny(v, as: type, path: path(key))
        }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type,
            forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            try JSONValueDecoding(value: value(key), codingPath: path(key)).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try JSONValueDecoding(value: value(key), codingPath: path(key)).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            let key = JSONValueKey(stringValue: "super")
            return JSONValueDecoding(value: members["super"] ?? .null, codingPath: codingPath + [key])
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            JSONValueDecoding(value: members[key.stringValue] ?? .null, codingPath: path(key))
        }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let decoder: JSONValueDecoding
        let elements: [JSONValue]
        let codingPath: [any CodingKey]
        private(set) var currentIndex = 0

        init(decoder: JSONValueDecoding, elements: [JSONValue], codingPath: [any CodingKey]) {
            self.decoder = decoder
            self.elements = elements
            self.codingPath = codingPath
        }

        var count: Int? { elements.count }
        var isAtEnd: Bool { currentIndex >= elements.count }

        private var path: [any CodingKey] { codingPath + [JSONValueKey(intValue: currentIndex)] }

        private func peek(_ type: Any.Type) throws -> JSONValue {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(
                    type, .init(codingPath: path, debugDescription: "Unkeyed container is at end."))
            }
            return elements[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            guard case .null = try peek(Never.self) else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let result = try decoder.decodeAny(peek(type), as: type, path: path)
            currentIndex += 1
            return result
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try primitive(type) }
        mutating func decode(_ type: String.Type) throws -> String { try primitive(type) }
        mutating func decode(_ type: Double.Type) throws -> Double { try primitive(type) }
        mutating func decode(_ type: Float.Type) throws -> Float {
            let result = try decoder.unboxFloat(peek(type), path: path)
            currentIndex += 1
            return result
        }
        mutating func decode(_ type: Int.Type) throws -> Int { try integer() }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try integer() }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

        private mutating func primitive<T: Decodable>(_ type: T.Type) throws -> T { try decode(type) }

        private mutating func integer<T: FixedWidthInteger>() throws -> T {
            let result = try decoder.unboxInteger(peek(T.self), as: T.self, path: path)
            currentIndex += 1
            return result
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type
        ) throws -> KeyedDecodingContainer<NestedKey> {
            let container = try JSONValueDecoding(value: peek(type), codingPath: path).container(keyedBy: type)
            currentIndex += 1
            return container
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let container = try JSONValueDecoding(value: peek([Any].self), codingPath: path).unkeyedContainer()
            currentIndex += 1
            return container
        }

        mutating func superDecoder() throws -> any Decoder {
            let decoder = JSONValueDecoding(value: try peek(Any.self), codingPath: path)
            currentIndex += 1
            return decoder
        }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: JSONValueDecoding
        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool { decoder.value == .null }
        func decode(_ type: Bool.Type) throws -> Bool { try decoder.unbox(decoder.value, as: type, path: codingPath) }
        func decode(_ type: String.Type) throws -> String {
            try decoder.unbox(decoder.value, as: type, path: codingPath)
        }
        func decode(_ type: Double.Type) throws -> Double { try decoder.unboxDouble(decoder.value, path: codingPath) }
        func decode(_ type: Float.Type) throws -> Float { try decoder.unboxFloat(decoder.value, path: codingPath) }
        func decode(_ type: Int.Type) throws -> Int { try integer() }
        func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
        func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
        func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
        func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
        func decode(_ type: UInt.Type) throws -> UInt { try integer() }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try decoder.decodeAny(decoder.value, as: type, path: codingPath)
        }

        private func integer<T: FixedWidthInteger>() throws -> T {
            try decoder.unboxInteger(decoder.value, as: T.self, path: codingPath)
        }
    }
}

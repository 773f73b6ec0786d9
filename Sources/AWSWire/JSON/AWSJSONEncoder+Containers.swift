/// The `Encoder` of one value and its containers. Each container remembers the stack frame it
/// writes into; writing to a frame that is no longer open means the value did not follow the
/// nesting discipline, and `AWSJSONEncoder` starts over with `JSONEncoder`.
final class JSONStreamEncoder: Encoder {
    enum State {
        case none
        case keyed(index: Int, serial: Int)
        case unkeyed(index: Int, serial: Int)
        case single(written: Bool)
    }

    let writer: JSONStreamWriter
    let depth: Int
    let parent: JSONStreamEncoder?
    let prefix: [any CodingKey]
    let key: (any CodingKey)?
    var state = State.none
    var finished = false

    init(
        writer: JSONStreamWriter,
        depth: Int,
        parent: JSONStreamEncoder?,
        prefix: [any CodingKey] = [],
        key: (any CodingKey)?
    ) {
        self.writer = writer
        self.depth = depth
        self.parent = parent
        self.prefix = prefix
        self.key = key
    }

    /// Built only when asked for (errors, custom conformances): most values never need it.
    var codingPath: [any CodingKey] { (parent?.codingPath ?? []) + prefix + (key.map { [$0] } ?? []) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var wroteSomething: Bool {
        switch state {
        case .none, .single(written: false): false
        default: true
        }
    }

    /// Whether a container may start here: nothing written yet, at the position this value owns.
    private var atOwnPosition: Bool { !finished && writer.stack.count == depth }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        switch state {
        case .keyed(let index, let serial) where !finished:
            return KeyedEncodingContainer(Keyed(encoder: self, index: index, serial: serial, path: []))
        case .none where atOwnPosition:
            let serial = writer.open(array: false)
            state = .keyed(index: depth, serial: serial)
            return KeyedEncodingContainer(Keyed(encoder: self, index: depth, serial: serial, path: []))
        default:
            writer.brokeDiscipline = true
            return KeyedEncodingContainer(Keyed(encoder: self, index: -1, serial: -1, path: []))
        }
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        switch state {
        case .unkeyed(let index, let serial) where !finished:
            return Unkeyed(encoder: self, index: index, serial: serial, path: [])
        case .none where atOwnPosition:
            let serial = writer.open(array: true)
            state = .unkeyed(index: depth, serial: serial)
            return Unkeyed(encoder: self, index: depth, serial: serial, path: [])
        default:
            writer.brokeDiscipline = true
            return Unkeyed(encoder: self, index: -1, serial: -1, path: [])
        }
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        switch state {
        case .none where atOwnPosition: state = .single(written: false)
        case .single(written: false) where !finished: break
        default: writer.brokeDiscipline = true
        }
        return Single(encoder: self)
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: JSONStreamEncoder
        let index: Int
        let serial: Int
        /// Keys of nested containers between the encoder and this container.
        let path: [any CodingKey]
        var codingPath: [any CodingKey] { encoder.codingPath + path }

        private func begin(_ key: Key) throws -> JSONStreamWriter {
            let writer = encoder.writer
            try writer.prepare(index, serial: serial)
            writer.writeKey(key.stringValue)
            return writer
        }

        mutating func encodeNil(forKey key: Key) throws { try begin(key).writeNull() }
        mutating func encode(_ value: Bool, forKey key: Key) throws { try begin(key).writeBool(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { try begin(key).writeString(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            try begin(key).writeDouble(value, parent: encoder, key: key)
        }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            try begin(key).writeFloat(value, parent: encoder, key: key)
        }
        mutating func encode(_ value: Int, forKey key: Key) throws { try begin(key).writeInteger(value) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { try begin(key).writeInteger(value) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { try begin(key).writeInteger(value) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { try begin(key).writeInteger(value) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { try begin(key).writeInteger(value) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { try begin(key).writeInteger(value) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { try begin(key).writeInteger(value) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { try begin(key).writeInteger(value) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { try begin(key).writeInteger(value) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { try begin(key).writeInteger(value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            let writer = try begin(key)
            if path.isEmpty {
                try writer.encodeValue(value, parent: encoder, key: key)
            } else {
                let nested = JSONStreamEncoder(
                    writer: writer, depth: writer.stack.count, parent: encoder, prefix: path, key: key)
                try writer.encodeValue(value, parent: nested, key: nil)
            }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type,
            forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            guard let writer = try? begin(key) else {
                encoder.writer.brokeDiscipline = true
                return KeyedEncodingContainer(Keyed<NestedKey>(encoder: encoder, index: -1, serial: -1, path: []))
            }
            let serial = writer.open(array: false)
            return KeyedEncodingContainer(
                Keyed<NestedKey>(encoder: encoder, index: writer.stack.count - 1, serial: serial, path: path + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            guard let writer = try? begin(key) else {
                encoder.writer.brokeDiscipline = true
                return Unkeyed(encoder: encoder, index: -1, serial: -1, path: [])
            }
            let serial = writer.open(array: true)
            return Unkeyed(encoder: encoder, index: writer.stack.count - 1, serial: serial, path: path + [key])
        }

        mutating func superEncoder() -> any Encoder { encoder.abandon() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.abandon() }
    }

    /// A throwaway encoder for what the stream cannot express; the whole value is re-encoded.
    func abandon() -> any Encoder {
        writer.brokeDiscipline = true
        let dead = JSONStreamEncoder(writer: writer, depth: -1, parent: self, key: nil)
        dead.finished = true
        return dead
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let encoder: JSONStreamEncoder
        let index: Int
        let serial: Int
        let path: [any CodingKey]
        private(set) var count = 0
        var codingPath: [any CodingKey] { encoder.codingPath + path }

        init(encoder: JSONStreamEncoder, index: Int, serial: Int, path: [any CodingKey]) {
            self.encoder = encoder
            self.index = index
            self.serial = serial
            self.path = path
        }

        private mutating func begin() throws -> JSONStreamWriter {
            try encoder.writer.prepare(index, serial: serial)
            count += 1
            return encoder.writer
        }

        private var indexKey: JSONValueKey { JSONValueKey(intValue: count - 1) }

        mutating func encodeNil() throws { try begin().writeNull() }
        mutating func encode(_ value: Bool) throws { try begin().writeBool(value) }
        mutating func encode(_ value: String) throws { try begin().writeString(value) }
        mutating func encode(_ value: Double) throws {
            let writer = try begin()
            try writer.writeDouble(value, parent: element(writer), key: nil)
        }
        mutating func encode(_ value: Float) throws {
            let writer = try begin()
            try writer.writeFloat(value, parent: element(writer), key: nil)
        }
        mutating func encode(_ value: Int) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: Int8) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: Int16) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: Int32) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: Int64) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: UInt) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: UInt8) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: UInt16) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: UInt32) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: UInt64) throws { try begin().writeInteger(value) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            let writer = try begin()
            if path.isEmpty {
                try writer.encodeValue(value, parent: encoder, key: indexKey)
            } else {
                try writer.encodeValue(value, parent: element(writer), key: nil)
            }
        }

        /// The encoder of the element just begun, for its coding path.
        private func element(_ writer: JSONStreamWriter) -> JSONStreamEncoder {
            JSONStreamEncoder(
                writer: writer, depth: writer.stack.count, parent: encoder, prefix: path, key: indexKey)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type
        ) -> KeyedEncodingContainer<NestedKey> {
            guard let writer = try? begin() else {
                encoder.writer.brokeDiscipline = true
                return KeyedEncodingContainer(JSONStreamEncoder.Keyed<NestedKey>(encoder: encoder, index: -1, serial: -1, path: []))
            }
            let serial = writer.open(array: false)
            return KeyedEncodingContainer(
                JSONStreamEncoder.Keyed<NestedKey>(
                    encoder: encoder, index: writer.stack.count - 1, serial: serial, path: path + [indexKey]))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            guard let writer = try? begin() else {
                encoder.writer.brokeDiscipline = true
                return Unkeyed(encoder: encoder, index: -1, serial: -1, path: [])
            }
            let serial = writer.open(array: true)
            return Unkeyed(encoder: encoder, index: writer.stack.count - 1, serial: serial, path: path + [indexKey])
        }

        mutating func superEncoder() -> any Encoder { encoder.abandon() }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: JSONStreamEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        private func begin() throws -> JSONStreamWriter {
            guard !encoder.finished, case .single(written: false) = encoder.state,
                encoder.writer.stack.count == encoder.depth
            else { throw JSONStreamWriter.DisciplineBroken() }
            encoder.state = .single(written: true)
            return encoder.writer
        }

        mutating func encodeNil() throws { try begin().writeNull() }
        mutating func encode(_ value: Bool) throws { try begin().writeBool(value) }
        mutating func encode(_ value: String) throws { try begin().writeString(value) }
        mutating func encode(_ value: Double) throws { try begin().writeDouble(value, parent: encoder, key: nil) }
        mutating func encode(_ value: Float) throws { try begin().writeFloat(value, parent: encoder, key: nil) }
        mutating func encode(_ value: Int) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: Int8) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: Int16) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: Int32) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: Int64) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: UInt) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: UInt8) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: UInt16) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: UInt32) throws { try begin().writeInteger(value) }
        mutating func encode(_ value: UInt64) throws { try begin().writeInteger(value) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            try begin().encodeValue(value, parent: encoder, key: nil)
        }
    }
}

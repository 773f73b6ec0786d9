import AWSWire
import Foundation
import Testing

/// `AWSJSONEncoder` against `JSONEncoder` as the gateway configures it: both outputs parsed back
/// must be equal values (member order is free).
@Suite struct AWSJSONEncoderTests {
    static func foundation<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(date.timeIntervalSince1970)
        }
        return Array(try encoder.encode(value))
    }

    func expectSameAsFoundation<T: Encodable>(
        _ value: T,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let ours = try AWSJSONEncoder().encode(value)
        let theirs = try Self.foundation(value)
        let parsed = try JSONValue.parse(ours)
        #expect(
            parsed == (try JSONValue.parse(theirs)),
            "ours: \(String(decoding: ours, as: UTF8.self))\ntheirs: \(String(decoding: theirs, as: UTF8.self))",
            sourceLocation: sourceLocation)
        // Foundation's own parser must read it too, to the same objects.
        let viaFoundation = try JSONSerialization.jsonObject(with: Data(ours), options: [.fragmentsAllowed])
        let foundationOwn = try JSONSerialization.jsonObject(with: Data(theirs), options: [.fragmentsAllowed])
        #expect((viaFoundation as? NSObject) == (foundationOwn as? NSObject), sourceLocation: sourceLocation)
    }

    struct Policy: Codable { var MinimumLength: Int; var RequireSymbols: Bool; var Validity: Int64? }
    struct Attribute: Codable { var Name: String; var Mutable: Bool?; var Constraints: [String: String]? }
    struct Pool: Codable {
        var Id: String
        var Name: String
        var Arn: String
        var Policy: Policy
        var CreationDate: Date
        var LastModifiedDate: Date
        var Aliases: [String]?
        var Attributes: [Attribute]?
        var Users: Int
        var Tags: [String: String]?
        var Ratio: Double?
        var Level: Float?
        var Blob: Data?
        var Matrix: [[Int?]]?
        var Small: Int8?
        var Huge: UInt64?
    }

    static let pool = Pool(
        Id: "us-east-1_AbC", Name: "pool \"one\" \\ / ü 😀 \u{2028}", Arn: "arn:aws:cognito-idp:us-east-1:0:userpool/x",
        Policy: .init(MinimumLength: 12, RequireSymbols: false, Validity: nil),
        CreationDate: Date(timeIntervalSince1970: 1_795_916_880.25), LastModifiedDate: Date(timeIntervalSince1970: 0),
        Aliases: [], Attributes: [.init(Name: "email", Mutable: true, Constraints: ["Min": "0", "Max": "2048"]),
            .init(Name: "sub", Mutable: nil, Constraints: nil)],
        Users: -42, Tags: ["a/b": "c\td", "": "empty key"], Ratio: 0.1, Level: 0.1, Blob: Data([0, 1, 254, 255]),
        Matrix: [[1, nil], [], [3]], Small: -128, Huge: UInt64.max)

    @Test func nestedStructMatchesJSONEncoder() throws {
        try expectSameAsFoundation(Self.pool)
        var sparse = Self.pool
        (sparse.Aliases, sparse.Attributes, sparse.Tags, sparse.Ratio, sparse.Level) = (nil, nil, nil, nil, nil)
        (sparse.Blob, sparse.Matrix, sparse.Small, sparse.Huge) = (nil, nil, nil, nil)
        try expectSameAsFoundation(sparse)
        let text = String(decoding: try AWSJSONEncoder().encode(sparse), as: UTF8.self)
        #expect(!text.contains("null") && !text.contains("Aliases"), "nil optionals are omitted: \(text)")
    }

    /// One optional member per concrete `encodeIfPresent` overload.
    struct Optionals: Codable {
        var b: Bool?, s: String?, d: Double?, f: Float?, i: Int?, i8: Int8?, i16: Int16?, i32: Int32?
        var i64: Int64?, u: UInt?, u8: UInt8?, u16: UInt16?, u32: UInt32?, u64: UInt64?, date: Date?
    }

    @Test func everyOptionalTypeIsWrittenOrOmitted() throws {
        let full = Optionals(
            b: false, s: "x", d: 2.5, f: -1.5, i: -1, i8: 8, i16: 16, i32: 32, i64: Int64.min, u: 1, u8: 255,
            u16: 16, u32: 32, u64: UInt64.max, date: Date(timeIntervalSince1970: 7))
        try expectSameAsFoundation(full)
        let empty = Optionals()
        #expect(try AWSJSONEncoder().encode(empty) == Array("{}".utf8))
        try expectSameAsFoundation(empty)
    }

    @Test func outputsLargerThanTheInitialBuffer() throws {
        // The writer starts with 1 KB; these grow it by single bytes, by long runs, and by both.
        let many = (0..<5000).map { Attribute(Name: "n\($0)", Mutable: $0 % 2 == 0, Constraints: nil) }
        try expectSameAsFoundation(many)
        try expectSameAsFoundation([String(repeating: "ü\"x", count: 3000), String(repeating: "a", count: 70_000)])
    }

    @Test func stringsEscapeExactlyWhatJSONNeeds() throws {
        let controls = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) })
        for s in [controls, "\"\\/", "é ü 中文 😀", "\u{7F}\u{80}\u{2028}\u{FEFF}", "", "plain"] {
            try expectSameAsFoundation(["k": s])
            let text = String(decoding: try AWSJSONEncoder().encode(s), as: UTF8.self)
            #expect(s.contains("\\") || !text.contains("\\/"), "slashes are not escaped")
            #expect(text.unicodeScalars.allSatisfy { $0.value >= 0x20 }, "no raw control characters")
            #expect(try JSONValue.parse(text) == .string(s))
        }
        #expect(try AWSJSONEncoder().encode("é/😀") == Array("\"é/😀\"".utf8), "non-ASCII and / stay raw")
    }

    @Test func numbersRoundTripAndIntegersHaveNoFraction() throws {
        let doubles: [Double] = [
            0, -0.0, 0.1, -1.5, 1e-7, Double.leastNonzeroMagnitude, 1e300, Double.greatestFiniteMagnitude, 123456789.123,
            1_795_916_880.25, 9_007_199_254_740_992, 1e20, -3, 2.5e-10, 1 / 3,
        ]
        for d in doubles {
            try expectSameAsFoundation(["d": d])
            #expect(try JSONValue.parse(AWSJSONEncoder().encode(d)) == .number(d), "\(d) round-trips")
        }
        for f: Float in [0.1, 3.4e38, 1e-30, 16_777_216, 7] {
            try expectSameAsFoundation(f)
            let text = String(decoding: try AWSJSONEncoder().encode(f), as: UTF8.self)
            #expect(Float(text) == f, "\(f) round-trips as Float: \(text)")
        }
        for i in [0, 1, -1, Int.max, Int.min, 300] {
            try expectSameAsFoundation(["i": i])
            #expect(try AWSJSONEncoder().encode(i) == Array(String(i).utf8))
        }
        #expect(try AWSJSONEncoder().encode(301.0) == Array("301".utf8))
        #expect(try AWSJSONEncoder().encode(Date(timeIntervalSince1970: 1_795_916_880)) == Array("1795916880".utf8))
        #expect(throws: EncodingError.self) { try AWSJSONEncoder().encode(["x": Double.nan]) }
        #expect(throws: EncodingError.self) { try AWSJSONEncoder().encode([Float.infinity]) }
    }

    @Test func topLevelShapesAndDictionaries() throws {
        try expectSameAsFoundation([1, 2, 3])
        try expectSameAsFoundation([String: [Int]]())
        try expectSameAsFoundation(["a": ["b": ["c": true]]])
        try expectSameAsFoundation([Int?.none, 1])
        try expectSameAsFoundation(JSONValue.object(["a": [1, "x", nil, ["k": false]]]))
        try expectSameAsFoundation(URL(string: "https://example.com/a?b=c")!)
    }

    /// Interleaves two nested containers: not streamable, so it must fall back to JSONEncoder.
    struct Interleaved: Encodable {
        enum K: String, CodingKey { case a, b, c }
        func encode(to encoder: any Encoder) throws {
            var root = encoder.container(keyedBy: K.self)
            var a = root.nestedContainer(keyedBy: K.self, forKey: .a)
            var b = root.nestedUnkeyedContainer(forKey: .b)
            try a.encode(1, forKey: .c)
            try b.encode("x")
            try root.encode(true, forKey: .c)
        }
    }

    /// Uses `superEncoder`, which the stream does not support.
    struct WithSuper: Encodable {
        enum K: String, CodingKey { case own }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: K.self)
            try c.encode("v", forKey: .own)
            try Policy(MinimumLength: 1, RequireSymbols: true).encode(to: c.superEncoder())
        }
    }

    /// Encodes nothing: nested, JSONEncoder writes `{}`.
    struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
    struct HoldsNothing: Encodable { var n = Nothing(); var after = 1 }

    /// Nested containers used in order are streamable.
    struct Ordered: Encodable {
        enum K: String, CodingKey { case a, b, c }
        func encode(to encoder: any Encoder) throws {
            var root = encoder.container(keyedBy: K.self)
            var a = root.nestedContainer(keyedBy: K.self, forKey: .a)
            try a.encode(1, forKey: .c)
            try a.encode(Policy(MinimumLength: 2, RequireSymbols: false), forKey: .b)
            var b = root.nestedUnkeyedContainer(forKey: .b)
            try b.encode("x")
            var inner = b.nestedContainer(keyedBy: K.self)
            try inner.encodeNil(forKey: .a)
            try root.encode(true, forKey: .c)
        }
    }

    @Test func customConformancesAreRightEvenWhenNotStreamable() throws {
        try expectSameAsFoundation(Interleaved())
        try expectSameAsFoundation(WithSuper())
        try expectSameAsFoundation(HoldsNothing())
        try expectSameAsFoundation(Ordered())
        #expect(throws: EncodingError.self) { try AWSJSONEncoder().encode(Nothing()) }
    }
}

/// A shape that writes itself is written by its `write(to:)`, not its `Encodable` conformance.
@Suite struct AWSJSONWritableTests {
    struct Shape: Encodable, AWSJSONWritable {
        var name = "x"
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode("codable", forKey: AnyKey("via"))
        }
        func write(to object: inout JSONObjectWriter) {
            object.field("via", "writer")
            object.field("missing", String?.none)
            object.field("count", 3)
            object.field("when", Date(timeIntervalSince1970: 1.5))
            object.field("list", ["a", "b\"c"])
            object.object("nested") { $0.field("ok", true) }
            object.objects("items", [1, 2]) { item, o in o.field("n", item) }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    @Test func writerIsPreferred() throws {
        let bytes = try AWSJSONEncoder().encode(Shape())
        #expect(String(decoding: bytes, as: UTF8.self)
            == #"{"via":"writer","count":3,"when":1.5,"list":["a","b\"c"],"nested":{"ok":true},"items":[{"n":1},{"n":2}]}"#)
    }
}

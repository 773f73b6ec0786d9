import Foundation
import Testing

@testable import AWSWire

@Suite struct JSONValueTests {
    @Test func parsesEveryKindOfValue() throws {
        let v = try JSONValue.parse(
            #" {"a": [1, -2.5e2, true, false, null], "b": {"c": "d\"\\\/\n\u00fc\ud83d\ude00"}} "#
        )
        #expect(v["a"] == [1, -250, true, false, nil])
        #expect(v["b"]?["c"] == .string("d\"\\/\nü😀"))
        #expect(v["a"]?[1]?.numberValue == -250)
        #expect(v["a"]?[9] == nil)
    }

    @Test func malformedJSONNamesTheByteOffset() {
        let cases: [(String, String)] = [
            (#"{"a": }"#, "offset 6"),
            (#"{"a" 1}"#, "offset 5"),
            (#"{"a": 1,}"#, "offset 8"),
            (#"[1 2]"#, "offset 3"),
            (#"{"a": 01}"#, "offset 7"),
            (#"{"a": "\x"}"#, "offset 8"),
            (#"{"a": tru}"#, "offset 6"),
            (#"{} {}"#, "offset 3"),
            (#"{"a": "\ud800"}"#, "surrogate"),
            (#"{"a": 1e400}"#, "out of range"),
        ]
        for (text, expected) in cases {
            #expect {
                _ = try JSONValue.parse(text)
            } throws: { error in
                guard let e = error as? AWSError else { return false }
                return e.code == "SerializationException" && e.status == 400 && e.message.contains(expected)
            }
        }
    }

    @Test func rejectsInvalidUTF8AndControlCharacters() {
        #expect(throws: AWSError.self) { try JSONValue.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: AWSError.self) { try JSONValue.parse([0x22, 0x0A, 0x22]) }
    }

    @Test func nestingIsBoundedAt64Levels() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONValue.parse(ok) }
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect {
            try JSONValue.parse(deep)
        } throws: { ($0 as? AWSError)?.message.contains("nesting deeper than 64") == true }
        // A hostile body of a million brackets fails fast instead of overflowing the stack.
        let hostile = Array(repeating: UInt8(ascii: "{"), count: 1_000_000)
        #expect(throws: AWSError.self) { try JSONValue.parse(hostile) }
    }

    @Test func everyTruncationOfAValidBodyFails() throws {
        let body = Array(#"{"DomainId":"d-abc","Tags":[{"Key":"k","Value":"v\u00e9"}],"N":12.5e1}"#.utf8)
        #expect(try JSONValue.parse(body)["N"] == 125)
        for end in 1..<body.count {
            #expect(throws: AWSError.self, "prefix of \(end) bytes") { try JSONValue.parse(Array(body[..<end])) }
        }
    }

    @Test func serializationIsCompactSortedAndRoundTrips() throws {
        let value: JSONValue = ["b": [1, 2.5, "x\"y\n\u{01}"], "a": nil, "c": ["z": true, "y": false]]
        #expect(value.serialized == #"{"a":null,"b":[1,2.5,"x\"y\n\u0001"],"c":{"y":false,"z":true}}"#)
        #expect(try JSONValue.parse(value.serializedBytes) == value)
        #expect(JSONValue.number(301).serialized == "301")
        #expect(JSONValue.number(1.7e300).serialized == "1.7e+300")
    }

    @Test func requestBodyMustBeAnObjectAndEmptyMeansEmptyObject() throws {
        #expect(try AWSJSON.parseRequestBody([]) == [:])
        #expect(try AWSJSON.parseRequestBody(Array(" \n".utf8)) == [:])
        #expect(try AWSJSON.parseRequestBody(Array(#"{"A":1}"#.utf8)) == ["A": 1])
        #expect {
            try AWSJSON.parseRequestBody(Array("[1]".utf8))
        } throws: { ($0 as? AWSError)?.code == "SerializationException" }
    }
}

@Suite struct JSONValueCodableTests {
    @Test func timestampsAreEpochSeconds() {
        let date = Date(timeIntervalSince1970: 1_795_916_880.25)
        #expect(JSONValue.timestamp(date).serialized == "1795916880.25")
        #expect(JSONValue.timestamp(date).dateValue == date)
        #expect(JSONValue.string("x").dateValue == nil)
    }

    @Test func codableKeepsBooleansAndNumbersApart() throws {
        let value: JSONValue = ["flag": true, "one": 1, "list": [false, 0, "0", nil], "nested": ["x": 1.5]]
        let data = try JSONEncoder().encode(value)
        let back = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(back == value)
        #expect(back["flag"] == .bool(true))
        #expect(back["one"] == .number(1))
        #expect(try JSONValue.parse(Array(data)) == value)
    }
}

@Suite struct JSONStringEscapeTests {
    @Test func invalidUTF8IsRejectedWithOrWithoutEscapes() {
        for bytes: [UInt8] in [[0x22, 0xC3, 0x5C, 0x6E, 0x22], [0x22, 0x5C, 0x6E, 0xC3, 0x22], [0x22, 0xC3, 0x5C, 0x75, 0x30, 0x30, 0x41, 0x39, 0x22]] {
            #expect(throws: AWSError.self) { try JSONValue.parse(bytes) }
        }
    }

    @Test func escapesBetweenRawRuns() throws {
        #expect(try JSONValue.parse(#""ab\tc\u00e9d\"é\/""#) == .string("ab\tcéd\"é/"))
        #expect(try JSONValue.parse(#""\\""#) == .string("\\"))
        #expect(try JSONValue.parse(#""""#) == .string(""))
    }
}

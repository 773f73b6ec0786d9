import AWSWire
import Foundation
import Testing

/// `JSONValueDecoder` against Foundation's `JSONDecoder` (epoch-second dates) on the same text:
/// equal values, or errors of the same kind at the same coding path.
@Suite struct JSONValueDecoderTests {
    struct Limits: Codable, Equatable {
        var MinLength: Int?
        var MaxLength: Int64?
    }

    struct Attribute: Codable, Equatable {
        var Name: String
        var Mutable: Bool
        var Limits: Limits?
    }

    struct Input: Codable, Equatable {
        var UserPoolId: String
        var Count: Int
        var Big: Int64?
        var Ratio: Double?
        var Enabled: Bool?
        var Created: Date?
        var Blob: Data?
        var Tags: [String: String]?
        var Names: [String]?
        var Attributes: [Attribute]?
        var Matrix: [[Int]]?
        var Small: Int32?
        var Unsigned: UInt8?
        var Level: Float?
    }

    static let inputs: [String] = [
        #"{"UserPoolId":"us-east-1_AbC","Count":3}"#,
        #"{"UserPoolId":"p","Count":-7,"Big":9007199254740991,"Ratio":0.25,"Enabled":true,"Created":1795916880.5}"#,
        #"{"UserPoolId":"p","Count":0,"Tags":{"team":"ml","a/b":"c\"d"},"Names":["x","ü","\u2028"]}"#,
        #"{"UserPoolId":"p","Count":1,"Attributes":[{"Name":"email","Mutable":true,"Limits":{"MinLength":0}},"#
            + #"{"Name":"sub","Mutable":false,"Limits":null}]}"#,
        #"{"UserPoolId":"p","Count":1,"Matrix":[[1,2],[],[3]],"Small":2147483647,"Unsigned":255,"Level":1.5}"#,
        #"{"UserPoolId":"p","Count":1,"Big":null,"Ratio":null,"Tags":null,"Names":null,"Extra":{"x":[1]}}"#,
        #"{"UserPoolId":"p","Count":1,"Blob":"aGVsbG8="}"#,
        #"{"UserPoolId":"p","Count":1e2,"Ratio":-1.5e-3}"#,
        // Failures: each must name the same path as Foundation.
        #"{"Count":1}"#,
        #"{"UserPoolId":null,"Count":1}"#,
        #"{"UserPoolId":7,"Count":1}"#,
        #"{"UserPoolId":"p","Count":"1"}"#,
        #"{"UserPoolId":"p","Count":1.5}"#,
        #"{"UserPoolId":"p","Count":true}"#,
        #"{"UserPoolId":"p","Count":1,"Enabled":1}"#,
        #"{"UserPoolId":"p","Count":1,"Tags":{"a":1}}"#,
        #"{"UserPoolId":"p","Count":1,"Tags":["a"]}"#,
        #"{"UserPoolId":"p","Count":1,"Names":["a",2]}"#,
        #"{"UserPoolId":"p","Count":1,"Names":["a",null]}"#,
        #"{"UserPoolId":"p","Count":1,"Attributes":[{"Name":"a","Mutable":true},{"Name":"b"}]}"#,
        #"{"UserPoolId":"p","Count":1,"Attributes":[{"Name":"a","Mutable":true,"Limits":{"MinLength":"x"}}]}"#,
        #"{"UserPoolId":"p","Count":1,"Attributes":{"Name":"a"}}"#,
        #"{"UserPoolId":"p","Count":1,"Matrix":[[1],[2,"3"]]}"#,
        #"{"UserPoolId":"p","Count":1,"Created":"2026-11-29"}"#,
        #"{"UserPoolId":"p","Count":1,"Small":2147483648}"#,
        #"{"UserPoolId":"p","Count":1,"Unsigned":-1}"#,
        #"{"UserPoolId":"p","Count":1,"Blob":"not base64!"}"#,
        #"[1,2]"#,
        #"null"#,
    ]

    /// A value or an error, in a form both decoders' results can be compared in.
    enum Outcome: Equatable {
        case value(Input)
        case error(kind: String, path: [String])

        init(_ body: () throws -> Input) {
            do {
                self = .value(try body())
            } catch let error as DecodingError {
                switch error {
                case .typeMismatch(_, let c): self = .error(kind: "typeMismatch", path: c.codingPath.map(\.stringValue))
                case .valueNotFound(_, let c): self = .error(kind: "valueNotFound", path: c.codingPath.map(\.stringValue))
                case .keyNotFound(let k, let c):
                    self = .error(kind: "keyNotFound", path: (c.codingPath + [k]).map(\.stringValue))
                case .dataCorrupted(let c): self = .error(kind: "dataCorrupted", path: c.codingPath.map(\.stringValue))
                @unknown default: self = .error(kind: "unknown", path: [])
                }
            } catch {
                self = .error(kind: "\(error)", path: [])
            }
        }
    }

    @Test(arguments: inputs)
    func matchesFoundationJSONDecoder(_ text: String) throws {
        let foundation = JSONDecoder()
        foundation.dateDecodingStrategy = .secondsSince1970
        let expected = Outcome { try foundation.decode(Input.self, from: Data(text.utf8)) }
        let value = try JSONValue.parse(text)
        let actual = Outcome { try JSONValueDecoder().decode(Input.self, from: value) }
        if expected == .error(kind: "dataCorrupted", path: []), case .error("dataCorrupted", let path) = actual {
            // Foundation drops the path of a number that does not fit its type; ours names the member.
            #expect(path.count == 1 && text.contains("\"\(path[0])\":"))
        } else {
            #expect(actual == expected)
        }
    }

    @Test func decodesTopLevelCollectionsAndJSONValues() throws {
        let value = try JSONValue.parse(#"{"a":{"b":[1,"x",null]},"c":2}"#)
        #expect(try JSONValueDecoder().decode([String: JSONValue].self, from: value) == value.objectValue)
        #expect(try JSONValueDecoder().decode(JSONValue.self, from: value) == value)
        #expect(try JSONValueDecoder().decode([Int].self, from: [1, 2, 3]) == [1, 2, 3])
        #expect(try JSONValueDecoder().decode(String?.self, from: .null) == nil)
    }
}

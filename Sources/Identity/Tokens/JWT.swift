import Crypto
import Foundation
import _CryptoExtras

/// A claim value in the tokens Atelier issues (Cognito uses strings, numbers, booleans and lists).
public enum Claim: Codable, Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case strings([String])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        // Most claims are strings, then numbers: try those first (each miss throws, which costs).
        if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode(Int.self) { self = .int(v) }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Double.self) { self = .int(Int(v)) }
        else { self = .strings(try c.decode([String].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let v): try c.encode(v)
        case .int(let v): try c.encode(v)
        case .bool(let v): try c.encode(v)
        case .strings(let v): try c.encode(v)
        }
    }

    public var string: String? { if case .string(let v) = self { v } else { nil } }
    public var int: Int? { if case .int(let v) = self { v } else { nil } }
    public var strings: [String]? { if case .strings(let v) = self { v } else { nil } }
}

public typealias Claims = [String: Claim]

/// RS256 JSON Web Tokens (RFC 7515/7519), compact serialisation.
public enum JWT {
    struct Header: Codable { var alg: String; var kid: String; var typ: String? }

    /// Signs `claims` with `key`, putting `kid` in the header.
    public static func sign(_ claims: Claims, kid: String, key: _RSA.Signing.PrivateKey) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let header = Base64URL.encode(try! encoder.encode(Header(alg: "RS256", kid: kid, typ: nil)))
        let payload = Base64URL.encode(try! encoder.encode(claims))
        let input = header + "." + payload
        // Signing with a valid in-memory key only fails on allocation failure.
        let signature = try! key.signature(for: SHA256.hash(data: Array(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + Base64URL.encode(signature.rawRepresentation)
    }

    /// The parts of a token before its signature is checked.
    public struct Unverified: Sendable {
        public let kid: String
        public let signingInput: [UInt8]
        public let signature: [UInt8]
        public let claims: Claims
    }

    /// Splits and decodes a compact JWT; rejects anything that is not a well-formed RS256 token.
    public static func parse(_ token: String) -> Unverified? {
        guard token.utf8.count <= 16 * 1024 else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerBytes = Base64URL.decode(parts[0]),
            let payloadBytes = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2]),
            let header = try? JSONDecoder().decode(Header.self, from: Data(headerBytes)),
            header.alg == "RS256",
            let claims = try? JSONDecoder().decode(Claims.self, from: Data(payloadBytes))
        else { return nil }
        return Unverified(
            kid: header.kid,
            signingInput: Array((parts[0] + "." + parts[1]).utf8),
            signature: signature,
            claims: claims
        )
    }

    /// Checks the RS256 signature of a parsed token against `key`.
    public static func verify(_ token: Unverified, key: _RSA.Signing.PublicKey) -> Bool {
        key.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: token.signature),
            for: SHA256.hash(data: token.signingInput),
            padding: .insecurePKCS1v1_5
        )
    }

    /// The JWK (RFC 7517) of an RSA public key, as Cognito publishes it.
    public static func jwk(_ key: _RSA.Signing.PublicKey, kid: String) -> [String: String] {
        let primitives = try! key.getKeyPrimitives()
        return [
            "alg": "RS256", "e": Base64URL.encode(primitives.publicExponent), "kid": kid, "kty": "RSA",
            "n": Base64URL.encode(primitives.modulus), "use": "sig",
        ]
    }
}

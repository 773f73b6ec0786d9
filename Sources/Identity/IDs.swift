import Foundation

/// Identifiers in AWS's formats.
enum IDs {
    static let alnum = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    static let lowerAlnum = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    static let upperAlnum = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    static func random(_ alphabet: [Character], count: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// `us-east-1_AbC123xYz`
    static func userPool(region: String) -> String { "\(region)_" + random(alnum, count: 9) }
    /// 26 lower-case alphanumerics, as Cognito's app client ids.
    static func appClient() -> String { random(lowerAlnum, count: 26) }
    /// 51 characters, as Cognito's client secrets.
    static func clientSecret() -> String { random(lowerAlnum, count: 51) }
    /// `AKIA` + 16, as IAM access key ids.
    static func accessKeyId() -> String { "AKIA" + random(upperAlnum, count: 16) }
    /// 40 characters of base64-like text, as IAM secrets.
    static func secretAccessKey() -> String {
        random(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"), count: 40)
    }
    /// 256 random bits, base64url, for opaque tokens.
    static func opaqueToken(bytes: Int = 32) -> String {
        var rng = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return Base64URL.encode(raw)
    }
}

/// Base64url without padding (RFC 7515 §2).
public enum Base64URL {
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard !s.contains("=") else { return nil }
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s).map { [UInt8]($0) }
    }
}

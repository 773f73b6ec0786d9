import Crypto
import Foundation

/// Seals secrets that Atelier must be able to read back (SigV4 secrets, client secrets,
/// private signing keys) with AES-256-GCM under the installation's master key.
public struct SecretBox: Sendable {
    private let key: SymmetricKey

    public init(masterKey: [UInt8]) {
        precondition(masterKey.count == 32, "master key must be 32 bytes, got \(masterKey.count)")
        self.key = SymmetricKey(data: masterKey)
    }

    public func seal(_ plaintext: [UInt8]) -> [UInt8] {
        // AES-GCM sealing with a fresh random nonce cannot fail for in-memory input.
        [UInt8](try! AES.GCM.seal(plaintext, using: key).combined!)
    }

    public func open(_ sealed: [UInt8]) throws -> [UInt8] {
        do {
            return [UInt8](try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key))
        } catch {
            throw IdentityError("InternalErrorException", "a sealed secret could not be opened (wrong master key?)")
        }
    }

    public func seal(_ text: String) -> [UInt8] { seal(Array(text.utf8)) }

    public func openString(_ sealed: [UInt8]) throws -> String {
        String(decoding: try open(sealed), as: UTF8.self)
    }

    /// A keyed MAC (HMAC-SHA256 under a key derived from the master key) for stateless tokens.
    public func mac(_ data: [UInt8], purpose: String) -> [UInt8] {
        let derived = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: key, info: Array(purpose.utf8), outputByteCount: 32
        )
        return [UInt8](HMAC<SHA256>.authenticationCode(for: data, using: derived))
    }
}

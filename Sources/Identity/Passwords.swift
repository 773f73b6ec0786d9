import Foundation
import HummingbirdBcrypt

/// Password rules and hashing. Passwords are stored only as bcrypt hashes.
enum Passwords {
    /// Cognito's set of symbols that count for `RequireSymbols`.
    static let symbols = Set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ")

    /// Checks `password` against the pool's policy; the message lists what is missing, as Cognito.
    static func check(_ password: String, policy: PasswordPolicy) throws {
        let min = policy.MinimumLength ?? 8
        guard password.count >= min else {
            throw IdentityError("InvalidPasswordException", "Password did not conform with policy: Password not long enough")
        }
        guard password.count <= 256 else {
            throw IdentityError("InvalidPasswordException", "Password did not conform with policy: Password too long")
        }
        if policy.RequireUppercase == true, !password.contains(where: { $0.isUppercase }) {
            throw IdentityError("InvalidPasswordException", "Password did not conform with policy: Password must have uppercase characters")
        }
        if policy.RequireLowercase == true, !password.contains(where: { $0.isLowercase }) {
            throw IdentityError("InvalidPasswordException", "Password did not conform with policy: Password must have lowercase characters")
        }
        if policy.RequireNumbers == true, !password.contains(where: { $0.isASCII && $0.isNumber }) {
            throw IdentityError("InvalidPasswordException", "Password did not conform with policy: Password must have numeric characters")
        }
        if policy.RequireSymbols == true, !password.contains(where: { symbols.contains($0) }) {
            throw IdentityError("InvalidPasswordException", "Password did not conform with policy: Password must have symbol characters")
        }
    }

    static func hash(_ password: String, cost: UInt8) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// A hash to verify against when the user does not exist, so that an unknown user costs
    /// the same time as a wrong password.
    static let decoyHash = Bcrypt.hash("atelier-decoy-password", cost: 10)

    /// A temporary password that satisfies any policy Cognito allows.
    static func temporary() -> String {
        IDs.random(Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), count: 3) + IDs.random(Array("abcdefghijkmnopqrstuvwxyz"), count: 3)
            + IDs.random(Array("23456789"), count: 3) + IDs.random(Array("!#%&*+=?"), count: 2)
            + IDs.random(IDs.alnum, count: 5)
    }
}

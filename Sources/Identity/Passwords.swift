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

/// Throttles sign-in per user: after `freeAttempts` failures each further failure locks the
/// user out for a time that doubles (1 s, 2 s, 4 s, … up to `maxLockout`). Unknown users are
/// throttled the same way, so the throttle does not reveal which users exist.
actor LoginThrottle {
    static let freeAttempts = 5
    static let maxLockout: TimeInterval = 15 * 60

    private struct Entry {
        var failures: Int
        var lockedUntil: Date?
    }

    private let now: Now
    private var entries: [String: Entry] = [:]

    init(now: @escaping Now) {
        self.now = now
    }

    private static func key(_ poolId: String, _ username: String) -> String { poolId + "\u{0}" + username.lowercased() }

    /// Throws `NotAuthorizedException` while the user is locked out.
    func checkAllowed(poolId: String, username: String) throws {
        if let until = entries[Self.key(poolId, username)]?.lockedUntil, until > now() {
            throw IdentityError.notAuthorized("Password attempts exceeded")
        }
    }

    func recordFailure(poolId: String, username: String) {
        let key = Self.key(poolId, username)
        var entry = entries[key] ?? Entry(failures: 0)
        entry.failures += 1
        if entry.failures >= Self.freeAttempts {
            let exponent = Double(min(entry.failures - Self.freeAttempts, 20))
            entry.lockedUntil = now().addingTimeInterval(min(pow(2, exponent), Self.maxLockout))
        }
        entries[key] = entry
        if entries.count > 100_000 { prune() }
    }

    func recordSuccess(poolId: String, username: String) {
        entries[Self.key(poolId, username)] = nil
    }

    /// Keeps memory bounded under a spray of random usernames.
    private func prune() {
        let current = now()
        entries = entries.filter { ($0.value.lockedUntil ?? .distantPast) > current }
    }
}

import Foundation
import GRDB
import Storage

/// Throttles sign-in per user: after `freeAttempts` failures each further failure locks the
/// user out for a time that doubles (1 s, 2 s, 4 s, … up to `maxLockout`). Unknown users are
/// throttled the same way, so the throttle does not reveal which users exist.
///
/// The counts live in the database, so a restart does not hand out fresh attempts. Only
/// failures write; a successful sign-in writes only when it clears earlier failures.
struct LoginThrottle: Sendable {
    static let freeAttempts = 5
    static let maxLockout: TimeInterval = 15 * 60
    /// Failure records untouched this long are dropped (keeps a spray of random usernames from
    /// growing the table without bound).
    static let forgetAfter: TimeInterval = 24 * 3600

    let store: Store
    let now: Now

    private static func key(_ username: String) -> String { username.lowercased() }

    /// Throws `NotAuthorizedException` while the user is locked out; otherwise tells whether
    /// failures are on record (which a successful sign-in then clears).
    func checkAllowed(poolId: String, username: String) async throws -> Bool {
        // nil: no record; .some(nil): failures but no lockout yet.
        let record: Double?? = try await store.read { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: "SELECT locked_until FROM login_failures WHERE pool_id = ? AND username_key = ?"),
                    arguments: [poolId, Self.key(username)])
            else { return nil }
            return .some(row["locked_until"] as Double?)
        }
        guard let record else { return false }
        if let until = record, until > now().timeIntervalSince1970 {
            throw IdentityError.notAuthorized("Password attempts exceeded")
        }
        return true
    }

    func recordFailure(poolId: String, username: String) async throws {
        let time = now().timeIntervalSince1970
        try await store.write { db in
            let failures = 1 + (try Int.fetchOne(
                db, sql: "SELECT failures FROM login_failures WHERE pool_id = ? AND username_key = ?",
                arguments: [poolId, Self.key(username)]) ?? 0)
            var lockedUntil: Double?
            if failures >= Self.freeAttempts {
                let exponent = Double(min(failures - Self.freeAttempts, 20))
                lockedUntil = time + min(pow(2, exponent), Self.maxLockout)
            }
            try db.execute(
                sql: """
                    INSERT INTO login_failures (pool_id, username_key, failures, locked_until, updated)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(pool_id, username_key) DO UPDATE SET
                      failures = excluded.failures, locked_until = excluded.locked_until, updated = excluded.updated
                    """,
                arguments: [poolId, Self.key(username), failures, lockedUntil, time])
            try db.execute(
                sql: "DELETE FROM login_failures WHERE updated < ? AND (locked_until IS NULL OR locked_until < ?)",
                arguments: [time - Self.forgetAfter, time])
        }
    }

    func recordSuccess(poolId: String, username: String) async throws {
        try await store.write { db in
            try db.execute(
                sql: "DELETE FROM login_failures WHERE pool_id = ? AND username_key = ?",
                arguments: [poolId, Self.key(username)])
        }
    }
}

import Foundation
import Logging
import GRDB

extension IdentityService {
    static let standardAttributes: Set<String> = [
        "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture",
        "website", "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale", "phone_number",
        "phone_number_verified", "address", "updated_at",
    ]

    /// Rejects attributes the pool's schema does not declare, as Cognito does.
    static func checkAttributes(_ attributes: [UserAttribute], pool: UserPool) throws {
        let custom = Set((pool.settings.Schema ?? []).compactMap(\.Name).map { $0.hasPrefix("custom:") ? $0 : "custom:" + $0 })
        for attribute in attributes {
            if attribute.Name == "sub" {
                throw IdentityError.invalidParameter("Cannot modify an immutable attribute: sub")
            }
            guard standardAttributes.contains(attribute.Name) || custom.contains(attribute.Name) else {
                throw IdentityError.invalidParameter(
                    "Attributes did not conform to the schema: Type for attribute {\(attribute.Name)} could not be determined")
            }
        }
    }

    /// `AdminCreateUser`: the user starts in `FORCE_CHANGE_PASSWORD` with a temporary password.
    public func adminCreateUser(
        poolId: String, username: String, attributes: [UserAttribute], temporaryPassword: String?,
        messageAction: String?
    ) async throws -> User {
        let pool = try await describeUserPool(poolId)
        try Self.checkAttributes(attributes, pool: pool)
        if messageAction == "RESEND" {
            // Re-sending the invitation resets the temporary password of an existing user.
            return try await write { db in
                var user = try self.requireUser(db, poolId: poolId, username: username)
                guard user.status == .forceChangePassword else {
                    throw IdentityError("UnsupportedUserStateException", "User is not in FORCE_CHANGE_PASSWORD state.")
                }
                user.temporaryPasswordExpires = self.temporaryExpiry(pool)
                user.lastModified = self.now()
                try self.saveUser(db, user)
                return user
            }
        }
        let password = temporaryPassword ?? Passwords.temporary()
        try Passwords.check(password, policy: pool.settings.passwordPolicy)
        let hash = Passwords.hash(password, cost: bcryptCost)
        let time = now()
        var deduplicated: [UserAttribute] = []
        for attribute in attributes where !deduplicated.contains(where: { $0.Name == attribute.Name }) {
            deduplicated.append(attribute)
        }
        let user = User(
            userPoolId: poolId, username: username, sub: UUID().uuidString.lowercased(), enabled: true,
            status: .forceChangePassword, attributes: deduplicated, passwordHash: hash,
            temporaryPasswordExpires: temporaryExpiry(pool), created: time, lastModified: time)
        try await write { db in
            if try self.fetchUser(db, poolId: poolId, username: username) != nil {
                throw IdentityError("UsernameExistsException", "User account already exists")
            }
            try self.saveUser(db, user)
        }
        logger.info("user created", metadata: ["userPoolId": "\(poolId)", "sub": "\(user.sub)"])
        return user
    }

    func temporaryExpiry(_ pool: UserPool) -> Date {
        now().addingTimeInterval(Double(pool.settings.passwordPolicy.TemporaryPasswordValidityDays ?? 7) * 86400)
    }

    public func adminGetUser(poolId: String, username: String) async throws -> User {
        try await read { db in
            try self.requirePoolExists(db, poolId)
            return try self.requireUser(db, poolId: poolId, username: username)
        }
    }

    public func adminDeleteUser(poolId: String, username: String) async throws {
        try await write { db in
            try self.requirePoolExists(db, poolId)
            let user = try self.requireUser(db, poolId: poolId, username: username)
            try db.execute(sql: "DELETE FROM users WHERE pool_id = ? AND username = ?", arguments: [poolId, user.username])
            try db.execute(
                sql: "UPDATE sessions SET revoked = 1 WHERE pool_id = ? AND username = ?", arguments: [poolId, user.username])
        }
    }

    /// `AdminSetUserPassword`: a permanent password confirms the user; a temporary one forces a change.
    public func adminSetUserPassword(poolId: String, username: String, password: String, permanent: Bool) async throws {
        let pool = try await describeUserPool(poolId)
        try Passwords.check(password, policy: pool.settings.passwordPolicy)
        let hash = Passwords.hash(password, cost: bcryptCost)
        try await write { db in
            var user = try self.requireUser(db, poolId: poolId, username: username)
            user.passwordHash = hash
            user.status = permanent ? .confirmed : .forceChangePassword
            user.temporaryPasswordExpires = permanent ? nil : self.temporaryExpiry(pool)
            user.lastModified = self.now()
            try self.saveUser(db, user)
        }
        try await throttle.recordSuccess(poolId: poolId, username: username)
    }

    public func setUserEnabled(poolId: String, username: String, enabled: Bool) async throws {
        try await write { db in
            try self.requirePoolExists(db, poolId)
            var user = try self.requireUser(db, poolId: poolId, username: username)
            user.enabled = enabled
            user.lastModified = self.now()
            try self.saveUser(db, user)
            if !enabled {
                // A disabled user's sessions end at once.
                try db.execute(
                    sql: "UPDATE sessions SET revoked = 1 WHERE pool_id = ? AND username = ?",
                    arguments: [poolId, user.username])
            }
        }
    }

    /// `ListUsers` with Cognito's filter syntax: `attr = "value"` or `attr ^= "prefix"`.
    public func listUsers(poolId: String, filter: String?, limit: Int, paginationToken: String?) async throws -> Page<User> {
        let predicate = try filter.flatMap { $0.isEmpty ? nil : try UserFilter(parsing: $0) }
        let after = try PageToken.decode(paginationToken) ?? ""
        return try await read { db in
            try self.requirePoolExists(db, poolId)
            var users: [User] = []
            var more = false
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT * FROM users WHERE pool_id = ? AND username > ? ORDER BY username",
                arguments: [poolId, after])
            while let row = try cursor.next() {
                let user = try Self.user(row)
                guard predicate?.matches(user) ?? true else { continue }
                if users.count == limit {
                    more = true
                    break
                }
                users.append(user)
            }
            return Page(items: users, nextToken: more ? PageToken.encode(users.last!.username) : nil)
        }
    }
}

/// A parsed `ListUsers` filter.
struct UserFilter {
    static let attributes: Set<String> = [
        "username", "email", "phone_number", "name", "given_name", "family_name", "preferred_username",
        "cognito:user_status", "status", "sub",
    ]
    let attribute: String
    let prefix: Bool
    let value: String

    init(parsing text: String) throws {
        // attribute, operator, then a double-quoted value.
        let pattern = #/^\s*([a-z_:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/#
        guard let match = text.wholeMatch(of: pattern), Self.attributes.contains(String(match.1)) else {
            throw IdentityError.invalidParameter("Error while parsing filter.")
        }
        attribute = String(match.1)
        prefix = match.2 == "^="
        value = String(match.3).replacingOccurrences(of: #"\""#, with: #"""#)
    }

    func matches(_ user: User) -> Bool {
        let actual: String? =
            switch attribute {
            case "username": user.username
            case "cognito:user_status": user.status.rawValue
            case "status": user.enabled ? "Enabled" : "Disabled"
            default: user.attribute(attribute)
            }
        guard let actual else { return false }
        return prefix ? actual.hasPrefix(value) : actual == value
    }
}

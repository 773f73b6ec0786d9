import Foundation
import GRDB

extension IdentityService {
    public func createGroup(
        poolId: String, name: String, description: String?, precedence: Int?, roleArn: String?
    ) async throws -> Group {
        let time = now()
        let group = Group(
            userPoolId: poolId, name: name, description: description, precedence: precedence, roleArn: roleArn,
            created: time, lastModified: time)
        try await write { db in
            try self.requirePoolExists(db, poolId)
            if try Bool.fetchOne(
                db, sql: "SELECT 1 FROM groups WHERE pool_id = ? AND name = ?", arguments: [poolId, name]) == true
            {
                throw IdentityError("GroupExistsException", "A group with the name \(name) already exists.")
            }
            try db.execute(
                sql: """
                    INSERT INTO groups (pool_id, name, description, precedence, role_arn, created, last_modified)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    poolId, name, description, precedence, roleArn, time.timeIntervalSince1970,
                    time.timeIntervalSince1970,
                ])
        }
        return group
    }

    public func adminAddUserToGroup(poolId: String, username: String, groupName: String) async throws {
        try await write { db in
            try self.requirePoolExists(db, poolId)
            let user = try self.requireUser(db, poolId: poolId, username: username)
            guard try Bool.fetchOne(
                db, sql: "SELECT 1 FROM groups WHERE pool_id = ? AND name = ?", arguments: [poolId, groupName]) == true
            else { throw IdentityError.notFound("Group not found.") }
            try db.execute(
                sql: "INSERT OR IGNORE INTO group_members (pool_id, group_name, username) VALUES (?, ?, ?)",
                arguments: [poolId, groupName, user.username])
        }
    }

    public func adminRemoveUserFromGroup(poolId: String, username: String, groupName: String) async throws {
        try await write { db in
            try self.requirePoolExists(db, poolId)
            let user = try self.requireUser(db, poolId: poolId, username: username)
            try db.execute(
                sql: "DELETE FROM group_members WHERE pool_id = ? AND group_name = ? AND username = ?",
                arguments: [poolId, groupName, user.username])
        }
    }

    /// The user's groups, by precedence (lowest first) then name — the order of `cognito:groups`.
    public func adminListGroupsForUser(poolId: String, username: String) async throws -> [Group] {
        try await read { db in
            try self.requirePoolExists(db, poolId)
            let user = try self.requireUser(db, poolId: poolId, username: username)
            return try self.groups(db, poolId: poolId, username: user.username)
        }
    }

    func groups(_ db: GRDB.Database, poolId: String, username: String) throws -> [Group] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT g.* FROM groups g JOIN group_members m ON m.pool_id = g.pool_id AND m.group_name = g.name
                    WHERE g.pool_id = ? AND m.username = ?
                    ORDER BY g.precedence IS NULL, g.precedence, g.name
                    """),
            arguments: [poolId, username]
        ).map { row in
            Group(
                userPoolId: row["pool_id"], name: row["name"], description: row["description"],
                precedence: row["precedence"], roleArn: row["role_arn"],
                created: Date(timeIntervalSince1970: row["created"]),
                lastModified: Date(timeIntervalSince1970: row["last_modified"]))
        }
    }
}

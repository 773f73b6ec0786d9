import Foundation
import Logging
import GRDB

extension IdentityService {
    /// Creates a pool with its two signing keys (access and ID tokens are signed with different keys).
    public func createUserPool(_ settings: UserPoolSettings) async throws -> UserPool {
        if let policy = settings.Policies?.PasswordPolicy, let min = policy.MinimumLength, !(6...99).contains(min) {
            throw IdentityError.invalidParameter("Password policy minimum length must be between 6 and 99.")
        }
        let id = IDs.userPool(region: region)
        let arn = "arn:aws:cognito-idp:\(region):\(accountId):userpool/\(id)"
        let time = now().timeIntervalSince1970
        let material = try SigningKeys.Material.generate(poolId: id, box: box, created: now())
        try await write { db in
            try db.execute(
                sql: "INSERT INTO user_pools (id, name, arn, settings, created, last_modified) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [id, settings.PoolName, arn, Self.encodeJSON(settings), time, time]
            )
            try material.insert(db)
        }
        logger.info("user pool created", metadata: ["userPoolId": "\(id)"])
        return try await describeUserPool(id)
    }

    public func describeUserPool(_ poolId: String) async throws -> UserPool {
        try await pools.value(for: poolId) { try await read { db in try self.requirePool(db, poolId) } }
    }

    public func listUserPools(maxResults: Int, nextToken: String?) async throws -> Page<UserPool> {
        let after = try PageToken.decode(nextToken) ?? ""
        return try await read { db in
            let ids = try String.fetchAll(
                db, sql: "SELECT id FROM user_pools WHERE id > ? ORDER BY id LIMIT ?", arguments: [after, maxResults + 1])
            let pools = try ids.prefix(maxResults).map { try self.requirePool(db, $0) }
            return Page(items: pools, nextToken: ids.count > maxResults ? PageToken.encode(pools.last!.id) : nil)
        }
    }

    public func deleteUserPool(_ poolId: String) async throws {
        try await write { db in
            let pool = try self.requirePool(db, poolId)
            if pool.settings.DeletionProtection == "ACTIVE" {
                throw IdentityError.invalidParameter(
                    "The user pool \(poolId) cannot be deleted because deletion protection is activated.")
            }
            try db.execute(sql: "DELETE FROM user_pools WHERE id = ?", arguments: [poolId])
        }
        await keys.forget(poolId: poolId)
        logger.info("user pool deleted", metadata: ["userPoolId": "\(poolId)"])
    }

    // MARK: app clients

    public func createUserPoolClient(poolId: String, _ settings: AppClientSettings) async throws -> AppClient {
        try Self.checkTokenValidity(settings)
        let clientId = IDs.appClient()
        let secret = settings.GenerateSecret == true ? IDs.clientSecret() : nil
        let sealed = secret.map { Data(box.seal($0)) }
        let time = now().timeIntervalSince1970
        try await write { db in
            try self.requirePoolExists(db, poolId)
            try db.execute(
                sql: """
                    INSERT INTO app_clients (client_id, pool_id, name, settings, sealed_secret, created, last_modified)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [clientId, poolId, settings.ClientName, Self.encodeJSON(settings), sealed, time, time]
            )
        }
        return try await describeUserPoolClient(poolId: poolId, clientId: clientId)
    }

    public func describeUserPoolClient(poolId: String, clientId: String) async throws -> AppClient {
        _ = try await describeUserPool(poolId)
        let client = try await appClient(clientId)
        guard client.userPoolId == poolId else { throw IdentityError.notFound("User pool client \(clientId) does not exist.") }
        return client
    }

    /// The client with this id, wherever its pool is (unsigned calls name only the client).
    public func appClient(_ clientId: String) async throws -> AppClient {
        try await clients.value(for: clientId) { try await read { db in try self.requireClient(db, clientId) } }
    }

    public func listUserPoolClients(poolId: String, maxResults: Int, nextToken: String?) async throws -> Page<AppClient> {
        let after = try PageToken.decode(nextToken) ?? ""
        return try await read { db in
            try self.requirePoolExists(db, poolId)
            let ids = try String.fetchAll(
                db, sql: "SELECT client_id FROM app_clients WHERE pool_id = ? AND client_id > ? ORDER BY client_id LIMIT ?",
                arguments: [poolId, after, maxResults + 1])
            let clients = try ids.prefix(maxResults).map { try self.requireClient(db, $0) }
            return Page(items: clients, nextToken: ids.count > maxResults ? PageToken.encode(clients.last!.clientId) : nil)
        }
    }

    public func deleteUserPoolClient(poolId: String, clientId: String) async throws {
        try await write { db in
            try self.requirePoolExists(db, poolId)
            _ = try self.requireClient(db, clientId, poolId: poolId)
            try db.execute(sql: "DELETE FROM app_clients WHERE client_id = ?", arguments: [clientId])
            try db.execute(sql: "UPDATE sessions SET revoked = 1 WHERE client_id = ?", arguments: [clientId])
        }
    }

    /// Cognito's limits: access and ID tokens 5 minutes to 1 day, refresh tokens 1 hour to 10 years.
    static func checkTokenValidity(_ settings: AppClientSettings) throws {
        let probe = AppClient(
            clientId: "", userPoolId: "", settings: settings, secret: nil, created: Date(), lastModified: Date())
        if settings.AccessTokenValidity != nil, !(300...86400).contains(probe.accessTokenSeconds) {
            throw IdentityError.invalidParameter("Invalid range for token validity.")
        }
        if settings.IdTokenValidity != nil, !(300...86400).contains(probe.idTokenSeconds) {
            throw IdentityError.invalidParameter("Invalid range for token validity.")
        }
        if settings.RefreshTokenValidity != nil, !(3600...315_360_000).contains(probe.refreshTokenSeconds) {
            throw IdentityError.invalidParameter("Invalid range for token validity.")
        }
    }
}

import Crypto
import Foundation
import GRDB
import _CryptoExtras

/// Tokens returned by a successful sign-in (`AuthenticationResultType`).
public struct AuthenticationResult: Sendable, Equatable {
    public let accessToken: String
    public let idToken: String
    /// Only sign-ins return a refresh token; refreshes do not.
    public let refreshToken: String?
    public let expiresIn: Int
    public let tokenType = "Bearer"
}

/// The caller behind a verified access token.
public struct VerifiedAccessToken: Sendable {
    public let userPoolId: String
    public let username: String
    public let sub: String
    public let clientId: String
    public let originJti: String
    /// `exp`, seconds since 1970.
    public let expires: Int
    public let claims: Claims
}

extension IdentityService {
    static func sha256(_ text: String) -> Data { Data(SHA256.hash(data: Array(text.utf8))) }

    /// Starts a sign-in session and issues its three tokens.
    func issueTokens(user: User, client: AppClient) async throws -> AuthenticationResult {
        let originJti = UUID().uuidString.lowercased()
        let refreshToken = IDs.opaqueToken(bytes: 48)
        let authTime = now()
        let expires = authTime.addingTimeInterval(Double(client.refreshTokenSeconds))
        let groups = try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO sessions (origin_jti, pool_id, client_id, username, refresh_token_hash, auth_time, expires)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    originJti, user.userPoolId, client.clientId, user.username, Self.sha256(refreshToken),
                    authTime.timeIntervalSince1970, expires.timeIntervalSince1970,
                ])
            return try self.groups(db, poolId: user.userPoolId, username: user.username).map(\.name)
        }
        return try await signTokens(
            user: user, client: client, groups: groups, originJti: originJti, authTime: authTime,
            refreshToken: refreshToken)
    }

    func signTokens(
        user: User, client: AppClient, groups: [String], originJti: String, authTime: Date, refreshToken: String?
    ) async throws -> AuthenticationResult {
        let keys = try await keys.keys(poolId: user.userPoolId)
        let issued = Int(now().timeIntervalSince1970)
        var access: Claims = [
            "sub": .string(user.sub), "iss": .string(issuer(poolId: user.userPoolId)),
            "client_id": .string(client.clientId), "origin_jti": .string(originJti), "token_use": .string("access"),
            "scope": .string("aws.cognito.signin.user.admin"), "auth_time": .int(Int(authTime.timeIntervalSince1970)),
            "exp": .int(issued + client.accessTokenSeconds), "iat": .int(issued),
            "jti": .string(UUID().uuidString.lowercased()), "username": .string(user.username), "version": .int(2),
        ]
        var id: Claims = [
            "sub": .string(user.sub), "iss": .string(issuer(poolId: user.userPoolId)),
            "cognito:username": .string(user.username), "origin_jti": .string(originJti), "aud": .string(client.clientId),
            "token_use": .string("id"), "auth_time": .int(Int(authTime.timeIntervalSince1970)),
            "exp": .int(issued + client.idTokenSeconds), "iat": .int(issued), "jti": .string(UUID().uuidString.lowercased()),
        ]
        if !groups.isEmpty {
            access["cognito:groups"] = .strings(groups)
            id["cognito:groups"] = .strings(groups)
        }
        for attribute in user.attributes {
            guard let value = attribute.Value, id[attribute.Name] == nil else { continue }
            id[attribute.Name] = attribute.Name.hasSuffix("_verified") ? .bool(value == "true") : .string(value)
        }
        return AuthenticationResult(
            accessToken: JWT.sign(access, kid: keys.access.kid, key: keys.access.privateKey),
            idToken: JWT.sign(id, kid: keys.id.kid, key: keys.id.privateKey),
            refreshToken: refreshToken,
            expiresIn: client.accessTokenSeconds)
    }

    /// Verifies an access token this server issued: signature under the pool's access key,
    /// expiry, `token_use`, and that its sign-in session was not revoked or signed out.
    public func verifyAccessToken(_ token: String) async throws -> VerifiedAccessToken {
        let caller = try await verifyAccessTokenSignature(token)
        try await read { db in try Self.requireLiveSession(db, caller) }
        return caller
    }

    /// `GetUser`: the token's checks and the caller's record in one database read.
    public func getUser(accessToken: String) async throws -> User {
        let caller = try await verifyAccessTokenSignature(accessToken)
        return try await read { db in
            try Self.requireLiveSession(db, caller)
            return try self.requireUser(db, poolId: caller.userPoolId, username: caller.username)
        }
    }

    /// The checks that need no database: signature, issuer, `token_use`, expiry.
    ///
    /// A client sends the same access token with every call for up to its lifetime, so the
    /// outcome of parsing and checking the signature is kept per exact token text (the same
    /// bytes always verify the same way). Expiry is checked on every call, and revocation,
    /// sign-out and disabled users are checked by the caller against the database.
    func verifyAccessTokenSignature(_ token: String) async throws -> VerifiedAccessToken {
        if let verified = verifiedTokens.value(for: token) {
            guard Double(verified.expires) > now().timeIntervalSince1970 else {
                throw IdentityError.notAuthorized("Access Token has expired")
            }
            return verified
        }
        let ticket = verifiedTokens.ticket()
        let verified = try await parseAndVerifyAccessToken(token)
        verifiedTokens.store(verified, for: token, ticket: ticket)
        return verified
    }

    private func parseAndVerifyAccessToken(_ token: String) async throws -> VerifiedAccessToken {
        guard let parsed = JWT.parse(token),
            let iss = parsed.claims["iss"]?.string, iss.hasPrefix(issuerBase + "/"),
            parsed.claims["token_use"]?.string == "access",
            let exp = parsed.claims["exp"]?.int,
            let sub = parsed.claims["sub"]?.string,
            let username = parsed.claims["username"]?.string,
            let clientId = parsed.claims["client_id"]?.string,
            let originJti = parsed.claims["origin_jti"]?.string
        else { throw IdentityError.invalidAccessToken }
        let poolId = String(iss.dropFirst(issuerBase.count + 1))
        guard let key = try? await keys.key(poolId: poolId, kid: parsed.kid), key.tokenUse == "access",
            JWT.verify(parsed, key: key.publicKey)
        else { throw IdentityError.invalidAccessToken }
        guard Double(exp) > now().timeIntervalSince1970 else {
            throw IdentityError.notAuthorized("Access Token has expired")
        }
        return VerifiedAccessToken(
            userPoolId: poolId, username: username, sub: sub, clientId: clientId, originJti: originJti,
            expires: exp, claims: parsed.claims)
    }

    /// The token's sign-in session is live: not revoked or signed out, its user still enabled
    /// and still the same user (a deleted and re-created username gets a new `sub`).
    static func requireLiveSession(_ db: GRDB.Database, _ caller: VerifiedAccessToken) throws {
        let live = try Bool.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT 1 FROM sessions s JOIN users u ON u.pool_id = s.pool_id AND u.username = s.username
                    WHERE s.origin_jti = ? AND s.pool_id = ? AND s.revoked = 0 AND u.enabled = 1 AND u.sub = ?
                    """),
            arguments: [caller.originJti, caller.userPoolId, caller.sub]) ?? false
        guard live else { throw IdentityError.revokedAccessToken }
    }

    /// `REFRESH_TOKEN_AUTH`: new access and ID tokens for a live session.
    func refresh(client: AppClient, refreshToken: String) async throws -> AuthenticationResult {
        let hash = Self.sha256(refreshToken)
        let found = try await read { db -> (User, String, Date, [String])? in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT * FROM sessions WHERE refresh_token_hash = ? AND client_id = ? AND revoked = 0 AND expires > ?
                        """,
                    arguments: [hash, client.clientId, self.now().timeIntervalSince1970]),
                let user = try self.fetchUser(db, poolId: row["pool_id"], username: row["username"]),
                user.enabled
            else { return nil }
            return (
                user, row["origin_jti"], Date(timeIntervalSince1970: row["auth_time"]),
                try self.groups(db, poolId: user.userPoolId, username: user.username).map(\.name)
            )
        }
        guard let (user, originJti, authTime, groups) = found else {
            throw IdentityError.notAuthorized("Invalid Refresh Token")
        }
        return try await signTokens(
            user: user, client: client, groups: groups, originJti: originJti, authTime: authTime, refreshToken: nil)
    }

    /// `GlobalSignOut`/`AdminUserGlobalSignOut`: every session of the user ends, and the access
    /// tokens issued in them stop working here at once.
    public func globalSignOut(poolId: String, username: String) async throws {
        try await write { db in
            let user = try self.requireUser(db, poolId: poolId, username: username)
            try db.execute(
                sql: "UPDATE sessions SET revoked = 1 WHERE pool_id = ? AND username = ?",
                arguments: [poolId, user.username])
        }
    }

    /// `RevokeToken`: ends the session of one refresh token (and its access tokens).
    public func revokeToken(_ refreshToken: String, clientId: String, clientSecret: String?) async throws {
        let client = try await appClient(clientId)
        if let secret = client.secret, !constantTimeEquals(secret, clientSecret ?? "") {
            throw IdentityError.notAuthorized("Client secret is invalid.")
        }
        if client.settings.EnableTokenRevocation == false {
            throw IdentityError("UnsupportedTokenTypeException", "Token revocation is not enabled for this client.")
        }
        try await write { db in
            // Unknown or foreign tokens succeed silently, as RFC 7009 asks.
            try db.execute(
                sql: "UPDATE sessions SET revoked = 1 WHERE refresh_token_hash = ? AND client_id = ?",
                arguments: [Self.sha256(refreshToken), clientId])
        }
    }
}

func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in x.indices { diff |= x[i] ^ y[i] }
    return diff == 0
}

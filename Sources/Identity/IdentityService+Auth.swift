import Crypto
import Foundation
import Logging
import GRDB

/// What a sign-in step answers: tokens, or a challenge to answer with `respondToAuthChallenge`.
public enum AuthOutcome: Sendable {
    case authenticated(AuthenticationResult)
    case challenge(name: String, session: String, parameters: [String: String])
}

extension IdentityService {
    /// How long a challenge session lasts (Cognito's default: 3 minutes).
    static let challengeLifetime: TimeInterval = 180

    /// `InitiateAuth` (unsigned; `poolId` nil) and `AdminInitiateAuth` (signed; `poolId` given).
    public func initiateAuth(
        poolId: String?, clientId: String, flow: String, parameters: [String: String]
    ) async throws -> AuthOutcome {
        let client = try await appClient(clientId)
        if let poolId, poolId != client.userPoolId {
            throw IdentityError.notFound("User pool client \(clientId) does not exist.")
        }
        let adminFlows: Set = ["ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"]
        let knownFlows: Set = ["USER_PASSWORD_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"]
        guard poolId == nil ? knownFlows.contains(flow) : (adminFlows.contains(flow) || knownFlows.contains(flow)) else {
            if ["USER_SRP_AUTH", "CUSTOM_AUTH", "USER_AUTH"].contains(flow) || adminFlows.contains(flow) {
                throw IdentityError.invalidParameter("\(flow) flow is not supported by this server.")
            }
            throw IdentityError.invalidParameter("Unsupported auth flow \(flow).")
        }
        guard client.allows(flow) else {
            throw IdentityError.invalidParameter("\(flow) flow not enabled for this client")
        }
        if flow == "REFRESH_TOKEN_AUTH" || flow == "REFRESH_TOKEN" {
            guard let token = parameters["REFRESH_TOKEN"] else {
                throw IdentityError.invalidParameter("Missing required parameter REFRESH_TOKEN")
            }
            if client.secret != nil {
                // The username is not in the request; the hash must match the session's user.
                guard parameters["SECRET_HASH"] != nil else {
                    throw IdentityError.notAuthorized("Unable to verify secret hash for client \(clientId)")
                }
            }
            let result = try await refresh(client: client, refreshToken: token)
            if let secret = client.secret {
                let user = try await verifyAccessToken(result.accessToken)
                guard [user.username, user.sub].contains(where: {
                    constantTimeEquals(Self.secretHash(username: $0, clientId: clientId, secret: secret), parameters["SECRET_HASH"] ?? "")
                }) else { throw IdentityError.notAuthorized("Unable to verify secret hash for client \(clientId)") }
            }
            return .authenticated(result)
        }
        guard let username = parameters["USERNAME"], !username.isEmpty else {
            throw IdentityError.invalidParameter("Missing required parameter USERNAME")
        }
        guard let password = parameters["PASSWORD"] else {
            throw IdentityError.invalidParameter("Missing required parameter PASSWORD")
        }
        try checkSecretHash(client: client, username: username, given: parameters["SECRET_HASH"])
        let user = try await checkPassword(poolId: client.userPoolId, username: username, password: password)
        return try await continueSignIn(user: user, client: client)
    }

    /// After a correct password: the challenge the user still owes, or tokens.
    func continueSignIn(user: User, client: AppClient) async throws -> AuthOutcome {
        guard user.enabled else { throw IdentityError.notAuthorized("User is disabled.") }
        switch user.status {
        case .confirmed:
            return .authenticated(try await issueTokens(user: user, client: client))
        case .forceChangePassword:
            if let expires = user.temporaryPasswordExpires, expires < now() {
                throw IdentityError.notAuthorized(
                    "Temporary password has expired and must be reset by an administrator.")
            }
            let attributes = Dictionary(
                user.attributes.compactMap { a in a.Value.map { (a.Name, $0) } }, uniquingKeysWith: { a, _ in a })
            let attributesJSON = Self.encodeJSON(attributes)
            return .challenge(
                name: "NEW_PASSWORD_REQUIRED",
                session: challengeSession(user: user, client: client),
                parameters: [
                    "USER_ID_FOR_SRP": user.username, "requiredAttributes": "[]", "userAttributes": attributesJSON,
                ])
        case .resetRequired:
            throw IdentityError("PasswordResetRequiredException", "Password reset required for the user")
        case .unconfirmed:
            throw IdentityError("UserNotConfirmedException", "User is not confirmed.")
        }
    }

    /// Checks a password under the per-user throttle; a wrong password and an unknown user
    /// fail with the same error after the same bcrypt work.
    func checkPassword(poolId: String, username: String, password: String) async throws -> User {
        let hadFailures = try await throttle.checkAllowed(poolId: poolId, username: username)
        let user = try await read { db in try self.fetchUser(db, poolId: poolId, username: username) }
        let ok = Passwords.verify(password, hash: user?.passwordHash ?? Passwords.decoyHash)
        guard ok, let user else {
            try await throttle.recordFailure(poolId: poolId, username: username)
            logger.notice("sign-in failed", metadata: ["userPoolId": "\(poolId)"])
            throw IdentityError.badCredentials
        }
        if hadFailures { try await throttle.recordSuccess(poolId: poolId, username: username) }
        return user
    }

    /// `SECRET_HASH` = Base64(HMAC-SHA256(client secret, username + client id)).
    public static func secretHash(username: String, clientId: String, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: Array((username + clientId).utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return Data(mac).base64EncodedString()
    }

    func checkSecretHash(client: AppClient, username: String, given: String?) throws {
        guard let secret = client.secret else { return }
        guard let given,
            constantTimeEquals(Self.secretHash(username: username, clientId: client.clientId, secret: secret), given)
        else { throw IdentityError.notAuthorized("Unable to verify secret hash for client \(client.clientId)") }
    }

    // MARK: challenges

    struct ChallengeSession: Codable {
        var pool: String
        var client: String
        var user: String
        var expires: Double
        /// Binds the session to the password it was opened with: it dies when that changes.
        var passwordTag: String
    }

    func challengeSession(user: User, client: AppClient) -> String {
        let session = ChallengeSession(
            pool: user.userPoolId, client: client.clientId, user: user.username,
            expires: now().addingTimeInterval(Self.challengeLifetime).timeIntervalSince1970,
            passwordTag: Base64URL.encode(Self.sha256(user.passwordHash ?? "").prefix(12)))
        let payload = Array(Self.encodeJSON(session).utf8)
        return Base64URL.encode(payload) + "." + Base64URL.encode(box.mac(payload, purpose: "challenge-session"))
    }

    func openChallengeSession(_ text: String) throws -> ChallengeSession {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let payload = Base64URL.decode(parts[0]), let mac = Base64URL.decode(parts[1]),
            mac == box.mac(payload, purpose: "challenge-session"),
            let session = try? JSONDecoder().decode(ChallengeSession.self, from: Data(payload))
        else { throw IdentityError.notAuthorized("Invalid session for the user.") }
        guard session.expires > now().timeIntervalSince1970 else {
            throw IdentityError.notAuthorized("Invalid session for the user, session is expired.")
        }
        return session
    }

    /// `RespondToAuthChallenge` / `AdminRespondToAuthChallenge` for `NEW_PASSWORD_REQUIRED`.
    public func respondToAuthChallenge(
        poolId: String?, clientId: String, challengeName: String, session: String?, responses: [String: String]
    ) async throws -> AuthOutcome {
        let client = try await appClient(clientId)
        if let poolId, poolId != client.userPoolId {
            throw IdentityError.notFound("User pool client \(clientId) does not exist.")
        }
        guard challengeName == "NEW_PASSWORD_REQUIRED" else {
            throw IdentityError.invalidParameter("Unsupported challenge \(challengeName).")
        }
        guard let session else { throw IdentityError.invalidParameter("Missing required parameter Session") }
        let opened = try openChallengeSession(session)
        guard opened.client == clientId, let username = responses["USERNAME"],
            username.lowercased() == opened.user.lowercased()
        else { throw IdentityError.notAuthorized("Invalid session for the user.") }
        try checkSecretHash(client: client, username: username, given: responses["SECRET_HASH"])
        guard let newPassword = responses["NEW_PASSWORD"] else {
            throw IdentityError.invalidParameter("Missing required parameter NEW_PASSWORD")
        }
        let pool = try await describeUserPool(opened.pool)
        try Passwords.check(newPassword, policy: pool.settings.passwordPolicy)
        var updates: [UserAttribute] = []
        for (key, value) in responses where key.hasPrefix("userAttributes.") {
            updates.append(UserAttribute(Name: String(key.dropFirst("userAttributes.".count)), Value: value))
        }
        try Self.checkAttributes(updates, pool: pool)
        let attributeUpdates = updates
        let hash = Passwords.hash(newPassword, cost: bcryptCost)
        let user = try await write { db in
            var user = try self.requireUser(db, poolId: opened.pool, username: opened.user)
            guard user.status == .forceChangePassword,
                Base64URL.encode(Self.sha256(user.passwordHash ?? "").prefix(12)) == opened.passwordTag
            else { throw IdentityError.notAuthorized("Invalid session for the user.") }
            user.passwordHash = hash
            user.status = .confirmed
            user.temporaryPasswordExpires = nil
            for update in attributeUpdates {
                user.attributes.removeAll { $0.Name == update.Name }
                user.attributes.append(update)
            }
            user.lastModified = self.now()
            try self.saveUser(db, user)
            return user
        }
        return try await continueSignIn(user: user, client: client)
    }

    /// `ChangePassword` with an access token.
    public func changePassword(accessToken: String, previous: String, proposed: String) async throws {
        let caller = try await verifyAccessToken(accessToken)
        let pool = try await describeUserPool(caller.userPoolId)
        _ = try await checkPassword(poolId: caller.userPoolId, username: caller.username, password: previous)
        try Passwords.check(proposed, policy: pool.settings.passwordPolicy)
        let hash = Passwords.hash(proposed, cost: bcryptCost)
        try await write { db in
            var user = try self.requireUser(db, poolId: caller.userPoolId, username: caller.username)
            user.passwordHash = hash
            user.lastModified = self.now()
            try self.saveUser(db, user)
        }
    }

    /// `GlobalSignOut` with an access token.
    public func globalSignOut(accessToken: String) async throws {
        let caller = try await verifyAccessToken(accessToken)
        try await globalSignOut(poolId: caller.userPoolId, username: caller.username)
    }
}

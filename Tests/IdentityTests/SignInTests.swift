import Foundation
import GRDB
import Storage
import Logging
import Testing

@testable import Identity

@Suite struct SignInTests {
    @Test func passwordSignInIssuesCognitoShapedTokens() async throws {
        let f = try IdentityFixture()
        let (pool, client) = try await f.poolWithUser()
        _ = try await f.service.createGroup(poolId: pool.id, name: "admins", description: nil, precedence: 1, roleArn: nil)
        try await f.service.adminAddUserToGroup(poolId: pool.id, username: "alice", groupName: "admins")
        let tokens = try #require(try await f.signIn(client, "alice", "Passw0rd!").tokens)
        let access = try #require(JWT.parse(tokens.accessToken))
        let id = try #require(JWT.parse(tokens.idToken))
        #expect(access.kid != id.kid, "access and ID tokens are signed with different keys")
        #expect(access.claims["token_use"] == .string("access"))
        #expect(access.claims["client_id"] == .string(client.clientId))
        #expect(access.claims["iss"] == .string("http://127.0.0.1:8080/\(pool.id)"))
        #expect(access.claims["cognito:groups"] == .strings(["admins"]))
        #expect(access.claims["scope"] == .string("aws.cognito.signin.user.admin"))
        #expect(access.claims["origin_jti"] == id.claims["origin_jti"])
        #expect(id.claims["aud"] == .string(client.clientId))
        #expect(id.claims["cognito:username"] == .string("alice"))
        #expect(id.claims["custom:team"] == .string("ml"))
        #expect(id.claims["email"] == .string("alice@example.com"))
        #expect(tokens.refreshToken != nil && tokens.expiresIn == 3600)
        let caller = try await f.service.verifyAccessToken(tokens.accessToken)
        #expect(caller.username == "alice" && caller.userPoolId == pool.id)
        // The ID token is not an access token.
        await #expect(throws: IdentityError.invalidAccessToken) { try await f.service.verifyAccessToken(tokens.idToken) }
    }

    @Test func wrongPasswordAndUnknownUserAreIndistinguishable() async throws {
        let f = try IdentityFixture()
        let (_, client) = try await f.poolWithUser()
        let wrong = await #expect(throws: IdentityError.self) { try await f.signIn(client, "alice", "nope") }
        let unknown = await #expect(throws: IdentityError.self) { try await f.signIn(client, "mallory", "nope") }
        #expect(wrong == unknown)
        #expect(wrong?.code == "NotAuthorizedException")
    }

    @Test func repeatedFailuresLockTheUserOutWithGrowingDelay() async throws {
        let f = try IdentityFixture()
        let (_, client) = try await f.poolWithUser()
        for _ in 0..<LoginThrottle.freeAttempts {
            await #expect(throws: IdentityError.badCredentials) { try await f.signIn(client, "alice", "bad") }
        }
        // Locked: even the right password is refused until the lockout passes.
        await #expect(throws: IdentityError.notAuthorized("Password attempts exceeded")) {
            try await f.signIn(client, "alice", "Passw0rd!")
        }
        f.clock.advance(1.5)
        await #expect(throws: IdentityError.badCredentials) { try await f.signIn(client, "alice", "bad") }
        f.clock.advance(1.5)  // the second lockout is 2 s
        await #expect(throws: IdentityError.notAuthorized("Password attempts exceeded")) {
            try await f.signIn(client, "alice", "Passw0rd!")
        }
        f.clock.advance(1)
        #expect(try await f.signIn(client, "alice", "Passw0rd!").tokens != nil)
    }

    /// A restart must not hand out fresh attempts: a new service over the same database file
    /// still refuses the locked user, and unknown users stay throttled too.
    @Test func lockoutsSurviveARestart() async throws {
        let f = try IdentityFixture()
        let (pool, client) = try await f.poolWithUser()
        for _ in 0..<LoginThrottle.freeAttempts {
            await #expect(throws: IdentityError.badCredentials) { try await f.signIn(client, "alice", "bad") }
            await #expect(throws: IdentityError.badCredentials) { try await f.signIn(client, "nobody", "bad") }
        }
        let clock = f.clock
        let restarted = IdentityService(
            store: try Store(path: f.service.store.path, migrations: IdentityMigrations.all),
            secretBox: SecretBox(masterKey: Array(repeating: 7, count: 32)), region: "us-east-1",
            accountId: "000000000000", issuerBase: "http://127.0.0.1:8080", bcryptCost: 4,
            now: { clock.now }, logger: Logger(label: "test"))
        for username in ["alice", "ALICE", "nobody"] {
            await #expect(throws: IdentityError.notAuthorized("Password attempts exceeded")) {
                try await restarted.initiateAuth(
                    poolId: nil, clientId: client.clientId, flow: "USER_PASSWORD_AUTH",
                    parameters: ["USERNAME": username, "PASSWORD": "Passw0rd!"])
            }
        }
        f.clock.advance(1.5)
        let tokens = try await restarted.initiateAuth(
            poolId: nil, clientId: client.clientId, flow: "USER_PASSWORD_AUTH",
            parameters: ["USERNAME": "alice", "PASSWORD": "Passw0rd!"]).tokens
        #expect(tokens != nil)
        // The success cleared alice's record; the unknown user's remains.
        let left = try await f.service.store.read { db in
            try String.fetchAll(db, sql: "SELECT username_key FROM login_failures WHERE pool_id = ?", arguments: [pool.id])
        }
        #expect(left == ["nobody"])
    }

    @Test func disabledUserCannotSignInAndLosesSessions() async throws {
        let f = try IdentityFixture()
        let (pool, client) = try await f.poolWithUser()
        let tokens = try #require(try await f.signIn(client, "alice", "Passw0rd!").tokens)
        try await f.service.setUserEnabled(poolId: pool.id, username: "alice", enabled: false)
        await #expect(throws: IdentityError.notAuthorized("User is disabled.")) {
            try await f.signIn(client, "alice", "Passw0rd!")
        }
        await #expect(throws: IdentityError.revokedAccessToken) { try await f.service.verifyAccessToken(tokens.accessToken) }
    }

    /// A pool with user "bob" created with a temporary password, and bob's first sign-in.
    func challenged() async throws -> (IdentityFixture, UserPool, AppClient, name: String, session: String) {
        let f = try IdentityFixture()
        let (pool, client) = try await f.poolWithUser()
        _ = try await f.service.adminCreateUser(
            poolId: pool.id, username: "bob", attributes: [], temporaryPassword: "Temp0rary!", messageAction: nil)
        guard case .challenge(let name, let session, _) = try await f.signIn(client, "bob", "Temp0rary!") else {
            throw IdentityError("Test", "expected a challenge")
        }
        return (f, pool, client, name, session)
    }

    @Test func newPasswordRequiredChallenge() async throws {
        let (f, pool, client, name, session) = try await challenged()
        #expect(name == "NEW_PASSWORD_REQUIRED")
        // A weak new password is refused by the policy.
        await #expect(throws: IdentityError.self) {
            try await f.service.respondToAuthChallenge(
                poolId: nil, clientId: client.clientId, challengeName: name, session: session,
                responses: ["USERNAME": "bob", "NEW_PASSWORD": "short"])
        }
        let outcome = try await f.service.respondToAuthChallenge(
            poolId: nil, clientId: client.clientId, challengeName: name, session: session,
            responses: ["USERNAME": "bob", "NEW_PASSWORD": "N3w-Passw0rd"])
        #expect(outcome.tokens != nil)
        // The session was bound to the temporary password and is now dead.
        await #expect(throws: IdentityError.self) {
            try await f.service.respondToAuthChallenge(
                poolId: nil, clientId: client.clientId, challengeName: name, session: session,
                responses: ["USERNAME": "bob", "NEW_PASSWORD": "Other-Passw0rd"])
        }
        #expect(try await f.service.adminGetUser(poolId: pool.id, username: "bob").status == .confirmed)
    }

    @Test func challengeSessionExpires() async throws {
        let (f, _, client, name, session) = try await challenged()
        f.clock.advance(IdentityService.challengeLifetime + 1)
        await #expect(throws: IdentityError.notAuthorized("Invalid session for the user, session is expired.")) {
            try await f.service.respondToAuthChallenge(
                poolId: nil, clientId: client.clientId, challengeName: name, session: session,
                responses: ["USERNAME": "bob", "NEW_PASSWORD": "N3w-Passw0rd"])
        }
    }

    @Test func secretHashIsEnforcedForClientsWithASecret() async throws {
        let f = try IdentityFixture()
        let (_, client) = try await f.poolWithUser(secret: true)
        #expect(client.secret?.count == 51)
        #expect(try await f.signIn(client, "alice", "Passw0rd!").tokens != nil)
        await #expect(throws: IdentityError.self) {
            try await f.service.initiateAuth(
                poolId: nil, clientId: client.clientId, flow: "USER_PASSWORD_AUTH",
                parameters: ["USERNAME": "alice", "PASSWORD": "Passw0rd!", "SECRET_HASH": "d3Jvbmc="])
        }
    }
}

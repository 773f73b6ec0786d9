import Foundation
import Testing

@testable import Identity

@Suite struct TokenLifecycleTests {
    @Test func refreshIssuesNewTokensInTheSameSession() async throws {
        let f = try IdentityFixture()
        let (_, client) = try await f.poolWithUser()
        let first = try #require(try await f.signIn(client, "alice", "Passw0rd!").tokens)
        f.clock.advance(10)
        let outcome = try await f.service.initiateAuth(
            poolId: nil, clientId: client.clientId, flow: "REFRESH_TOKEN_AUTH",
            parameters: ["REFRESH_TOKEN": try #require(first.refreshToken)])
        let refreshed = try #require(outcome.tokens)
        #expect(refreshed.refreshToken == nil)
        #expect(refreshed.accessToken != first.accessToken)
        let a = try #require(JWT.parse(first.accessToken)), b = try #require(JWT.parse(refreshed.accessToken))
        #expect(a.claims["origin_jti"] == b.claims["origin_jti"])
        #expect(a.claims["auth_time"] == b.claims["auth_time"])
    }

    @Test func globalSignOutKillsEarlierAccessAndRefreshTokens() async throws {
        let f = try IdentityFixture()
        let (pool, client) = try await f.poolWithUser()
        let tokens = try #require(try await f.signIn(client, "alice", "Passw0rd!").tokens)
        try await f.service.globalSignOut(accessToken: tokens.accessToken)
        await #expect(throws: IdentityError.revokedAccessToken) { try await f.service.getUser(accessToken: tokens.accessToken) }
        await #expect(throws: IdentityError.notAuthorized("Invalid Refresh Token")) {
            try await f.service.initiateAuth(
                poolId: nil, clientId: client.clientId, flow: "REFRESH_TOKEN_AUTH",
                parameters: ["REFRESH_TOKEN": tokens.refreshToken!])
        }
        // A new sign-in in the same second is a new session and works.
        let again = try #require(try await f.signIn(client, "alice", "Passw0rd!").tokens)
        #expect(try await f.service.getUser(accessToken: again.accessToken).username == "alice")
        _ = pool
    }

    @Test func revokeTokenEndsOnlyThatSession() async throws {
        let f = try IdentityFixture()
        let (_, client) = try await f.poolWithUser()
        let one = try #require(try await f.signIn(client, "alice", "Passw0rd!").tokens)
        let two = try #require(try await f.signIn(client, "alice", "Passw0rd!").tokens)
        #expect(try await f.service.verifyAccessToken(one.accessToken).username == "alice")
        try await f.service.revokeToken(one.refreshToken!, clientId: client.clientId, clientSecret: nil)
        await #expect(throws: IdentityError.revokedAccessToken) { try await f.service.verifyAccessToken(one.accessToken) }
        #expect(try await f.service.verifyAccessToken(two.accessToken).username == "alice")
    }

    @Test func expiredAccessTokenIsRejected() async throws {
        let f = try IdentityFixture()
        let (_, client) = try await f.poolWithUser()
        let tokens = try #require(try await f.signIn(client, "alice", "Passw0rd!").tokens)
        // Verified once first, so the second check meets the remembered verification.
        #expect(try await f.service.verifyAccessToken(tokens.accessToken).username == "alice")
        f.clock.advance(3601)
        await #expect(throws: IdentityError.notAuthorized("Access Token has expired")) {
            try await f.service.verifyAccessToken(tokens.accessToken)
        }
    }

    @Test func tamperedOrForeignTokensAreRejected() async throws {
        let f = try IdentityFixture()
        let (_, client) = try await f.poolWithUser()
        let tokens = try #require(try await f.signIn(client, "alice", "Passw0rd!").tokens)
        var parts = tokens.accessToken.split(separator: ".").map(String.init)
        var claims = try #require(JWT.parse(tokens.accessToken)).claims
        claims["username"] = .string("root")
        let encoder = JSONEncoder()
        parts[1] = Base64URL.encode(try encoder.encode(claims))
        await #expect(throws: IdentityError.invalidAccessToken) {
            try await f.service.verifyAccessToken(parts.joined(separator: "."))
        }
        await #expect(throws: IdentityError.invalidAccessToken) { try await f.service.verifyAccessToken("not.a.jwt") }
        await #expect(throws: IdentityError.invalidAccessToken) { try await f.service.verifyAccessToken("") }
    }

    @Test func rotatedKeysStayPublishedAndOldTokensVerify() async throws {
        let f = try IdentityFixture()
        let (pool, client) = try await f.poolWithUser()
        let before = try #require(try await f.signIn(client, "alice", "Passw0rd!").tokens)
        let oldKids = Set(try await f.service.jwks(poolId: pool.id).compactMap { $0["kid"] })
        try await f.service.rotateSigningKeys(poolId: pool.id)
        let after = try #require(try await f.signIn(client, "alice", "Passw0rd!").tokens)
        let kids = Set(try await f.service.jwks(poolId: pool.id).compactMap { $0["kid"] })
        #expect(kids.count == 4 && kids.isSuperset(of: oldKids))
        #expect(JWT.parse(after.accessToken)!.kid != JWT.parse(before.accessToken)!.kid)
        #expect(try await f.service.verifyAccessToken(before.accessToken).username == "alice")
        // A day later the retired keys are gone from the set.
        f.clock.advance(SigningKeys.maxTokenLifetime + SigningKeys.cacheLifetime + 1)
        let later = Set(try await f.service.jwks(poolId: pool.id).compactMap { $0["kid"] })
        #expect(later.count == 2 && later.isDisjoint(with: oldKids))
    }
}

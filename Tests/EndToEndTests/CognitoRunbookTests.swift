import Foundation
import Testing

/// The user's runbook, verbatim, against a real `atelier serve` with the real `aws` CLI.
@Suite(.serialized) struct CognitoRunbookTests {
    struct Pool {
        let id: String
        let clientId: String
    }

    func makePool(_ aws: AWSCLI, flows: [String] = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]) async throws -> Pool {
        let pool = try await aws.call(["cognito-idp", "create-user-pool", "--pool-name", "studio-users"])
        let poolId = try #require((pool["UserPool"] as? [String: Any])?["Id"] as? String)
        let client = try await aws.call(
            ["cognito-idp", "create-user-pool-client", "--user-pool-id", poolId, "--client-name", "studio",
             "--explicit-auth-flows"] + flows)
        let clientId = try #require((client["UserPoolClient"] as? [String: Any])?["ClientId"] as? String)
        return Pool(id: poolId, clientId: clientId)
    }

    /// A user created by an admin and given a permanent password, as in the runbook.
    func confirmedUser(_ aws: AWSCLI, _ pool: Pool, _ user: String, _ password: String) async throws {
        _ = try await aws.call(["cognito-idp", "admin-create-user", "--user-pool-id", pool.id, "--username", user])
        _ = try await aws.call(
            ["cognito-idp", "admin-set-user-password", "--user-pool-id", pool.id, "--username", user, "--password",
             password, "--permanent"])
    }

    func login(_ aws: AWSCLI, _ pool: Pool, _ user: String, _ password: String) async throws -> CommandResult {
        try await aws.callAllowingFailure(
            ["cognito-idp", "initiate-auth", "--auth-flow", "USER_PASSWORD_AUTH", "--client-id", pool.clientId,
             "--auth-parameters", "USERNAME=\(user),PASSWORD=\(password)"])
    }

    @Test func runbookCommandsAndIndependentTokenVerification() async throws {
        let server = ServerProcess()
        try await server.start()
        defer { server.stop() }
        let aws = AWSCLI(server: server)
        let pool = try await makePool(aws)
        #expect(pool.id.wholeMatch(of: #/us-east-1_[0-9A-Za-z]{9}/#) != nil)
        #expect(pool.clientId.count == 26)

        // The three runbook commands, as written.
        _ = try await aws.call(["cognito-idp", "admin-create-user", "--user-pool-id", pool.id, "--username", "jdoe"])
        _ = try await aws.call(
            ["cognito-idp", "admin-set-user-password", "--user-pool-id", pool.id, "--username", "jdoe", "--password",
             "Corp-Passw0rd!", "--permanent"])
        let auth = try await login(aws, pool, "jdoe", "Corp-Passw0rd!")
        #expect(auth.status == 0, "\(auth.stderr)")
        let result = try #require(auth.json["AuthenticationResult"] as? [String: Any])
        let accessToken = try #require(result["AccessToken"] as? String)
        let refreshToken = try #require(result["RefreshToken"] as? String)
        #expect(result["TokenType"] as? String == "Bearer")

        // An independent JOSE implementation verifies it against the served JWKS.
        let issuer = "\(server.url)/\(pool.id)"
        let verified = try await run(["python3", Scripts.path("verify_token.py"), issuer, accessToken, pool.clientId])
        #expect(verified.status == 0, "joserfc rejected the token: \(verified.stderr)")
        #expect(verified.stdout.contains("\"username\": \"jdoe\""))

        // Refresh.
        let refreshed = try await aws.call(
            ["cognito-idp", "initiate-auth", "--auth-flow", "REFRESH_TOKEN_AUTH", "--client-id", pool.clientId,
             "--auth-parameters", "REFRESH_TOKEN=\(refreshToken)"])
        let newAccess = try #require((refreshed["AuthenticationResult"] as? [String: Any])?["AccessToken"] as? String)
        #expect(newAccess != accessToken)
        let user = try await aws.call(["cognito-idp", "get-user", "--access-token", newAccess])
        #expect(user["Username"] as? String == "jdoe")

        // Global sign-out: tokens issued before it stop working here.
        _ = try await aws.call(["cognito-idp", "global-sign-out", "--access-token", newAccess])
        let after = try await aws.callAllowingFailure(["cognito-idp", "get-user", "--access-token", newAccess])
        #expect(after.status != 0 && after.stderr.contains("NotAuthorizedException"))
    }

    @Test func wrongPasswordUnknownUserAndDisabledUser() async throws {
        let server = ServerProcess()
        try await server.start()
        defer { server.stop() }
        let aws = AWSCLI(server: server)
        let pool = try await makePool(aws)
        try await confirmedUser(aws, pool, "jdoe", "Corp-Passw0rd!")
        let wrong = try await login(aws, pool, "jdoe", "Not-The-Passw0rd!")
        let unknown = try await login(aws, pool, "nobody", "Not-The-Passw0rd!")
        #expect(wrong.status != 0 && wrong.stderr.contains("NotAuthorizedException"))
        #expect(unknown.status != 0 && unknown.stderr.contains("NotAuthorizedException"))
        #expect(wrong.stderr == unknown.stderr, "wrong password and unknown user must look the same")

        _ = try await aws.call(["cognito-idp", "admin-disable-user", "--user-pool-id", pool.id, "--username", "jdoe"])
        let disabled = try await login(aws, pool, "jdoe", "Corp-Passw0rd!")
        #expect(disabled.status != 0 && disabled.stderr.contains("User is disabled"))
        _ = try await aws.call(["cognito-idp", "admin-enable-user", "--user-pool-id", pool.id, "--username", "jdoe"])
        #expect(try await login(aws, pool, "jdoe", "Corp-Passw0rd!").status == 0)
    }

    @Test func newPasswordRequiredForTemporaryPasswords() async throws {
        let server = ServerProcess()
        try await server.start()
        defer { server.stop() }
        let aws = AWSCLI(server: server)
        let pool = try await makePool(aws)
        _ = try await aws.call(
            ["cognito-idp", "admin-create-user", "--user-pool-id", pool.id, "--username", "newbie",
             "--temporary-password", "Temp-Passw0rd!", "--user-attributes", "Name=email,Value=newbie@corp.example"])
        let first = try await login(aws, pool, "newbie", "Temp-Passw0rd!")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.json["ChallengeName"] as? String == "NEW_PASSWORD_REQUIRED")
        let session = try #require(first.json["Session"] as? String)
        let answered = try await aws.call(
            ["cognito-idp", "respond-to-auth-challenge", "--client-id", pool.clientId, "--challenge-name",
             "NEW_PASSWORD_REQUIRED", "--session", session, "--challenge-responses",
             "USERNAME=newbie,NEW_PASSWORD=Chosen-Passw0rd!"])
        #expect((answered["AuthenticationResult"] as? [String: Any])?["AccessToken"] is String)
        let status = try await aws.call(["cognito-idp", "admin-get-user", "--user-pool-id", pool.id, "--username", "newbie"])
        #expect(status["UserStatus"] as? String == "CONFIRMED")
        #expect(try await login(aws, pool, "newbie", "Chosen-Passw0rd!").status == 0)
    }

    @Test func survivesKillDashNine() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = ServerProcess(dataDirectory: dir)
        try await server.start()
        let aws = AWSCLI(server: server)
        let pool = try await makePool(aws)
        try await confirmedUser(aws, pool, "durable", "Durable-Passw0rd!")
        server.kill(signal: SIGKILL)

        let restarted = ServerProcess(dataDirectory: dir)
        try await restarted.start()
        defer { restarted.stop() }
        let again = AWSCLI(server: restarted)
        let auth = try await login(again, pool, "durable", "Durable-Passw0rd!")
        #expect(auth.status == 0, "\(auth.stderr)")
        #expect((auth.json["AuthenticationResult"] as? [String: Any])?["AccessToken"] is String)
    }

    /// A second server on a data directory in use would serve stale cached state: it must
    /// refuse to start, name the holder, and leave the first one serving.
    @Test func secondServerOnTheSameDataDirectoryIsRefused() async throws {
        let server = ServerProcess()
        try await server.start()
        defer { server.stop() }
        let second = try await run(
            [ServerProcess.binary, "serve", "--data-dir", server.dataDirectory.path, "--listen", "127.0.0.1:0"])
        #expect(second.status != 0)
        let pid = try #require(server.process?.processIdentifier)
        #expect(second.stderr.contains("is in use by another atelier serve (pid \(pid))"), "\(second.stderr)")
        #expect(!second.stdout.contains("listening on"))
        let aws = AWSCLI(server: server)
        _ = try await makePool(aws)
    }
}

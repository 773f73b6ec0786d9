import Foundation
import Testing

@Suite struct KeyRotationTests {
    @Test func rotatingKeysWhileServingKeepsOldTokensValid() async throws {
        let server = ServerProcess()
        try await server.start()
        defer { server.stop() }
        let aws = AWSCLI(server: server)
        let runbook = CognitoRunbookTests()
        let pool = try await runbook.makePool(aws)
        try await runbook.confirmedUser(aws, pool, "jdoe", "Corp-Passw0rd!")
        let before = try await runbook.login(aws, pool, "jdoe", "Corp-Passw0rd!")
        let oldToken = try #require((before.json["AuthenticationResult"] as? [String: Any])?["AccessToken"] as? String)

        let rotate = try await run([ServerProcess.binary, "user-pool", "rotate-keys", pool.id, "--data-dir", server.dataDirectory.path])
        #expect(rotate.status == 0, "\(rotate.stderr)")

        // The running server publishes the new keys within its cache lifetime; poll for them.
        var kids: [String] = []
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let jwks = try await run(["curl", "-s", "\(server.url)/\(pool.id)/.well-known/jwks.json"])
            let keys = (try? JSONSerialization.jsonObject(with: Data(jwks.stdout.utf8)) as? [String: Any])?["keys"] as? [[String: Any]]
            kids = keys?.compactMap { $0["kid"] as? String } ?? []
            if kids.count == 4 { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(kids.count == 4, "old and new access and ID keys are published: \(kids)")
        let issuer = "\(server.url)/\(pool.id)"
        let old = try await run(["python3", Scripts.path("verify_token.py"), issuer, oldToken, pool.clientId])
        #expect(old.status == 0, "a token signed before the rotation still verifies: \(old.stderr)")
        #expect(try await aws.call(["cognito-idp", "get-user", "--access-token", oldToken])["Username"] as? String == "jdoe")

        let unknownPool = try await run([ServerProcess.binary, "user-pool", "rotate-keys", "us-east-1_nope00000", "--data-dir", server.dataDirectory.path])
        #expect(unknownPool.status != 0 && unknownPool.stderr.contains("does not exist"))
    }
}

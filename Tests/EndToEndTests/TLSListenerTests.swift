import Foundation
import Testing

/// A configuration with a TLS listener and a private-endpoint listener, driven by real clients.
@Suite struct TLSListenerTests {
    @Test func tlsListenerServesTheAWSCLIAndRefusesPlainHTTP() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cert = dir.appendingPathComponent("cert.pem").path, key = dir.appendingPathComponent("key.pem").path
        let openssl = try await run([
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ])
        try #require(openssl.status == 0, "\(openssl.stderr)")
        let config = dir.appendingPathComponent("atelier.yaml")
        try """
            listeners:
              - name: corp
                address: 127.0.0.1:0
                endpoint_id: vpce-0corp0000000000
                tls_cert: \(cert)
                tls_key: \(key)
            """.write(to: config, atomically: true, encoding: .utf8)

        let server = ServerProcess()
        try await server.start(extraArguments: ["--config", config.path], listen: false)
        defer { server.stop() }
        #expect(server.url.hasPrefix("https://127.0.0.1:"))

        let health = try await run(["curl", "-s", "--cacert", cert, server.url + "/healthz"])
        #expect(health.stdout.contains("\"ok\""), "\(health.stderr)")
        let plain = try await run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", server.url.replacingOccurrences(of: "https", with: "http") + "/healthz"])
        #expect(plain.stdout != "200", "plain HTTP must not be served on a TLS listener")
        let untrusted = try await run(["curl", "-s", server.url + "/healthz"])
        #expect(untrusted.status != 0, "a client that does not trust the certificate refuses the connection")

        // The runbook over TLS: signed admin calls and unsigned sign-in, issuer with https.
        var aws = AWSCLI(server: server)
        aws.caBundle = cert
        let runbook = CognitoRunbookTests()
        let pool = try await runbook.makePool(aws)
        try await runbook.confirmedUser(aws, pool, "jdoe", "Corp-Passw0rd!")
        let auth = try await runbook.login(aws, pool, "jdoe", "Corp-Passw0rd!")
        #expect(auth.status == 0, "\(auth.stderr)")
        let token = try #require((auth.json["AuthenticationResult"] as? [String: Any])?["AccessToken"] as? String)
        let verified = try await run(
            ["python3", Scripts.path("verify_token.py"), "\(server.url)/\(pool.id)", token, pool.clientId],
            environment: ["SSL_CERT_FILE": cert])
        #expect(verified.status == 0, "\(verified.stderr)")
    }

    @Test func incompleteTLSConfigurationIsRefusedAtStartup() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("atelier.yaml")
        try "listeners:\n  - name: corp\n    address: 127.0.0.1:0\n    tls_cert: /nonexistent/cert.pem\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let result = try await run([ServerProcess.binary, "serve", "--config", config.path, "--data-dir", dir.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("tls_key") || result.stderr.contains("tls_cert"), "\(result.stderr)")
    }
}

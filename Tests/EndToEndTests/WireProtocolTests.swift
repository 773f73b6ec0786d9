import Foundation
import Testing

/// SigV4, validation and malformed-input behaviour seen by real clients.
@Suite(.serialized) struct WireProtocolTests {
    @Test func sigV4NegativesAreRejectedAndBoto3IsAccepted() async throws {
        let server = ServerProcess()
        try await server.start()
        defer { server.stop() }
        let result = try await run(
            ["python3", Scripts.path("sigv4_cases.py"), server.url, ServerProcess.rootKeyId, ServerProcess.rootSecret])
        #expect(result.status == 0, "\(result.stderr)")
        let cases = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String: Any]])
        func code(_ name: String) -> String? { cases[name]?["code"] as? String }
        func status(_ name: String) -> Int? { cases[name]?["status"] as? Int }
        #expect(status("correct") == 200)
        #expect(status("boto3") == 200)
        #expect(status("skew_small") == 200)
        #expect(code("wrong_secret") == "InvalidSignatureException" && status("wrong_secret") == 403)
        #expect(code("skew_past") == "InvalidSignatureException")
        #expect(code("skew_future") == "InvalidSignatureException")
        #expect(code("tampered_body") == "InvalidSignatureException")
        #expect(status("missing_host") == 403)
        #expect(status("wrong_service") == 403)
        #expect(code("unsigned") == "MissingAuthenticationTokenException")
        #expect(code("unknown_key") == "UnrecognizedClientException")
    }

    @Test func validationErrorsNameTheMember() async throws {
        let server = ServerProcess()
        try await server.start()
        defer { server.stop() }
        let aws = AWSCLI(server: server)
        let range = try await aws.callAllowingFailure(["cognito-idp", "list-user-pools", "--max-results", "61"])
        #expect(range.status != 0)
        #expect(range.stderr.contains("InvalidParameterException"), "\(range.stderr)")
        #expect(range.stderr.contains("Value '61' at 'maxResults' failed to satisfy constraint"), "\(range.stderr)")
        let pattern = try await aws.callAllowingFailure(["cognito-idp", "describe-user-pool", "--user-pool-id", "no such pool!"])
        #expect(pattern.stderr.contains("at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern"), "\(pattern.stderr)")
        let long = String(repeating: "p", count: 129)
        let length = try await aws.callAllowingFailure(["cognito-idp", "create-user-pool", "--pool-name", long])
        #expect(length.stderr.contains("at 'poolName' failed to satisfy constraint: Member must have length less than or equal to 128"), "\(length.stderr)")
    }

    @Test func malformedRequestsGetAWSErrorsAndTheServerKeepsServing() async throws {
        let server = ServerProcess()
        try await server.start()
        defer { server.stop() }
        func curl(_ extra: [String]) async throws -> (Int, String) {
            let r = try await run(["curl", "-s", "-o", "-", "-w", "\n%{http_code}", "-X", "POST", server.url + "/"] + extra)
            let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
        }
        let target = ["-H", "X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth"]
        let json = ["-H", "Content-Type: application/x-amz-json-1.1"]
        let malformed = try await curl(target + json + ["--data", "{not json"])
        #expect(malformed.0 == 400 && malformed.1.contains("SerializationException"))
        let wrongType = try await curl(target + ["-H", "Content-Type: text/plain", "--data", "{}"])
        #expect(wrongType.0 == 400)
        let big = String(repeating: "a", count: (1 << 20) + 10)
        let r = try await run(
            ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", server.url + "/"] + target + json
                + ["--data-binary", "@-"], stdin: "{\"ClientId\":\"\(big)\"}")
        #expect(r.stdout == "413")
        let unknown = try await curl(["-H", "X-Amz-Target: AWSCognitoIdentityProviderService.NoSuchThing"] + json + ["--data", "{}"])
        #expect(unknown.0 == 400 && unknown.1.contains("UnknownOperationException"))
        let health = try await run(["curl", "-s", server.url + "/healthz"])
        #expect(health.stdout.contains("\"ok\""))
        let metrics = try await run(["curl", "-s", server.url + "/metrics"])
        #expect(metrics.stdout.contains("atelier_aws_requests_total"))
    }
}

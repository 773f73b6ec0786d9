import Foundation
import Testing

@testable import AWSWire

/// The sequence the Gateway runs for every AWS JSON request, on requests that real botocore
/// clients built (captured by Fixtures/generate_sigv4_vectors.py).
@Suite struct GatewayFlowTests {
    static let catalog = try! AWSServiceCatalog.bundled()

    func handle(_ request: SigV4Request, now: Date) async throws -> AWSOperationRequest {
        let (model, operation) = try Self.catalog.resolve(target: request.header("x-amz-target"))
        if operation.requiresSignature {
            _ = try await SigV4Verifier().verify(request, now: now, expectedService: model.signingName) {
                $0 == "AKIDEXAMPLE" ? "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" : nil
            }
        }
        return try Self.catalog.decode(target: request.header("x-amz-target"), body: request.body)
    }

    @Test(arguments: [
        "client-sagemaker-create-presigned-domain-url", "client-sagemaker-list-domains",
        "client-cognito-admin-get-user",
    ])
    func realClientRequestsPassTheWholePipeline(_ name: String) async throws {
        let v = SigV4Vector.named(name)
        let decoded = try await handle(v.request, now: v.date)
        #expect(decoded.model.signingName == v.service)
        if name == "client-sagemaker-create-presigned-domain-url" {
            #expect(decoded.input["ExpiresInSeconds"] == 300)
        }
    }

    @Test func aSageMakerSignatureDoesNotOpenCognito() async throws {
        // Same body and signature, retargeted at another service's operation.
        let v = SigV4Vector.named("client-sagemaker-list-domains")
        var request = v.request
        request.headers = request.headers.map {
            $0.name.lowercased() == "x-amz-target" ? ($0.name, "AWSCognitoIdentityProviderService.ListUserPools") : $0
        }
        await #expect {
            _ = try await handle(request, now: v.date)
        } throws: { ($0 as? AWSError)?.message == "Credential should be scoped to correct service: 'cognito-idp'. " }
    }

    @Test func unsignedCognitoOperationsSkipSigV4ButStillValidate() async throws {
        let body = Array(#"{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"abc","AuthParameters":{"USERNAME":"u"}}"#.utf8)
        let request = SigV4Request(
            method: "POST",
            path: "/",
            headers: [("Host", "h"), ("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")],
            body: body
        )
        let decoded = try await handle(request, now: Date())
        #expect(decoded.operation.name == "InitiateAuth")
        var bad = request
        bad.body = Array(#"{"AuthFlow":"MAGIC","ClientId":"abc"}"#.utf8)
        await #expect {
            _ = try await handle(bad, now: Date())
        } throws: { ($0 as? AWSError)?.code == "InvalidParameterException" }
    }
}

/// A request the real `aws` CLI sent to a socket (Fixtures/capture_cli_requests.py).
struct CLIRequest: RecordedRequest {
    var name: String
    var method: String
    var path: String
    var query: String
    var headers: [[String]]
    var bodyBase64: String


    static let all: [CLIRequest] = {
        struct File: Decodable { var requests: [CLIRequest] }
        let url = Bundle.module.url(forResource: "cli_requests", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).requests
    }()
}

@Suite struct CLIRequestTests {
    @Test(arguments: CLIRequest.all)
    func awsCLIRequestsPassTheWholePipeline(_ cli: CLIRequest) async throws {
        let request = cli.request
        let signedAt = request.header("x-amz-date").flatMap(UTCTime.parseISO8601Basic) ?? Date()
        let decoded = try await GatewayFlowTests().handle(request, now: signedAt.addingTimeInterval(5))
        #expect(decoded.operation.requiresSignature == (request.header("authorization") != nil))
        var tampered = request
        tampered.body = Array(
            String(decoding: request.body, as: UTF8.self).replacingOccurrences(of: "a", with: "b").utf8
        )
        if decoded.operation.requiresSignature {
            await #expect {
                _ = try await GatewayFlowTests().handle(tampered, now: signedAt)
            } throws: { ($0 as? AWSError)?.code == "InvalidSignatureException" }
        }
    }

    @Test func theCLISendsCognitoSignInUnsigned() {
        let initiate = CLIRequest.all.first { $0.name == "cli-cognito-initiate-auth-unsigned" }!
        #expect(initiate.request.header("authorization") == nil)
    }
}

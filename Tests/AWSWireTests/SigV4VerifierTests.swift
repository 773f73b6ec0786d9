import Foundation
import Testing

@testable import AWSWire

/// Failure paths. Requests start from a botocore-signed vector; where a case needs a fresh,
/// otherwise valid signature it is made with `resign`, whose pieces the vector tests pin to
/// botocore's output.
@Suite struct SigV4VerifierTests {
    let base = SigV4Vector.named("sagemaker-presigned-url")
    let verifier = SigV4Verifier()

    func verify(
        _ request: SigV4Request,
        now: Date? = nil,
        service: String? = "sagemaker",
        secret: String? = nil
    ) async throws -> SigV4Identity {
        let secret = secret ?? base.secretAccessKey
        return try await verifier.verify(request, now: now ?? base.date, expectedService: service) {
            $0 == "AKIDEXAMPLE" ? secret : nil
        }
    }

    func expectError(
        _ code: String,
        _ message: String? = nil,
        now: Date? = nil,
        service: String? = "sagemaker",
        secret: String? = nil,
        _ request: SigV4Request,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        do {
            _ = try await verify(request, now: now, service: service, secret: secret)
            Issue.record("expected \(code)", sourceLocation: sourceLocation)
        } catch let error as AWSError {
            #expect(error.code == code, sourceLocation: sourceLocation)
            #expect(error.status == 403, sourceLocation: sourceLocation)
            if let message {
                #expect(error.message == message, sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Replaces header `name` (all occurrences) with `value`, or removes it when nil.
    func with(_ request: SigV4Request, _ name: String, _ value: String?) -> SigV4Request {
        var r = request
        r.headers.removeAll { $0.name.lowercased() == name.lowercased() }
        if let value { r.headers.append((name, value)) }
        return r
    }

    /// Signs `request` afresh for `scopeDate`/`service`, listing `signed` headers.
    func resign(
        _ request: SigV4Request,
        amzDate: String,
        scopeDate: String? = nil,
        service: String = "sagemaker",
        signed: [String] = ["content-type", "host", "x-amz-date", "x-amz-target"]
    ) -> SigV4Request {
        var r = with(request, "X-Amz-Date", amzDate)
        let scopeDate = scopeDate ?? String(amzDate.prefix(8))
        let canonical = SigV4Canonical.canonicalRequest(
            r,
            signedHeaders: signed,
            payloadHash: SigV4Canonical.hexSHA256(r.body)
        )
        let scope = "\(scopeDate)/us-east-1/\(service)/aws4_request"
        let sts = SigV4Canonical.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonical)
        let sig = SigV4Canonical.signature(
            secret: base.secretAccessKey,
            date: scopeDate,
            region: "us-east-1",
            service: service,
            stringToSign: sts
        )
        r = with(
            r,
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(scope), SignedHeaders=\(signed.joined(separator: ";")), Signature=\(sig)"
        )
        return r
    }

    @Test func resignReproducesBotocore() async throws {
        let again = resign(base.request, amzDate: base.now)
        #expect(again.header("authorization") == base.request.header("authorization"))
        _ = try await verify(again)
    }

    @Test func wrongSecretIsRejectedWithAWSWording() async {
        await expectError(
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                + "Access Key and signing method. Consult the service documentation for details.",
            secret: "not-the-secret",
            base.request
        )
    }

    @Test func tamperedBodyPathQueryOrHeaderIsRejected() async {
        var body = base.request
        body.body = Array(#"{"DomainId":"d-abc123","UserProfileName":"mallory","ExpiresInSeconds":300}"#.utf8)
        await expectError("InvalidSignatureException", AWSError.signatureMismatch.message, body)
        var path = base.request
        path.path = "/other"
        await expectError("InvalidSignatureException", AWSError.signatureMismatch.message, path)
        var query = base.request
        query.query = "x=1"
        await expectError("InvalidSignatureException", AWSError.signatureMismatch.message, query)
        await expectError(
            "InvalidSignatureException",
            AWSError.signatureMismatch.message,
            with(base.request, "X-Amz-Target", "SageMaker.DeleteDomain")
        )
        var signature = base.request
        let auth = signature.header("authorization")!
        signature = with(signature, "Authorization", String(auth.dropLast()) + (auth.hasSuffix("0") ? "1" : "0"))
        await expectError("InvalidSignatureException", AWSError.signatureMismatch.message, signature)
    }

    @Test func contentSHA256HeaderMustMatchTheBody() async throws {
        let v = SigV4Vector.named("content-sha256-header")
        var r = v.request
        r.body = Array(#"{"DomainIdEquals":"d-2"}"#.utf8)
        await expectError(
            "InvalidSignatureException",
            "The provided 'x-amz-content-sha256' header does not match what was computed.",
            now: v.date,
            r
        )
    }

    @Test func clockSkewBeyond15MinutesIsRejected() async throws {
        _ = try await verify(base.request, now: base.date.addingTimeInterval(15 * 60))
        _ = try await verify(base.request, now: base.date.addingTimeInterval(-15 * 60))
        await expectError(
            "InvalidSignatureException",
            "Signature expired: 20261129T014800Z is now earlier than 20261129T014801Z (20261129T020301Z - 15 min.)",
            now: base.date.addingTimeInterval(15 * 60 + 1),
            base.request
        )
        await expectError(
            "InvalidSignatureException",
            "Signature not yet current: 20261129T014800Z is still later than 20261129T014759Z "
                + "(20261129T013259Z + 15 min.)",
            now: base.date.addingTimeInterval(-15 * 60 - 1),
            base.request
        )
    }

    @Test func hostMustBeSigned() async {
        let r = resign(base.request, amzDate: base.now, signed: ["content-type", "x-amz-date", "x-amz-target"])
        await expectError(
            "InvalidSignatureException",
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
            r
        )
    }

    @Test func scopeDateMustBeTheRequestDay() async {
        let r = resign(base.request, amzDate: base.now, scopeDate: "20261128")
        await expectError(
            "InvalidSignatureException",
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                + "'20261128' != '20261129', from '20261129T014800Z'.",
            r
        )
    }

    @Test func serviceMustBeTheTargetsService() async throws {
        let r = resign(base.request, amzDate: base.now, service: "cognito-idp")
        await expectError(
            "InvalidSignatureException",
            "Credential should be scoped to correct service: 'sagemaker'. ",
            r
        )
        // Without an expected service the same request verifies, scoped to cognito-idp.
        let identity = try await verify(r, service: nil)
        #expect(identity.service == "cognito-idp")
    }

    @Test func unknownAccessKeyIsUnrecognized() async {
        do {
            _ = try await verifier.verify(base.request, now: base.date) { _ in nil }
            Issue.record("expected an error")
        } catch let error as AWSError {
            #expect(error == .unrecognizedClient)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func missingOrMalformedAuthorization() async {
        await expectError(
            "MissingAuthenticationTokenException",
            "Missing Authentication Token",
            with(base.request, "Authorization", nil)
        )
        await expectError(
            "IncompleteSignatureException",
            nil,
            with(
                base.request,
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261129/us-east-1/sagemaker/aws4_request"
            )
        )
        await expectError(
            "IncompleteSignatureException",
            nil,
            with(base.request, "Authorization", "Bearer eyJhbGciOi")
        )
        await expectError(
            "IncompleteSignatureException",
            nil,
            with(
                base.request,
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261129, SignedHeaders=host, Signature=00"
            )
        )
        await expectError(
            "IncompleteSignatureException",
            nil,
            with(base.request, "Authorization", "AWS4-HMAC-SHA256 garbage")
        )
        await expectError("IncompleteSignatureException", nil, with(base.request, "X-Amz-Date", nil))
        await expectError("IncompleteSignatureException", nil, with(base.request, "X-Amz-Date", "yesterday"))
    }

    @Test func dateHeaderFormVerifies() async throws {
        let v = SigV4Vector.named("date-header-instead-of-x-amz-date")
        #expect(v.request.header("x-amz-date") == nil)
        _ = try await verify(v.request, now: v.date)
    }

    @Test func presignedRequestsExpire() async throws {
        let v = SigV4Vector.named("presigned-query")
        _ = try await verify(v.request, now: v.date.addingTimeInterval(299))
        await expectError(
            "InvalidSignatureException",
            "Signature expired: 20261129T015300Z is now earlier than 20261129T015301Z (20261129T014800Z + 300 sec.)",
            now: v.date.addingTimeInterval(301),
            v.request
        )
        var tampered = v.request
        tampered.query = tampered.query.replacingOccurrences(of: "X-Amz-Expires=300", with: "X-Amz-Expires=3000")
        await expectError("InvalidSignatureException", AWSError.signatureMismatch.message, now: v.date, tampered)
    }
}

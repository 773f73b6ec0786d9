import Foundation
import Testing

@testable import AWSWire

/// The verifier's byte-level hot path against the `String` definitions it replaces, and the
/// signing-key cache.
@Suite struct SigV4FastPathTests {
    let base = SigV4Vector.named("client-cognito-admin-get-user")

    func with(_ request: SigV4Request, authorization: String) -> SigV4Request {
        var r = request
        r.headers.removeAll { $0.name.lowercased() == "authorization" }
        r.headers.append(("Authorization", authorization))
        return r
    }

    /// Both parsers' outcome in comparable form: the fields, or the error.
    func outcome(_ parse: () throws(AWSError) -> SigV4Authorization?) -> String {
        do {
            guard let a = try parse() else { return "not handled" }
            return "\(a.credential) \(a.signedHeaders) \(a.signature) \(a.date) \(a.securityToken ?? "-")"
        } catch {
            return "\(error)"
        }
    }

    static let authorizations: [String] = {
        let cred = "Credential=AKIDEXAMPLE/20261129/us-east-1/cognito-idp/aws4_request"
        let signed = "SignedHeaders=content-type;host;x-amz-date;x-amz-target"
        let sig = "Signature=f8fbf212ce36279401f36bd924cba3245357506d4df0a19af858a3fa795e8323"
        return [
            "AWS4-HMAC-SHA256 \(cred), \(signed), \(sig)",
            "  AWS4-HMAC-SHA256 \(cred),\(signed),\(sig)\t ",
            "AWS4-HMAC-SHA256 \(sig), \(signed), \(cred)",
            "AWS4-HMAC-SHA256 ,, \(cred), ,\(signed),\t\(sig),",
            "AWS4-HMAC-SHA256 \(cred), \(signed), \(sig), Signature=00",
            "AWS4-HMAC-SHA256 \(cred), \(signed), \(sig), Extra=1",
            "AWS4-HMAC-SHA256 \(cred), \(signed), \(sig), garbage",
            "AWS4-HMAC-SHA256 \(cred), \(signed)",
            "AWS4-HMAC-SHA256 \(cred), SignedHeaders=, Signature=",
            "AWS4-HMAC-SHA256",
            "AWS4-HMAC-SHA256 ",
            "aws4-hmac-sha256 \(cred), \(signed), \(sig)",
            "AWS4-HMAC-SHA256\t\(cred), \(signed), \(sig)",
            "Bearer eyJhbGciOi",
            "",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261129/us-east-1/cognito-idp, \(signed), \(sig)",
            "AWS4-HMAC-SHA256 Credential=/20261129/us-east-1/cognito-idp/aws4_request, \(signed), \(sig)",
            "AWS4-HMAC-SHA256 Credential=A/20261129/us-east-1/cognito-idp/aws4_request/x, \(signed), \(sig)",
            "AWS4-HMAC-SHA256 Credential=A/20261129/us-east-1/cognito-idp/aws5_request, \(signed), \(sig)",
            "AWS4-HMAC-SHA256 Credential=A/20261129/US-EAST-1/cognito-idp/aws4_request, \(signed), \(sig)",
            "AWS4-HMAC-SHA256 Credential=A/20261129//cognito-idp/aws4_request, \(signed), \(sig)",
            "AWS4-HMAC-SHA256 Credential=A//us-east-1//aws4_request, \(signed), \(sig)",
            "AWS4-HMAC-SHA256 \(cred), SignedHeaders=Content-Type; HOST ;X-Amz-Date, \(sig)",
            "AWS4-HMAC-SHA256 \(cred), SignedHeaders=content-type;;host, \(sig)",
            "AWS4-HMAC-SHA256 \(cred), SignedHeaders=content-type;host;, \(sig)",
            "AWS4-HMAC-SHA256 \(cred), SignedHeaders=content-type;x-amz-date, \(sig)",
            "AWS4-HMAC-SHA256 \(cred), SignedHeaders=:authority;x-amz-date, \(sig)",
            "AWS4-HMAC-SHA256 \(cred), \(signed), Signature=F8FBF212CE",
            "AWS4-HMAC-SHA256 \(cred), \(signed), Signature==x=",
        ]
    }()

    @Test(arguments: authorizations)
    func byteParserAgreesWithStringParser(_ authorization: String) {
        let request = with(base.request, authorization: authorization)
        let bytes = outcome { () throws(AWSError) in try SigV4Authorization.parseHeaderBytes(authorization, request) }
        let reference = outcome { () throws(AWSError) in try SigV4Authorization.parseHeader(authorization, request) }
        #expect(bytes == reference)
    }

    @Test func nonASCIIHeadersTakeTheStringPath() throws {
        let header = "AWS4-HMAC-SHA256 Credential=AKIDÉ/20261129/us-east-1/cognito-idp/aws4_request, "
            + "SignedHeaders=host, Signature=00"
        let request = with(base.request, authorization: header)
        #expect(try SigV4Authorization.parseHeaderBytes(header, request) == nil)
        #expect(try SigV4Authorization.parse(request).credential.accessKeyId == "AKIDÉ")
    }

    @Test(arguments: SigV4Vector.all)
    func canonicalBytesMatchTheStringForms(_ v: SigV4Vector) throws {
        let request = v.request
        let auth = try SigV4Authorization.parse(request)
        let hash = SigV4Canonical.hexSHA256(request.body)
        #expect(SigV4Canonical.hexSHA256Bytes(request.body) == Array(hash.utf8))
        for query in SigV4Canonical.canonicalQueryCandidates(request.query, excluding: v.presigned ? "X-Amz-Signature" : nil)
        {
            let string = SigV4Canonical.canonicalRequest(
                request, signedHeaders: auth.signedHeaders, payloadHash: hash, canonicalQuery: query)
            let bytes = SigV4Canonical.canonicalRequestBytes(
                request, signedHeaders: auth.signedHeaders, payloadHash: Array(hash.utf8), canonicalQuery: query)
            #expect(String(decoding: bytes, as: UTF8.self) == string)
            let amzDate = UTCTime.formatISO8601Basic(auth.date)
            let sts = SigV4Canonical.stringToSign(amzDate: amzDate, scope: auth.credential.scope, canonicalRequest: string)
            let stsBytes = SigV4Canonical.stringToSignBytes(
                amzDate: amzDate, scope: auth.credential, canonicalRequest: bytes)
            #expect(String(decoding: stsBytes, as: UTF8.self) == sts)
        }
    }

    @Test func headerValuesTrimLikeTrimAll() {
        for value in ["  a \t  b  ", "a\u{0B}\u{0C}b", "", "   ", "x\r\ny", "ü  é", "a\rb\nc", "plain"] {
            var out: [UInt8] = []
            SigV4Canonical.appendTrimAll(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == SigV4Canonical.trimAll(value), "\(value.debugDescription)")
        }
    }

    @Test func upperCaseSignatureHexStillVerifies() async throws {
        let auth = base.request.header("authorization")!
        let sig = auth.split(separator: "=").last!
        let request = with(base.request, authorization: auth.replacingOccurrences(of: sig, with: sig.uppercased()))
        _ = try await SigV4Verifier().verify(request, now: base.date) { _ in base.secretAccessKey }
    }

    @Test func signingKeysAreCachedOnlyAfterASignatureVerifies() async throws {
        let verifier = SigV4Verifier()
        do {
            _ = try await verifier.verify(base.request, now: base.date) { _ in "wrong secret" }
            Issue.record("a wrong secret verified")
        } catch let error as AWSError {
            #expect(error == .signatureMismatch)
        }
        #expect(verifier.signingKeys.count == 0)
        _ = try await verifier.verify(base.request, now: base.date) { _ in base.secretAccessKey }
        _ = try await verifier.verify(base.request, now: base.date) { _ in base.secretAccessKey }
        #expect(verifier.signingKeys.count == 1)
    }

    @Test func aRotatedSecretNeverReusesTheCachedKey() async throws {
        let verifier = SigV4Verifier()
        _ = try await verifier.verify(base.request, now: base.date) { _ in base.secretAccessKey }
        // Same access key, day, region and service, but the store now holds another secret.
        await #expect(throws: AWSError.signatureMismatch) {
            _ = try await verifier.verify(base.request, now: base.date) { _ in base.secretAccessKey + "-rotated" }
        }
        _ = try await verifier.verify(base.request, now: base.date) { _ in base.secretAccessKey }
    }

    @Test func cacheIsBounded() {
        let cache = SigningKeyCache(capacity: 3)
        for i in 0..<10 {
            let scope = SigningKeyCache.Scope(
                accessKeyId: "AKID\(i)", secret: "s", date: "20261129", region: "us-east-1", service: "sagemaker")
            cache.store(SigningKeyCache.derive(scope), for: scope)
            #expect(cache.count <= 3)
            #expect(cache.authenticator(for: scope) != nil)
        }
    }

    @Test func concurrentVerificationsShareOneCache() async throws {
        let verifier = SigV4Verifier()
        let request = base.request
        let (date, secret) = (base.date, base.secretAccessKey)
        let identities = try await withThrowingTaskGroup(of: SigV4Identity.self) { group in
            for _ in 0..<64 {
                group.addTask { try await verifier.verify(request, now: date) { _ in secret } }
            }
            return try await group.reduce(into: [SigV4Identity]()) { $0.append($1) }
        }
        #expect(identities.count == 64 && identities.allSatisfy { $0.accessKeyId == "AKIDEXAMPLE" })
        #expect(verifier.signingKeys.count == 1)
    }

    @Test func isoDatesFormatAcrossTheRange() {
        for seconds in [0.0, 951_782_400, 1_795_916_880.9, 253_402_300_799, -1, -62_135_596_800] {
            let d = Date(timeIntervalSince1970: seconds)
            let text = UTCTime.formatISO8601Basic(d)
            if (0...253_402_300_799).contains(seconds) {
                #expect(UTCTime.parseISO8601Basic(text) == Date(timeIntervalSince1970: seconds.rounded(.down)))
            }
        }
        #expect(UTCTime.formatISO8601Basic(Date(timeIntervalSince1970: -1)) == "19691231T235959Z")
        #expect(UTCTime.formatISO8601Basic(Date(timeIntervalSince1970: 253_402_300_799)) == "99991231T235959Z")
    }
}

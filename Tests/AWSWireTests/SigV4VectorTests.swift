import Foundation
import Testing

@testable import AWSWire

/// A request signed by botocore, from Fixtures/sigv4_vectors.json
/// (written by Fixtures/generate_sigv4_vectors.py).
struct SigV4Vector: RecordedRequest {
    var name: String
    var service: String
    var region: String
    var accessKeyId: String
    var secretAccessKey: String
    var now: String
    var method: String
    var path: String
    var query: String
    var headers: [[String]]
    var bodyBase64: String
    var canonicalRequest: String
    var stringToSign: String
    var presigned: Bool


    var date: Date { UTCTime.parseISO8601Basic(now)! }

    static let all: [SigV4Vector] = {
        struct File: Decodable { var vectors: [SigV4Vector] }
        let url = Bundle.module.url(forResource: "sigv4_vectors", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).vectors
    }()

    static func named(_ name: String) -> SigV4Vector { all.first { $0.name == name }! }
}

@Suite struct SigV4VectorTests {
    @Test func fixtureCoversTheCasesTheBriefNames() {
        #expect(SigV4Vector.all.count >= 12)
    }

    @Test(arguments: SigV4Vector.all)
    func canonicalRequestMatchesBotocore(_ v: SigV4Vector) throws {
        let request = v.request
        let auth = try SigV4Authorization.parse(request)
        let excluded = v.presigned ? "X-Amz-Signature" : nil
        let candidates = SigV4Canonical.canonicalQueryCandidates(request.query, excluding: excluded).map {
            SigV4Canonical.canonicalRequest(
                request,
                signedHeaders: auth.signedHeaders,
                payloadHash: SigV4Canonical.hexSHA256(request.body),
                canonicalQuery: $0
            )
        }
        #expect(candidates.contains(v.canonicalRequest))
        // Only a URL with non-canonical escapes needs botocore's raw form.
        #expect(candidates.first == v.canonicalRequest || v.name == "query-in-url-repeated-keys")
        let sts = SigV4Canonical.stringToSign(
            amzDate: UTCTime.formatISO8601Basic(auth.date),
            scope: auth.credential.scope,
            canonicalRequest: v.canonicalRequest
        )
        #expect(sts == v.stringToSign)
    }

    @Test(arguments: SigV4Vector.all)
    func botocoreSignaturesVerify(_ v: SigV4Vector) async throws {
        let identity = try await SigV4Verifier().verify(
            v.request,
            now: v.date.addingTimeInterval(42),
            expectedService: v.service,
            expectedRegion: v.region
        ) { $0 == v.accessKeyId ? v.secretAccessKey : nil }
        #expect(identity.accessKeyId == v.accessKeyId)
        #expect(identity.service == v.service)
        #expect(identity.region == "us-east-1")
        #expect(identity.date == v.date)
        #expect(identity.presigned == v.presigned)
        #expect(identity.securityToken == (v.name == "session-token" ? "FQoGZXIvYXdzEXAMPLETOKEN==" : nil))
    }

    @Test func signingKeyMatchesAWSDocumentedExample() {
        // AWS General Reference, "Examples of how to derive a signing key for Signature Version 4".
        let key = SigV4Canonical.signingKey(
            secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            date: "20120215",
            region: "us-east-1",
            service: "iam"
        )
        #expect(key.hexString == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    @Test func canonicalPieces() {
        #expect(SigV4Canonical.canonicalURI("") == "/")
        #expect(SigV4Canonical.canonicalURI("/a/./b/../../c//d") == "/c/d")
        #expect(SigV4Canonical.canonicalURI("/../..") == "/")
        #expect(SigV4Canonical.canonicalURI("/%7E/ü") == "/%257E/%C3%BC")
        #expect(SigV4Canonical.canonicalQuery("b=2&a=2&a=1&c") == "a=1&a=2&b=2&c=")
        #expect(SigV4Canonical.canonicalQuery("x=a+b%2Bc&y=%zz") == "x=a%20b%2Bc&y=%25zz")
        #expect(SigV4Canonical.canonicalQueryCandidates("b=%7E&a=1") == ["a=1&b=~", "a=1&b=%7E"])
        #expect(SigV4Canonical.canonicalQueryCandidates("b=~&a=1") == ["a=1&b=~"])
        #expect(SigV4Canonical.trimAll("  a \t  b  ") == "a b")
        #expect(SigV4Canonical.constantTimeEquals("abc", "abc"))
        #expect(!SigV4Canonical.constantTimeEquals("abc", "abd"))
        #expect(!SigV4Canonical.constantTimeEquals("abc", "ab"))
    }

    @Test func dates() {
        let d = UTCTime.parseISO8601Basic("20261129T014800Z")!
        #expect(d.timeIntervalSince1970 == 1_795_916_880)
        #expect(UTCTime.formatISO8601Basic(d) == "20261129T014800Z")
        #expect(UTCTime.parseRFC1123("Sun, 29 Nov 2026 01:48:00 GMT") == d)
        #expect(UTCTime.parseRFC1123("Sun, 29 Nov 2026 01:48:00 -0000") == d)
        #expect(UTCTime.parseRFC1123("Sun, 29 Nov 2026 02:48:00 +0100") == d)
        #expect(UTCTime.parseISO8601Basic("20260231T000000Z") == nil)
        #expect(UTCTime.parseISO8601Basic("2026-11-29T01:48:00Z") == nil)
        #expect(UTCTime.formatISO8601Basic(Date(timeIntervalSince1970: 951_782_400)) == "20000229T000000Z")
    }
}

import Crypto
import Foundation
import Logging

/// Verifies AWS Signature Version 4 on incoming requests, as AWS services do.
///
/// Accepts the `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`
/// header form and the presigned query form (`X-Amz-Algorithm=…&X-Amz-Signature=…`). The check
/// order is: shape of the credentials, scope (date, region, service), clock skew, access key,
/// signature; each failure is the `AWSError` AWS returns for it, with AWS's wording.
public struct SigV4Verifier: Sendable {
    /// How far `X-Amz-Date` may be from the server's clock (AWS: 15 minutes).
    public var maxClockSkew: TimeInterval
    /// Longest lifetime a presigned request may claim (AWS: 7 days).
    public var maxPresignedExpiry: TimeInterval = 7 * 24 * 3600
    private let logger: Logger
    /// Shared by copies of this verifier; see `SigningKeyCache` for why it is safe.
    let signingKeys = SigningKeyCache(capacity: 256)

    /// Makes a verifier. The logger receives the canonical request of failed verifications at
    /// debug level — the first thing anyone debugging a signing client needs.
    public init(
        maxClockSkew: TimeInterval = 15 * 60,
        logger: Logger = Logger(label: "AWSWire.SigV4", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.maxClockSkew = maxClockSkew
        self.logger = logger
    }

    /// Checks `request`'s signature and returns who signed it.
    ///
    /// - Parameters:
    ///   - now: the server's clock (injected so tests need not sleep).
    ///   - expectedService: the signing name the target requires (`cognito-idp`, `sagemaker`);
    ///     nil accepts any.
    ///   - expectedRegion: the region this server answers for; nil accepts any.
    ///   - secretForAccessKey: the secret access key of an access key id, or nil when unknown.
    /// - Throws: `AWSError` (403): `MissingAuthenticationTokenException`,
    ///   `IncompleteSignatureException`, `InvalidSignatureException`, `UnrecognizedClientException`.
    public func verify(
        _ request: SigV4Request,
        now: Date,
        expectedService: String? = nil,
        expectedRegion: String? = nil,
        secretForAccessKey: (String) async throws -> String?
    ) async throws -> SigV4Identity {
        let auth = try SigV4Authorization.parse(request)
        let scope = auth.credential
        if let expectedService, scope.service != expectedService {
            throw AWSError.invalidSignature("Credential should be scoped to correct service: '\(expectedService)'. ")
        }
        if let expectedRegion, scope.region != expectedRegion {
            throw AWSError.invalidSignature("Credential should be scoped to a valid region. ")
        }
        let amzDate = UTCTime.formatISO8601Basic(auth.date)
        if !scope.date.utf8.elementsEqual(amzDate.utf8.prefix(8)) {
            throw AWSError.invalidSignature(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                    + "'\(scope.date)' != '\(amzDate.prefix(8))', from '\(amzDate)'."
            )
        }
        try checkTime(auth, now: now)

        guard let secret = try await secretForAccessKey(scope.accessKeyId) else { throw AWSError.unrecognizedClient }
        let payloadHash = try payloadHash(request)
        let excluded = auth.presigned ? "X-Amz-Signature" : nil
        let queries =
            request.query.isEmpty ? [""] : SigV4Canonical.canonicalQueryCandidates(request.query, excluding: excluded)
        let keyScope = SigningKeyCache.Scope(
            accessKeyId: scope.accessKeyId, secret: secret, date: scope.date, region: scope.region,
            service: scope.service)
        let cached = signingKeys.authenticator(for: keyScope)
        let authenticator = cached ?? SigningKeyCache.derive(keyScope)
        var matched = false
        var firstCanonical: [UInt8]?
        for query in queries where !matched {
            let canonical = SigV4Canonical.canonicalRequestBytes(
                request,
                signedHeaders: auth.signedHeaders,
                payloadHash: payloadHash,
                canonicalQuery: query
            )
            if firstCanonical == nil { firstCanonical = canonical }
            var mac = authenticator
            mac.update(
                data: SigV4Canonical.stringToSignBytes(amzDate: amzDate, scope: scope, canonicalRequest: canonical))
            matched = SigV4Canonical.signatureMatches(mac.finalize(), auth.signature)
        }
        guard matched else {
            logger.debug(
                "SigV4 signature mismatch",
                metadata: [
                    "accessKeyId": "\(scope.accessKeyId)",
                    "canonicalRequest": "\(String(decoding: firstCanonical ?? [], as: UTF8.self))",
                ]
            )
            throw AWSError.signatureMismatch
        }
        if cached == nil { signingKeys.store(authenticator, for: keyScope) }
        return SigV4Identity(
            accessKeyId: scope.accessKeyId,
            region: scope.region,
            service: scope.service,
            date: auth.date,
            securityToken: auth.securityToken,
            presigned: auth.presigned
        )
    }

    private func checkTime(_ auth: SigV4Authorization, now: Date) throws(AWSError) {
        func stamp(_ d: Date) -> String { UTCTime.formatISO8601Basic(d) }
        let minutes = Int(maxClockSkew / 60)
        if auth.date > now.addingTimeInterval(maxClockSkew) {
            throw AWSError.invalidSignature(
                "Signature not yet current: \(stamp(auth.date)) is still later than "
                    + "\(stamp(now.addingTimeInterval(maxClockSkew))) (\(stamp(now)) + \(minutes) min.)"
            )
        }
        if let expires = auth.expires {
            guard expires <= maxPresignedExpiry else {
                throw AWSError.invalidSignature(
                    "X-Amz-Expires must be less than a week (in seconds) that is 604800"
                )
            }
            if auth.date.addingTimeInterval(expires) < now {
                throw AWSError.invalidSignature(
                    "Signature expired: \(stamp(auth.date.addingTimeInterval(expires))) is now earlier than "
                        + "\(stamp(now)) (\(stamp(auth.date)) + \(Int(expires)) sec.)"
                )
            }
        } else if auth.date < now.addingTimeInterval(-maxClockSkew) {
            throw AWSError.invalidSignature(
                "Signature expired: \(stamp(auth.date)) is now earlier than "
                    + "\(stamp(now.addingTimeInterval(-maxClockSkew))) (\(stamp(now)) - \(minutes) min.)"
            )
        }
    }

    /// The hex SHA-256 of the body, or the client's `x-amz-content-sha256` when it sent one —
    /// after checking that it really is the body's hash, so the header cannot unbind the body.
    /// `UNSIGNED-PAYLOAD` is an S3 feature; non-S3 services (and botocore's non-S3 presigner)
    /// always hash the body, so it is refused here and every verified body is authenticated.
    private func payloadHash(_ request: SigV4Request) throws(AWSError) -> [UInt8] {
        let actual = SigV4Canonical.hexSHA256Bytes(request.body)
        if let declared = request.firstValue(lowercased: "x-amz-content-sha256")?.trimmingSpaces {
            guard declared.lowercased().utf8.elementsEqual(actual) else {
                throw AWSError.invalidSignature(
                    "The provided 'x-amz-content-sha256' header does not match what was computed."
                )
            }
            return Array(declared.utf8)
        }
        return actual
    }
}

import Foundation

/// The credential scope `AKID/20261129/us-east-1/cognito-idp/aws4_request`.
struct SigV4CredentialScope: Equatable {
    var accessKeyId: String
    var date: String
    var region: String
    var service: String

    /// `date/region/service/aws4_request`, the scope line of the string to sign.
    var scope: String { "\(date)/\(region)/\(service)/aws4_request" }

    static func parse(_ credential: String) throws(AWSError) -> SigV4CredentialScope {
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, !parts[0].isEmpty else {
            throw AWSError.incompleteSignature(
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, "
                    + "got '\(credential)'"
            )
        }
        guard parts[4] == "aws4_request" else {
            throw AWSError.invalidSignature(
                "Credential should be scoped with a valid terminator: 'aws4_request', not '\(parts[4])'. "
            )
        }
        let regionBytes = parts[2].utf8
        guard !regionBytes.isEmpty,
            regionBytes.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
        else {
            throw AWSError.invalidSignature("Credential should be scoped to a valid region. ")
        }
        return SigV4CredentialScope(accessKeyId: parts[0], date: parts[1], region: parts[2], service: parts[3])
    }
}

/// What a request claims about its signature, from the `Authorization` header or the
/// presigned query parameters, before anything is verified.
struct SigV4Authorization {
    var credential: SigV4CredentialScope
    var signedHeaders: [String]
    var signature: String
    var date: Date
    var securityToken: String?
    /// Lifetime of a presigned request; nil for the header form.
    var expires: TimeInterval?
    var presigned: Bool { expires != nil }

    static func parse(_ request: SigV4Request) throws(AWSError) -> SigV4Authorization {
        if let header = request.firstValue(lowercased: "authorization") {
            if let parsed = try parseHeaderBytes(header, request) { return parsed }
            return try parseHeader(header, request)
        }
        let query = queryParameters(request.query)
        if query["X-Amz-Algorithm"] != nil || query["X-Amz-Signature"] != nil {
            return try parseQuery(query)
        }
        throw AWSError.missingAuthenticationToken
    }

    /// The `String` form of the header parser: the reference the byte parser is tested against, and
    /// the parser of non-ASCII headers.
    static func parseHeader(_ header: String, _ request: SigV4Request) throws(AWSError) -> SigV4Authorization {
        let trimmed = header.trimmingSpaces
        let space = trimmed.firstIndex(of: " ") ?? trimmed.endIndex
        let algorithm = trimmed[..<space]
        guard algorithm == SigV4Canonical.algorithm else {
            throw AWSError.incompleteSignature(
                "Unsupported AWS 'algorithm': '\(algorithm)'. Only AWS4-HMAC-SHA256 is supported."
            )
        }
        var fields: [String: String] = [:]
        for part in trimmed[space...].split(separator: ",") {
            let item = part.trimmingSpaces
            guard let eq = item.firstIndex(of: "=") else {
                throw AWSError.incompleteSignature(
                    "'\(item)' not a valid key=value pair (missing equal-sign) in Authorization header: '\(header)'."
                )
            }
            fields[String(item[..<eq])] = String(item[item.index(after: eq)...])
        }
        let missing = ["Credential", "Signature", "SignedHeaders"].filter { (fields[$0] ?? "").isEmpty }
        guard missing.isEmpty else {
            throw AWSError.incompleteSignature(
                missing.map { "Authorization header requires '\($0)' parameter." }.joined(separator: " ")
                    + " Authorization=\(header)"
            )
        }
        let date = try headerDate(request, header)
        return SigV4Authorization(
            credential: try SigV4CredentialScope.parse(fields["Credential"]!),
            signedHeaders: try signedHeaders(fields["SignedHeaders"]!),
            signature: fields["Signature"]!,
            date: date,
            securityToken: request.header("x-amz-security-token"),
            expires: nil
        )
    }

    /// The signing time of a header-signed request: `X-Amz-Date`, else `Date`.
    static func headerDate(_ request: SigV4Request, _ header: String) throws(AWSError) -> Date {
        if let amzDate = request.firstValue(lowercased: "x-amz-date") {
            guard let parsed = UTCTime.parseISO8601Basic(amzDate.trimmingSpaces) else {
                throw AWSError.incompleteSignature(
                    "Date must be in ISO-8601 'basic format'. Got '\(amzDate)'. "
                        + "See http://docs.aws.amazon.com/general/latest/gr/sigv4-date-handling.html"
                )
            }
            return parsed
        } else if let httpDate = request.firstValue(lowercased: "date") {
            guard let parsed = UTCTime.parseRFC1123(httpDate.trimmingSpaces) else {
                throw AWSError.incompleteSignature("Date header is not a valid RFC 1123 date: '\(httpDate)'.")
            }
            return parsed
        } else {
            throw AWSError.incompleteSignature(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                    + "Authorization=\(header)"
            )
        }
    }

    private static func parseQuery(_ query: [String: String]) throws(AWSError) -> SigV4Authorization {
        let names = [
            "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders",
            "X-Amz-Expires",
        ]
        guard names.allSatisfy({ !(query[$0] ?? "").isEmpty }) else {
            throw AWSError.incompleteSignature(
                "AWS query-string parameters must include "
                    + names.map { "'\($0)'" }.joined(separator: ", ")
                    + ". Re-examine the query-string parameters."
            )
        }
        guard query["X-Amz-Algorithm"] == SigV4Canonical.algorithm else {
            throw AWSError.incompleteSignature(
                "Unsupported AWS 'algorithm': '\(query["X-Amz-Algorithm"]!)'. Only AWS4-HMAC-SHA256 is supported."
            )
        }
        guard let date = UTCTime.parseISO8601Basic(query["X-Amz-Date"]!) else {
            throw AWSError.incompleteSignature(
                "Date must be in ISO-8601 'basic format'. Got '\(query["X-Amz-Date"]!)'. "
                    + "See http://docs.aws.amazon.com/general/latest/gr/sigv4-date-handling.html"
            )
        }
        guard let expires = Int(query["X-Amz-Expires"]!), expires >= 0 else {
            throw AWSError.incompleteSignature("X-Amz-Expires should be a number")
        }
        return SigV4Authorization(
            credential: try SigV4CredentialScope.parse(query["X-Amz-Credential"]!),
            signedHeaders: try signedHeaders(query["X-Amz-SignedHeaders"]!),
            signature: query["X-Amz-Signature"]!,
            date: date,
            securityToken: query["X-Amz-Security-Token"],
            expires: TimeInterval(expires)
        )
    }

    private static func signedHeaders(_ list: String) throws(AWSError) -> [String] {
        let names = list.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingSpaces.lowercased() }
        guard !names.contains(where: \.isEmpty) else {
            throw AWSError.incompleteSignature("SignedHeaders contains an empty header name: '\(list)'.")
        }
        guard names.contains("host") || names.contains(":authority") else {
            throw AWSError.invalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
        }
        return names
    }

    /// Decoded query parameters (first value wins), used only to read the `X-Amz-*` fields.
    static func queryParameters(_ raw: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in raw.split(separator: "&") {
            let eq = pair.firstIndex(of: "=")
            let key = String(decoding: SigV4Canonical.percentDecode(eq.map { pair[..<$0] } ?? pair), as: UTF8.self)
            let value = String(
                decoding: SigV4Canonical.percentDecode(eq.map { pair[pair.index(after: $0)...] } ?? ""),
                as: UTF8.self
            )
            if out[key] == nil { out[key] = value }
        }
        return out
    }
}

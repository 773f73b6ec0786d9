/// The framing rules of the AWS JSON 1.1 protocol (`POST /`, `X-Amz-Target`, JSON bodies).
///
/// The HTTP server reads the body (enforcing its own size limit; AWS's is about 1 MB for these
/// services), calls `parseRequestBody`, routes on `AmzTarget`, and writes results and errors
/// with the headers from here. Nothing here touches sockets.
public enum AWSJSON {
    /// The content type of requests and responses.
    public static let contentType = "application/x-amz-json-1.1"

    /// Whether a request `Content-Type` is one AWS JSON services accept (1.0 or 1.1, any
    /// parameters). botocore always sends 1.1 for these services.
    public static func acceptsContentType(_ value: String?) -> Bool {
        guard let value else { return false }
        let mediaType = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? value
        let trimmed = mediaType.trimmingSpaces.lowercased()
        return trimmed == "application/x-amz-json-1.1" || trimmed == "application/x-amz-json-1.0"
    }

    /// Parses a request body into the members of its top-level object.
    ///
    /// An empty (or all-whitespace) body counts as `{}`, as AWS treats it; anything else that is
    /// not a JSON object throws `SerializationException` naming the byte offset.
    public static func parseRequestBody(_ bytes: [UInt8]) throws(AWSError) -> [String: JSONValue] {
        if bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return [:] }
        guard case .object(let members) = try JSONValue.parse(bytes) else {
            throw AWSError.serialization("The request body must be a JSON object")
        }
        return members
    }

    /// Response body for a successful operation: compact JSON, keys sorted.
    public static func responseBody(_ output: [String: JSONValue]) -> [UInt8] {
        JSONValue.object(output).serializedBytes
    }

    /// Headers of a successful response.
    public static func responseHeaders(requestId: String) -> [(name: String, value: String)] {
        [("Content-Type", contentType), ("x-amzn-RequestId", requestId)]
    }

    /// Headers of an error response: content type, `x-amzn-ErrorType` and the request id.
    public static func errorHeaders(for error: AWSError, requestId: String) -> [(name: String, value: String)] {
        [("Content-Type", contentType), ("x-amzn-ErrorType", error.code), ("x-amzn-RequestId", requestId)]
    }
}

/// A parsed `X-Amz-Target` header: `SageMaker.CreateDomain` →  prefix `SageMaker`, operation
/// `CreateDomain`.
public struct AmzTarget: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The service's target prefix, e.g. `AWSCognitoIdentityProviderService`.
    public let prefix: String
    /// The operation name, e.g. `InitiateAuth`.
    public let operation: String

    /// Splits at the last `.`; nil when either part is empty or the operation is not an
    /// identifier (letters and digits), so a garbage header cannot name an operation. The prefix
    /// may hold any visible ASCII. One pass over the UTF-8 bytes: this runs on every request.
    public init?(header: String) {
        let utf8 = header.utf8
        let trimmed = utf8.rangeTrimmingSpaces()
        let start = trimmed.lowerBound
        let end = trimmed.upperBound
        var dot: String.Index?
        // Whether every byte since the last dot is a letter or digit.
        var identifier = true
        var index = start
        while index < end {
            let byte = utf8[index]
            guard byte > 0x20, byte < 0x7F else { return nil }
            if byte == UInt8(ascii: ".") {
                dot = index
                identifier = true
            } else if identifier {
                let letter = byte | 0x20
                identifier = (letter >= UInt8(ascii: "a") && letter <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            }
            index = utf8.index(after: index)
        }
        guard let dot, dot > start, utf8.index(after: dot) < end, identifier else { return nil }
        // The bounds sit next to ASCII bytes, so they are character boundaries.
        self.prefix = String(header[start..<dot])
        self.operation = String(header[utf8.index(after: dot)..<end])
    }

    /// Makes a target from its parts.
    public init(prefix: String, operation: String) {
        self.prefix = prefix
        self.operation = operation
    }

    /// `Prefix.Operation`.
    public var description: String { "\(prefix).\(operation)" }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    var trimmingSpaces: String {
        // Spaces and tabs are ASCII, so trimming on UTF-8 bytes never splits a character.
        let whole = Substring(self)
        return String(whole[whole.utf8.rangeTrimmingSpaces()])
    }
}

extension BidirectionalCollection where Element == UInt8 {
    /// The indices left after dropping leading and trailing spaces and tabs.
    func rangeTrimmingSpaces() -> Range<Index> {
        var start = startIndex
        var end = endIndex
        while start < end, self[start] == UInt8(ascii: " ") || self[start] == UInt8(ascii: "\t") {
            start = index(after: start)
        }
        while end > start {
            let before = index(before: end)
            guard self[before] == UInt8(ascii: " ") || self[before] == UInt8(ascii: "\t") else { break }
            end = before
        }
        return start..<end
    }
}

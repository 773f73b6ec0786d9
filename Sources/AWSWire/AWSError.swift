/// An error that reaches a client as an AWS JSON 1.1 error response: an HTTP status, a body
/// `{"__type": code, "message": message}` and an `x-amzn-ErrorType: code` header.
///
/// botocore takes the error code from `__type` (the part after any `#`) and falls back to the
/// `x-amzn-ErrorType` header, so both are sent (see `AWSJSON.errorHeaders(for:requestId:)`).
/// This is AWSWire's single error type; everything it throws is an `AWSError`.
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The AWS error code, e.g. `ValidationException`; the client's exception class name.
    public var code: String
    /// A human-readable message; clients print it after the code.
    public var message: String
    /// The HTTP status: 400 for client errors, 403 for authentication errors, 500 for ours.
    public var status: Int

    /// Makes an error. Prefer the factories, which carry AWS's codes, statuses and wording.
    public init(code: String, message: String, status: Int = 400) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// `Code: message`, as botocore prints it.
    public var description: String { "\(code): \(message)" }

    /// The JSON error body, keys sorted: `{"__type":"Code","message":"..."}`.
    public var body: [UInt8] {
        JSONValue.object(["__type": .string(code), "message": .string(message)]).serializedBytes
    }

    /// True when the client, not the server, is at fault (HTTP 4xx).
    public var isClientError: Bool { (400..<500).contains(status) }
}

extension AWSError {
    /// The body was not valid JSON, not an object, or a value had the wrong JSON type.
    public static func serialization(_ message: String) -> AWSError {
        AWSError(code: "SerializationException", message: message)
    }

    /// `X-Amz-Target` names an operation (or prefix) that the service does not have.
    public static func unknownOperation(_ target: String) -> AWSError {
        AWSError(code: "UnknownOperationException", message: "Unknown operation: \(target)")
    }

    /// SageMaker-style model violation (`ValidationException`), or any service-specific one.
    public static func validation(_ message: String, code: String = "ValidationException") -> AWSError {
        AWSError(code: code, message: message)
    }

    /// Cognito-style model or semantic violation (`InvalidParameterException`).
    public static func invalidParameter(_ message: String) -> AWSError {
        AWSError(code: "InvalidParameterException", message: message)
    }

    /// A named resource does not exist. Both services answer 400, not 404. The code differs:
    /// Cognito models `ResourceNotFoundException`, SageMaker `ResourceNotFound` — see
    /// `Operation.errors` for the codes botocore turns into exception classes.
    public static func resourceNotFound(_ message: String, code: String = "ResourceNotFoundException") -> AWSError {
        AWSError(code: code, message: message)
    }

    /// The request carried no SigV4 signature at all.
    public static let missingAuthenticationToken = AWSError(
        code: "MissingAuthenticationTokenException",
        message: "Missing Authentication Token",
        status: 403
    )

    /// The signature did not verify, or the scope or date was wrong; `message` says which.
    public static func invalidSignature(_ message: String) -> AWSError {
        AWSError(code: "InvalidSignatureException", message: message, status: 403)
    }

    /// The signature does not match the request: wrong secret, tampered request, or a client
    /// that signs differently. AWS's exact wording, which clients and people search for.
    public static let signatureMismatch = invalidSignature(
        "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
    )

    /// The Authorization header (or presigned query) lacks a part or cannot be parsed.
    public static func incompleteSignature(_ message: String) -> AWSError {
        AWSError(code: "IncompleteSignatureException", message: message, status: 403)
    }

    /// The access key id is not known.
    public static let unrecognizedClient = AWSError(
        code: "UnrecognizedClientException",
        message: "The security token included in the request is invalid.",
        status: 403
    )

    /// The caller is authenticated but not allowed to do this.
    public static func accessDenied(_ message: String) -> AWSError {
        AWSError(code: "AccessDeniedException", message: message, status: 403)
    }

    /// Our fault; the message carries only a request id so that logs can be matched.
    public static func internalFailure(requestId: String) -> AWSError {
        AWSError(
            code: "InternalFailure",
            message: "The request processing has failed because of an unknown error, exception or failure. "
                + "Request ID: \(requestId)",
            status: 500
        )
    }
}

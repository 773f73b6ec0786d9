import AWSWire
import Foundation

/// What an operation handler knows about its call.
public struct AWSCall: Sendable {
    /// The SigV4 identity, nil for operations the service serves unsigned.
    public let identity: SigV4Identity?
    public let context: AtelierRequestContext
}

/// One AWS JSON 1.1 operation: its handler from the request body (already parsed,
/// authenticated and validated against the service model, which also says whether it must be
/// signed) to response body bytes.
public struct AWSOperation: Sendable {
    public let handler: @Sendable (_ input: JSONValue, _ call: AWSCall) async throws -> [UInt8]

    /// Decodes the input as `Input`, runs `body`, encodes its output.
    public static func json<Input: Decodable & Sendable, Output: Encodable & Sendable>(
        _ input: Input.Type,
        _ body: @escaping @Sendable (Input, AWSCall) async throws -> Output
    ) -> AWSOperation {
        AWSOperation { value, call in
            let decoded: Input
            do {
                decoded = try JSONValueDecoder().decode(Input.self, from: value)
            } catch {
                throw AWSError.serialization("Start of structure or map found where not expected, or a member has the wrong type: \(Self.describe(error))")
            }
            return try AWSJSONEncoder().encode(try await body(decoded, call))
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
            c.codingPath.map(\.stringValue).joined(separator: ".")
        default: "\(error)"
        }
    }
}

/// An AWS service as the wire sees it: target prefix, signing name, model, operations.
public struct AWSService: Sendable {
    public let targetPrefix: String
    public let signingName: String
    public let model: ServiceModel
    public let operations: [String: AWSOperation]

    public init(targetPrefix: String, signingName: String, model: ServiceModel, operations: [String: AWSOperation]) {
        self.targetPrefix = targetPrefix
        self.signingName = signingName
        self.model = model
        self.operations = operations
    }
}

/// An empty JSON object, the output of operations that return nothing.
public struct Empty: Codable, Sendable {
    public init() {}
}

extension AWSError {
    /// 413 for bodies over the limit (AWS JSON APIs accept 1 MiB).
    static func requestTooLarge(_ limit: Int) -> AWSError {
        AWSError(
            code: "RequestEntityTooLargeException", message: "Request body is larger than the \(limit)-byte limit",
            status: 413)
    }
}

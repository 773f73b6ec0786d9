/// The services this server speaks, keyed by `X-Amz-Target` prefix, and the one call that turns
/// a target header and a body into a validated operation input.
///
/// Gateway order per request: `resolve(target:)` → if `operation.requiresSignature`,
/// `SigV4Verifier.verify(…, expectedService: model.signingName)` → `decode(target:body:)` →
/// dispatch on `(model.service, operation.name)`. Any thrown `AWSError` goes back as is.
public struct AWSServiceCatalog: Sendable {
    /// Models by target prefix.
    public let models: [String: ServiceModel]

    /// A catalog of the given models.
    public init(models: [ServiceModel]) {
        self.models = Dictionary(models.map { ($0.targetPrefix, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The bundled `cognito-idp` and `sagemaker` models.
    public static func bundled() throws(AWSError) -> AWSServiceCatalog {
        AWSServiceCatalog(models: [try ServiceModel.load("cognito-idp"), try ServiceModel.load("sagemaker")])
    }

    /// Resolves an `X-Amz-Target` header to its service model and operation, or throws
    /// `UnknownOperationException` (missing, malformed, unknown prefix or operation).
    public func resolve(target header: String?) throws(AWSError) -> (
        model: ServiceModel, operation: ServiceModel.Operation
    ) {
        guard let header, !header.isEmpty else {
            throw AWSError(code: "UnknownOperationException", message: "Missing X-Amz-Target header")
        }
        guard let target = AmzTarget(header: header), let model = models[target.prefix],
            let operation = model.operation(target.operation)
        else { throw AWSError.unknownOperation(header) }
        return (model, operation)
    }

    /// Parses and validates a request body for `target`: the input members, ready for the
    /// operation's handler. Throws `UnknownOperationException`, `SerializationException` or the
    /// service's validation error.
    public func decode(target header: String?, body: [UInt8]) throws(AWSError) -> AWSOperationRequest {
        let (model, operation) = try resolve(target: header)
        let input = try AWSJSON.parseRequestBody(body)
        if let error = model.validate(operation: operation.name, input: input) { throw error }
        return AWSOperationRequest(model: model, operation: operation, input: input)
    }
}

/// A request that has passed framing and model validation.
public struct AWSOperationRequest: Sendable {
    /// The service it belongs to (`model.service` is `cognito-idp` or `sagemaker`).
    public let model: ServiceModel
    /// The operation, e.g. `CreatePresignedDomainUrl`.
    public let operation: ServiceModel.Operation
    /// The input members, valid against the model (unknown members kept, as AWS ignores them).
    public let input: [String: JSONValue]
}

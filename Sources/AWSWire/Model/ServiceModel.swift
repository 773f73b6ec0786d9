import Foundation

/// A trimmed botocore service model: the operations Atelier serves and the input shapes they
/// reach, generated from botocore's `service-2.json` by
/// `Tests/AWSWireTests/Fixtures/generate_models.py`.
public struct ServiceModel: Sendable {
    /// The model file's magic; files without it are rejected.
    static let formatName = "atelier-aws-model"
    /// The model file version this code reads.
    static let formatVersion = 1

    /// The service's endpoint/model name, e.g. `cognito-idp`.
    public let service: String
    /// The `X-Amz-Target` prefix, e.g. `AWSCognitoIdentityProviderService`.
    public let targetPrefix: String
    /// The SigV4 service name in credential scopes, e.g. `sagemaker`.
    public let signingName: String
    /// The error code AWS uses for model violations (`InvalidParameterException` for Cognito,
    /// `ValidationException` for SageMaker).
    public let validationErrorCode: String
    /// The operations by name.
    public let operations: [String: Operation]
    /// The shapes by name.
    public let shapes: [String: Shape]
    let patterns: CompiledPatterns

    /// Loads `Models/<name>.json` from AWSWire's resources: `cognito-idp` or `sagemaker`.
    public static func load(_ name: String) throws(AWSError) -> ServiceModel {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Models"),
            let data = try? Data(contentsOf: url)
        else {
            throw AWSError(code: "InternalFailure", message: "No service model named '\(name)'", status: 500)
        }
        return try ServiceModel(jsonBytes: Array(data))
    }

    /// Reads a model from its JSON text, checking the format magic and version and compiling
    /// every pattern, so a model that loads can validate any request.
    public init(jsonBytes: [UInt8]) throws(AWSError) {
        func fail(_ what: String) -> AWSError {
            AWSError(code: "InternalFailure", message: "Service model: \(what)", status: 500)
        }
        let json = try JSONValue.parse(jsonBytes)
        guard json["format"]?.stringValue == Self.formatName else { throw fail("not an \(Self.formatName) file") }
        guard json["version"]?.intValue == Self.formatVersion else {
            throw fail("version \(json["version"].map(\.serialized) ?? "none"), expected \(Self.formatVersion)")
        }
        func string(_ key: String) throws(AWSError) -> String {
            guard let value = json[key]?.stringValue else { throw fail("missing '\(key)'") }
            return value
        }
        service = try string("service")
        targetPrefix = try string("targetPrefix")
        signingName = try string("signingName")
        validationErrorCode = try string("validationErrorCode")
        var shapes: [String: Shape] = [:]
        for (name, body) in json["shapes"]?.objectValue ?? [:] {
            shapes[name] = try Shape(name: name, json: body)
        }
        var operations: [String: Operation] = [:]
        for (name, body) in json["operations"]?.objectValue ?? [:] {
            let input = body["input"]?.stringValue
            if let input, shapes[input] == nil { throw fail("operation '\(name)' input '\(input)' is not a shape") }
            operations[name] = Operation(
                name: name,
                input: input,
                requiresSignature: body["signed"]?.boolValue ?? true,
                errors: (body["errors"]?.arrayValue ?? []).compactMap(\.stringValue)
            )
        }
        for shape in shapes.values {
            for target in Array(shape.members.values) + [shape.member, shape.key, shape.value].compactMap({ $0 })
            where shapes[target] == nil {
                throw fail("shape '\(shape.name)' refers to missing shape '\(target)'")
            }
        }
        self.shapes = shapes
        self.operations = operations
        self.patterns = try CompiledPatterns(
            shapes.values.sorted { $0.name < $1.name }.compactMap { s in s.pattern.map { (s.name, $0) } }
        )
    }

    /// The operation called `name`, or nil when the service (as served here) lacks it.
    public func operation(_ name: String) -> Operation? { operations[name] }
}

extension ServiceModel {
    /// One shape of a botocore service model, trimmed to what validation needs.
    public struct Shape: Sendable, Equatable {
        /// botocore's shape types; `float` and `double` validate alike.
        public enum Kind: String, Sendable {
            case structure, list, map, string, integer, long, boolean, double, float, timestamp, blob
        }

        /// The shape's name in the model, e.g. `UserPoolIdType`.
        public var name: String
        /// The JSON-level type the value must have.
        public var kind: Kind
        /// Structure members: member name → target shape name.
        public var members: [String: String]
        /// Required member names of a structure.
        public var required: [String]
        /// Element shape of a list.
        public var member: String?
        /// Key shape of a map.
        public var key: String?
        /// Value shape of a map.
        public var value: String?
        /// Minimum length (strings: characters; lists and maps: entries; blobs: bytes) or value.
        public var min: Double?
        /// Maximum length or value (see `min`).
        public var max: Double?
        /// A Java regular expression that the whole string must match.
        public var pattern: String?
        /// Allowed values of a string enum, in model order.
        public var enumValues: [String]?
        /// Values of sensitive shapes (passwords, tokens) never appear in error messages.
        public var sensitive: Bool
        /// A `document` structure: any JSON, not validated.
        public var isDocument: Bool

        /// Member names in the order errors are reported (alphabetical, so output is stable).
        public var memberNames: [String] { members.keys.sorted() }
    }

    /// One operation of a service model. (Nested, so that it cannot be confused with
    /// Foundation's `Operation` in files that import both.)
    public struct Operation: Sendable, Equatable {
        /// The operation name, e.g. `CreatePresignedDomainUrl`.
        public var name: String
        /// The input structure's shape name; nil for operations without input.
        public var input: String?
        /// False for operations that clients send without SigV4 (botocore's `authtype: none`, e.g.
        /// Cognito's `InitiateAuth`, `SignUp`, `GetUser`); those authenticate by their own tokens.
        public var requiresSignature: Bool
        /// The error codes botocore models for this operation (e.g. `ResourceNotFound` for
        /// SageMaker, `UserNotFoundException` for Cognito). boto3 raises `client.exceptions.<Code>`
        /// only for these, so handlers should answer with exactly these codes.
        public var errors: [String]
    }
}

extension ServiceModel.Shape {
    init(name: String, json: JSONValue) throws(AWSError) {
        func fail(_ what: String) -> AWSError {
            AWSError(code: "InternalFailure", message: "Service model shape '\(name)': \(what)", status: 500)
        }
        guard let typeName = json["type"]?.stringValue else { throw fail("missing 'type'") }
        guard let kind = Kind(rawValue: typeName) else { throw fail("unsupported type '\(typeName)'") }
        self.name = name
        self.kind = kind
        var members: [String: String] = [:]
        for (member, target) in json["members"]?.objectValue ?? [:] {
            guard let target = target.stringValue else { throw fail("member '\(member)' has no target shape") }
            members[member] = target
        }
        self.members = members
        self.required = (json["required"]?.arrayValue ?? []).compactMap(\.stringValue)
        self.member = json["member"]?.stringValue
        self.key = json["key"]?.stringValue
        self.value = json["value"]?.stringValue
        self.min = json["min"]?.numberValue
        self.max = json["max"]?.numberValue
        self.pattern = json["pattern"]?.stringValue
        self.enumValues = json["enum"]?.arrayValue?.compactMap(\.stringValue)
        self.sensitive = json["sensitive"]?.boolValue ?? false
        self.isDocument = json["document"]?.boolValue ?? false
        if kind == .list, member == nil { throw fail("list without 'member'") }
        if kind == .map, key == nil || value == nil { throw fail("map without 'key' and 'value'") }
    }
}

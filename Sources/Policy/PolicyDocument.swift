import Foundation

/// An IAM policy document: `{"Version": "2012-10-17", "Statement": [...]}`.
public struct PolicyDocument: Sendable, Equatable {
    public var version: String
    public var statements: [Statement]

    public init(version: String = "2012-10-17", statements: [Statement]) {
        self.version = version
        self.statements = statements
    }
}

public enum Effect: String, Sendable, Equatable {
    case allow = "Allow"
    case deny = "Deny"
}

/// One statement. `Action`/`NotAction` and `Resource`/`NotResource` are patterns with `*` and `?`.
public struct Statement: Sendable, Equatable {
    public var sid: String?
    public var effect: Effect
    public var actions: [String]
    public var actionsNegated = false
    public var resources: [String]
    public var resourcesNegated = false
    public var conditions: [Condition]

    public init(
        sid: String? = nil, effect: Effect, actions: [String], actionsNegated: Bool = false, resources: [String] = ["*"],
        resourcesNegated: Bool = false, conditions: [Condition] = []
    ) {
        self.sid = sid
        self.effect = effect
        self.actions = actions
        self.actionsNegated = actionsNegated
        self.resources = resources
        self.resourcesNegated = resourcesNegated
        self.conditions = conditions
    }
}

/// One `"Operator": {"key": [values]}` entry of a `Condition` block.
public struct Condition: Sendable, Equatable {
    public var op: ConditionOperator
    /// `ForAllValues:` / `ForAnyValue:` set qualifiers for multi-valued keys.
    public var qualifier: SetQualifier
    public var ifExists: Bool
    public var key: String
    public var values: [String]

    public enum SetQualifier: Sendable, Equatable { case none, forAllValues, forAnyValue }
}

/// The IAM condition operators Atelier evaluates.
public enum ConditionOperator: String, Sendable, Equatable, CaseIterable {
    case stringEquals = "StringEquals", stringNotEquals = "StringNotEquals"
    case stringEqualsIgnoreCase = "StringEqualsIgnoreCase", stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
    case stringLike = "StringLike", stringNotLike = "StringNotLike"
    case numericEquals = "NumericEquals", numericNotEquals = "NumericNotEquals"
    case numericLessThan = "NumericLessThan", numericLessThanEquals = "NumericLessThanEquals"
    case numericGreaterThan = "NumericGreaterThan", numericGreaterThanEquals = "NumericGreaterThanEquals"
    case dateEquals = "DateEquals", dateNotEquals = "DateNotEquals"
    case dateLessThan = "DateLessThan", dateLessThanEquals = "DateLessThanEquals"
    case dateGreaterThan = "DateGreaterThan", dateGreaterThanEquals = "DateGreaterThanEquals"
    case bool = "Bool"
    case ipAddress = "IpAddress", notIpAddress = "NotIpAddress"
    case arnEquals = "ArnEquals", arnNotEquals = "ArnNotEquals", arnLike = "ArnLike", arnNotLike = "ArnNotLike"
    case null = "Null"

    /// Negated operators match when the key is absent (IAM's rule).
    var isNegated: Bool {
        switch self {
        case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals, .dateNotEquals,
            .notIpAddress, .arnNotEquals, .arnNotLike:
            true
        default: false
        }
    }
}

/// A policy that cannot be used, with where it is wrong.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "invalid policy at \(path): \(reason)" }
}

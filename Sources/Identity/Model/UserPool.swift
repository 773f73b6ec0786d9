import Foundation

/// A user pool's password rules, as Cognito's `PasswordPolicyType`.
public struct PasswordPolicy: Codable, Sendable, Equatable {
    public var MinimumLength: Int?
    public var RequireUppercase: Bool?
    public var RequireLowercase: Bool?
    public var RequireNumbers: Bool?
    public var RequireSymbols: Bool?
    public var TemporaryPasswordValidityDays: Int?

    /// Cognito's defaults for a pool created without a policy.
    public static let cognitoDefault = PasswordPolicy(
        MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true,
        RequireSymbols: true, TemporaryPasswordValidityDays: 7
    )
}

public struct UserPoolPolicies: Codable, Sendable, Equatable {
    public var PasswordPolicy: PasswordPolicy?

    public init(PasswordPolicy: PasswordPolicy?) { self.PasswordPolicy = PasswordPolicy }
}

/// A custom or standard attribute declared in the pool's schema (`SchemaAttributeType`).
public struct SchemaAttribute: Codable, Sendable, Equatable {
    public var Name: String?
    public var AttributeDataType: String?
    public var DeveloperOnlyAttribute: Bool?
    public var Mutable: Bool?
    public var Required: Bool?
}

public struct AdminCreateUserConfig: Codable, Sendable, Equatable {
    public var AllowAdminCreateUserOnly: Bool?
    public var UnusedAccountValidityDays: Int?
}

/// The settings a client may give at `CreateUserPool` and read back at `DescribeUserPool`.
public struct UserPoolSettings: Codable, Sendable, Equatable {
    public var PoolName: String
    public var Policies: UserPoolPolicies?
    public var AutoVerifiedAttributes: [String]?
    public var AliasAttributes: [String]?
    public var UsernameAttributes: [String]?
    public var MfaConfiguration: String?
    public var Schema: [SchemaAttribute]?
    public var AdminCreateUserConfig: AdminCreateUserConfig?
    public var UserPoolTags: [String: String]?
    public var DeletionProtection: String?

    public init(PoolName: String) { self.PoolName = PoolName }

    public var passwordPolicy: PasswordPolicy { Policies?.PasswordPolicy ?? .cognitoDefault }
}

/// A stored user pool.
public struct UserPool: Sendable, Equatable {
    public let id: String
    public let arn: String
    public var settings: UserPoolSettings
    public let created: Date
    public var lastModified: Date
    public var estimatedNumberOfUsers: Int
}

import Foundation

/// A name/value attribute (`AttributeType`).
public struct UserAttribute: Codable, Sendable, Equatable, Hashable {
    public var Name: String
    public var Value: String?

    public init(Name: String, Value: String?) {
        self.Name = Name
        self.Value = Value
    }
}

/// Cognito's user statuses.
public enum UserStatus: String, Codable, Sendable {
    case confirmed = "CONFIRMED"
    case forceChangePassword = "FORCE_CHANGE_PASSWORD"
    case resetRequired = "RESET_REQUIRED"
    case unconfirmed = "UNCONFIRMED"
}

/// A stored user. `passwordHash` is a bcrypt hash; the clear password is never kept.
public struct User: Sendable, Equatable {
    public let userPoolId: String
    public let username: String
    public let sub: String
    public var enabled: Bool
    public var status: UserStatus
    public var attributes: [UserAttribute]
    public var passwordHash: String?
    /// When a temporary password stops working.
    public var temporaryPasswordExpires: Date?
    public let created: Date
    public var lastModified: Date

    /// All attributes including the immutable `sub`, as Cognito lists them.
    public var allAttributes: [UserAttribute] {
        [UserAttribute(Name: "sub", Value: sub)] + attributes.filter { $0.Name != "sub" }
    }

    public func attribute(_ name: String) -> String? {
        allAttributes.first { $0.Name == name }?.Value
    }
}

/// A group in a pool (`GroupType`).
public struct Group: Sendable, Equatable {
    public let userPoolId: String
    public let name: String
    public var description: String?
    public var precedence: Int?
    public var roleArn: String?
    public let created: Date
    public var lastModified: Date
}

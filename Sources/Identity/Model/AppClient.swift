import Foundation

/// Token validity units (`TokenValidityUnitsType`).
public struct TokenValidityUnits: Codable, Sendable, Equatable {
    public var AccessToken: String?
    public var IdToken: String?
    public var RefreshToken: String?
}

/// The settings of an app client, as given to `CreateUserPoolClient`.
public struct AppClientSettings: Codable, Sendable, Equatable {
    public var ClientName: String
    public var GenerateSecret: Bool?
    public var ExplicitAuthFlows: [String]?
    public var AccessTokenValidity: Int?
    public var IdTokenValidity: Int?
    public var RefreshTokenValidity: Int?
    public var TokenValidityUnits: TokenValidityUnits?
    public var ReadAttributes: [String]?
    public var WriteAttributes: [String]?
    public var PreventUserExistenceErrors: String?
    public var EnableTokenRevocation: Bool?
    public var AuthSessionValidity: Int?

    public init(ClientName: String) { self.ClientName = ClientName }
}

/// A stored app client.
public struct AppClient: Sendable, Equatable {
    public let clientId: String
    public let userPoolId: String
    public var settings: AppClientSettings
    /// The client secret in clear (sealed at rest), if the client has one.
    public let secret: String?
    public let created: Date
    public var lastModified: Date

    /// Flows allowed for this client; Cognito's default when none are given.
    public var authFlows: Set<String> {
        Set(settings.ExplicitAuthFlows ?? ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"])
    }

    public func allows(_ flow: String) -> Bool {
        let flows = authFlows
        switch flow {
        case "USER_PASSWORD_AUTH": return flows.contains("ALLOW_USER_PASSWORD_AUTH") || flows.contains("USER_PASSWORD_AUTH")
        case "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH":
            return flows.contains("ALLOW_ADMIN_USER_PASSWORD_AUTH") || flows.contains("ADMIN_NO_SRP_AUTH")
        case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN":
            // Cognito always allows refresh.
            return true
        default: return false
        }
    }

    /// Validity of each token kind in seconds, from the client's values and units.
    public var accessTokenSeconds: Int { Self.seconds(settings.AccessTokenValidity, settings.TokenValidityUnits?.AccessToken, defaultSeconds: 3600, defaultUnit: "hours") }
    public var idTokenSeconds: Int { Self.seconds(settings.IdTokenValidity, settings.TokenValidityUnits?.IdToken, defaultSeconds: 3600, defaultUnit: "hours") }
    public var refreshTokenSeconds: Int { Self.seconds(settings.RefreshTokenValidity, settings.TokenValidityUnits?.RefreshToken, defaultSeconds: 30 * 86400, defaultUnit: "days") }

    static func seconds(_ value: Int?, _ unit: String?, defaultSeconds: Int, defaultUnit: String) -> Int {
        guard let value else { return defaultSeconds }
        switch unit ?? defaultUnit {
        case "seconds": return value
        case "minutes": return value * 60
        case "hours": return value * 3600
        case "days": return value * 86400
        default: return defaultSeconds
        }
    }
}

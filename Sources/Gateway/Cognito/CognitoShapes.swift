import Foundation
import Identity

// Cognito's wire shapes for output (PascalCase, as botocore's cognito-idp model names them).

struct UserPoolType: Encodable {
    let Id: String
    let Name: String
    let Arn: String
    let Policies: UserPoolPolicies
    let CreationDate: Date
    let LastModifiedDate: Date
    let AutoVerifiedAttributes: [String]?
    let AliasAttributes: [String]?
    let UsernameAttributes: [String]?
    let MfaConfiguration: String
    let SchemaAttributes: [SchemaAttribute]?
    let EstimatedNumberOfUsers: Int
    let AdminCreateUserConfig: AdminCreateUserConfig?
    let UserPoolTags: [String: String]?
    let DeletionProtection: String

    init(_ pool: UserPool) {
        Id = pool.id
        Name = pool.settings.PoolName
        Arn = pool.arn
        Policies = UserPoolPolicies(PasswordPolicy: pool.settings.passwordPolicy)
        CreationDate = pool.created
        LastModifiedDate = pool.lastModified
        AutoVerifiedAttributes = pool.settings.AutoVerifiedAttributes
        AliasAttributes = pool.settings.AliasAttributes
        UsernameAttributes = pool.settings.UsernameAttributes
        MfaConfiguration = pool.settings.MfaConfiguration ?? "OFF"
        SchemaAttributes = pool.settings.Schema
        EstimatedNumberOfUsers = pool.estimatedNumberOfUsers
        AdminCreateUserConfig = pool.settings.AdminCreateUserConfig
        UserPoolTags = pool.settings.UserPoolTags
        DeletionProtection = pool.settings.DeletionProtection ?? "INACTIVE"
    }
}

struct UserPoolDescriptionType: Encodable {
    let Id: String
    let Name: String
    let CreationDate: Date
    let LastModifiedDate: Date

    init(_ pool: UserPool) {
        Id = pool.id
        Name = pool.settings.PoolName
        CreationDate = pool.created
        LastModifiedDate = pool.lastModified
    }
}

struct UserPoolClientType: Encodable {
    let UserPoolId: String
    let ClientName: String
    let ClientId: String
    let ClientSecret: String?
    let CreationDate: Date
    let LastModifiedDate: Date
    let ExplicitAuthFlows: [String]?
    let AccessTokenValidity: Int?
    let IdTokenValidity: Int?
    let RefreshTokenValidity: Int
    let TokenValidityUnits: TokenValidityUnits?
    let ReadAttributes: [String]?
    let WriteAttributes: [String]?
    let PreventUserExistenceErrors: String?
    let EnableTokenRevocation: Bool
    let AuthSessionValidity: Int

    init(_ client: AppClient) {
        let s = client.settings
        UserPoolId = client.userPoolId
        ClientName = s.ClientName
        ClientId = client.clientId
        ClientSecret = client.secret
        CreationDate = client.created
        LastModifiedDate = client.lastModified
        ExplicitAuthFlows = s.ExplicitAuthFlows
        AccessTokenValidity = s.AccessTokenValidity
        IdTokenValidity = s.IdTokenValidity
        RefreshTokenValidity = s.RefreshTokenValidity ?? 30
        TokenValidityUnits = s.TokenValidityUnits
        ReadAttributes = s.ReadAttributes
        WriteAttributes = s.WriteAttributes
        PreventUserExistenceErrors = s.PreventUserExistenceErrors
        EnableTokenRevocation = s.EnableTokenRevocation ?? true
        AuthSessionValidity = s.AuthSessionValidity ?? 3
    }
}

struct UserPoolClientDescription: Encodable {
    let ClientId: String
    let UserPoolId: String
    let ClientName: String
}

/// A user as `ListUsers`/`AdminCreateUser` (`Attributes`) and `AdminGetUser` (`UserAttributes`)
/// return it: the same fields under two names for the attribute list.
struct UserType: Encodable {
    init(_ user: User, attributesKey: String = "Attributes") {
        self.user = user
        self.attributesKey = attributesKey
    }

    let user: User
    let attributesKey: String

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(user.username, forKey: Key("Username"))
        try c.encode(user.allAttributes, forKey: Key(attributesKey))
        try c.encode(user.created, forKey: Key("UserCreateDate"))
        try c.encode(user.lastModified, forKey: Key("UserLastModifiedDate"))
        try c.encode(user.enabled, forKey: Key("Enabled"))
        try c.encode(user.status.rawValue, forKey: Key("UserStatus"))
    }
}

struct GetUserResponse: Encodable {
    let Username: String
    let UserAttributes: [UserAttribute]
}

struct GroupType: Encodable {
    let GroupName: String
    let UserPoolId: String
    let Description: String?
    let RoleArn: String?
    let Precedence: Int?
    let CreationDate: Date
    let LastModifiedDate: Date

    init(_ group: Identity.Group) {
        GroupName = group.name
        UserPoolId = group.userPoolId
        Description = group.description
        RoleArn = group.roleArn
        Precedence = group.precedence
        CreationDate = group.created
        LastModifiedDate = group.lastModified
    }
}

struct AuthenticationResultType: Encodable {
    let AccessToken: String
    let ExpiresIn: Int
    let TokenType: String
    let RefreshToken: String?
    let IdToken: String

    init(_ result: AuthenticationResult) {
        AccessToken = result.accessToken
        ExpiresIn = result.expiresIn
        TokenType = result.tokenType
        RefreshToken = result.refreshToken
        IdToken = result.idToken
    }
}

/// The answer of `InitiateAuth`/`RespondToAuthChallenge` and their admin variants.
struct AuthResponse: Encodable {
    var ChallengeName: String?
    var Session: String?
    var ChallengeParameters: [String: String]
    var AuthenticationResult: AuthenticationResultType?

    init(_ outcome: AuthOutcome) {
        switch outcome {
        case .authenticated(let result):
            ChallengeParameters = [:]
            AuthenticationResult = AuthenticationResultType(result)
        case .challenge(let name, let session, let parameters):
            ChallengeName = name
            Session = session
            ChallengeParameters = parameters
        }
    }
}

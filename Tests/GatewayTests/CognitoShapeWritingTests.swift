import AWSWire
import Foundation
import Testing

@testable import Gateway
@testable import Identity

/// `UserPoolType` writes its own JSON; it must be the JSON its `Encodable` conformance gives.
@Suite struct CognitoShapeWritingTests {
    static func pool(full: Bool) -> UserPool {
        var settings = UserPoolSettings(PoolName: full ? "Équipe \"ML\" \\ \u{01} 🚀/pool" : "p")
        if full {
            settings.Policies = UserPoolPolicies(PasswordPolicy: PasswordPolicy(
                MinimumLength: 12, RequireUppercase: false, RequireLowercase: true, RequireNumbers: nil,
                RequireSymbols: true, TemporaryPasswordValidityDays: 3))
            settings.AutoVerifiedAttributes = ["email"]
            settings.AliasAttributes = []
            settings.UsernameAttributes = ["email", "phone_number"]
            settings.MfaConfiguration = "OPTIONAL"
            settings.Schema = [
                SchemaAttribute(Name: "team", AttributeDataType: "String", DeveloperOnlyAttribute: false, Mutable: true, Required: nil),
                SchemaAttribute(Name: nil, AttributeDataType: nil, DeveloperOnlyAttribute: nil, Mutable: nil, Required: nil),
            ]
            settings.AdminCreateUserConfig = AdminCreateUserConfig(AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: nil)
            settings.UserPoolTags = ["cost-center": "42", "owner": "ml\nplatform", "": "empty key"]
            settings.DeletionProtection = "ACTIVE"
        }
        return UserPool(
            id: "us-east-1_AbCdEfGhI", arn: "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_AbCdEfGhI",
            settings: settings, created: Date(timeIntervalSince1970: 1_800_000_000.25),
            lastModified: Date(timeIntervalSince1970: 1_800_000_100), estimatedNumberOfUsers: full ? 123_456 : 0)
    }

    static func foundation(_ value: some Encodable) throws -> NSDictionary {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSince1970)
        }
        return try #require(try JSONSerialization.jsonObject(with: encoder.encode(value)) as? NSDictionary)
    }

    @Test(arguments: [true, false]) func writtenJSONIsTheEncodableJSON(full: Bool) throws {
        let output = CognitoOperations.PoolOut(UserPool: UserPoolType(Self.pool(full: full)))
        let written = try AWSJSONEncoder().encode(output)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(written)) as? NSDictionary)
        #expect(parsed == (try Self.foundation(output)), "\(String(decoding: written, as: UTF8.self))")
    }
}

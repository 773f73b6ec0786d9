import AWSWire
import Foundation

/// The request the server profile was taken with: botocore's `AdminGetUser` as the aws CLI signs
/// it (the `client-cognito-admin-get-user` vector of Tests/AWSWireTests/Fixtures/sigv4_vectors.json).
enum BenchRequest {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let now = Date(timeIntervalSince1970: 1_795_916_880 + 42)
    static let request = SigV4Request(
        method: "POST",
        path: "/",
        headers: [
            ("Host", "atelier.example.internal:8443"),
            ("X-Amz-Target", "AWSCognitoIdentityProviderService.AdminGetUser"),
            ("Content-Type", "application/x-amz-json-1.1"),
            (
                "User-Agent",
                "Botocore/1.43.11 ua/2.1 os/linux#6.18.44-fc-v669 md/arch#x86_64 lang/python#3.11.7 "
                    + "md/pyimpl#CPython m/Z,N,b,e,D cfg/retry-mode#legacy"
            ),
            ("X-Amz-Date", "20261129T014800Z"),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261129/us-east-1/cognito-idp/aws4_request, "
                    + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                    + "Signature=f8fbf212ce36279401f36bd924cba3245357506d4df0a19af858a3fa795e8323"
            ),
            ("amz-sdk-invocation-id", "5eda0620-9d6f-4081-99ea-917e751aa03a"),
            ("amz-sdk-request", "attempt=1"),
            ("Content-Length", "61"),
        ],
        body: Array(#"{"UserPoolId": "us-east-1_AbC123", "Username": "j\u00fcrgen"}"#.utf8)
    )
}

/// `DescribeUserPool`'s input, as the gateway decodes it.
struct DescribeUserPoolInput: Codable, Sendable {
    var UserPoolId: String
}

let describeBody = Array(#"{"UserPoolId":"us-east-1_AbCdEfGhI"}"#.utf8)

/// A Cognito `UserPoolType`-like output: 15 top-level members, nested policies, schema
/// attributes and tags — about 40 encoded fields in all.
struct PasswordPolicy: Codable, Equatable {
    var MinimumLength: Int
    var RequireUppercase: Bool
    var RequireLowercase: Bool
    var RequireNumbers: Bool
    var RequireSymbols: Bool
    var TemporaryPasswordValidityDays: Int
}

struct Policies: Codable, Equatable { var PasswordPolicy: PasswordPolicy }

struct StringConstraints: Codable, Equatable {
    var MinLength: String?
    var MaxLength: String?
}

struct SchemaAttribute: Codable, Equatable {
    var Name: String
    var AttributeDataType: String
    var DeveloperOnlyAttribute: Bool?
    var Mutable: Bool
    var Required: Bool
    var StringAttributeConstraints: StringConstraints?
}

struct AdminCreateUserConfig: Codable, Equatable {
    var AllowAdminCreateUserOnly: Bool
    var UnusedAccountValidityDays: Int?
}

struct UserPoolType: Codable, Equatable {
    var Id: String
    var Name: String
    var Arn: String
    var Policies: Policies
    var CreationDate: Date
    var LastModifiedDate: Date
    var AutoVerifiedAttributes: [String]?
    var AliasAttributes: [String]?
    var UsernameAttributes: [String]?
    var MfaConfiguration: String
    var SchemaAttributes: [SchemaAttribute]?
    var EstimatedNumberOfUsers: Int
    var AdminCreateUserConfig: AdminCreateUserConfig?
    var UserPoolTags: [String: String]?
    var DeletionProtection: String

    static let sample = UserPoolType(
        Id: "us-east-1_AbCdEfGhI",
        Name: "atelier-users",
        Arn: "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_AbCdEfGhI",
        Policies: .init(
            PasswordPolicy: .init(
                MinimumLength: 12, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true,
                RequireSymbols: false, TemporaryPasswordValidityDays: 7)),
        CreationDate: Date(timeIntervalSince1970: 1_795_916_880.25),
        LastModifiedDate: Date(timeIntervalSince1970: 1_795_920_000),
        AutoVerifiedAttributes: ["email"],
        AliasAttributes: nil,
        UsernameAttributes: ["email"],
        MfaConfiguration: "OFF",
        SchemaAttributes: [
            .init(
                Name: "sub", AttributeDataType: "String", DeveloperOnlyAttribute: false, Mutable: false, Required: true,
                StringAttributeConstraints: .init(MinLength: "1", MaxLength: "2048")),
            .init(
                Name: "email", AttributeDataType: "String", DeveloperOnlyAttribute: false, Mutable: true, Required: true,
                StringAttributeConstraints: .init(MinLength: "0", MaxLength: "2048")),
            .init(
                Name: "name", AttributeDataType: "String", DeveloperOnlyAttribute: nil, Mutable: true, Required: false,
                StringAttributeConstraints: nil),
        ],
        EstimatedNumberOfUsers: 42,
        AdminCreateUserConfig: .init(AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: nil),
        UserPoolTags: ["team": "ml", "env": "dev/test"],
        DeletionProtection: "INACTIVE"
    )
}

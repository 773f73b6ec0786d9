import AWSWire
import Identity

// Hand-written JSON for the pool description, the largest output on a hot path (every
// DescribeUserPool). It must write what the synthesized `Encodable` conformance writes;
// `CognitoShapeWritingTests` compares the two over pools with every member set and unset.

extension UserPoolType: AWSJSONWritable {
    func write(to object: inout JSONObjectWriter) {
        object.field("Id", Id)
        object.field("Name", Name)
        object.field("Arn", Arn)
        object.object("Policies") { policies in
            guard let password = Policies.PasswordPolicy else { return }
            policies.object("PasswordPolicy") { p in
                p.field("MinimumLength", password.MinimumLength)
                p.field("RequireUppercase", password.RequireUppercase)
                p.field("RequireLowercase", password.RequireLowercase)
                p.field("RequireNumbers", password.RequireNumbers)
                p.field("RequireSymbols", password.RequireSymbols)
                p.field("TemporaryPasswordValidityDays", password.TemporaryPasswordValidityDays)
            }
        }
        object.field("CreationDate", CreationDate)
        object.field("LastModifiedDate", LastModifiedDate)
        object.field("AutoVerifiedAttributes", AutoVerifiedAttributes)
        object.field("AliasAttributes", AliasAttributes)
        object.field("UsernameAttributes", UsernameAttributes)
        object.field("MfaConfiguration", MfaConfiguration)
        object.objects("SchemaAttributes", SchemaAttributes) { attribute, a in
            a.field("Name", attribute.Name)
            a.field("AttributeDataType", attribute.AttributeDataType)
            a.field("DeveloperOnlyAttribute", attribute.DeveloperOnlyAttribute)
            a.field("Mutable", attribute.Mutable)
            a.field("Required", attribute.Required)
        }
        object.field("EstimatedNumberOfUsers", EstimatedNumberOfUsers)
        if let config = AdminCreateUserConfig {
            object.object("AdminCreateUserConfig") { c in
                c.field("AllowAdminCreateUserOnly", config.AllowAdminCreateUserOnly)
                c.field("UnusedAccountValidityDays", config.UnusedAccountValidityDays)
            }
        }
        object.field("UserPoolTags", UserPoolTags)
        object.field("DeletionProtection", DeletionProtection)
    }
}

extension CognitoOperations.PoolOut: AWSJSONWritable {
    func write(to object: inout JSONObjectWriter) {
        object.field("UserPool", UserPool)
    }
}

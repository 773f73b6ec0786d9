import Testing

@testable import AWSWire

@Suite struct ValidationTests {
    static let sagemaker = try! ServiceModel.load("sagemaker")
    static let cognito = try! ServiceModel.load("cognito-idp")

    func message(_ model: ServiceModel, _ op: String, _ input: JSONValue) -> String? {
        model.validate(operation: op, input: input)?.message
    }

    @Test func modelsLoadWithTheirMetadata() {
        #expect(Self.cognito.targetPrefix == "AWSCognitoIdentityProviderService")
        #expect(Self.cognito.signingName == "cognito-idp")
        #expect(Self.cognito.validationErrorCode == "InvalidParameterException")
        #expect(Self.cognito.operations.count > 100)
        #expect(Self.sagemaker.targetPrefix == "SageMaker")
        #expect(Self.sagemaker.signingName == "sagemaker")
        #expect(Self.sagemaker.validationErrorCode == "ValidationException")
        for op in [
            "CreateDomain", "DescribeDomain", "ListDomains", "DeleteDomain", "UpdateDomain", "CreateUserProfile",
            "DescribeUserProfile", "ListUserProfiles", "DeleteUserProfile", "CreatePresignedDomainUrl", "CreateImage",
            "DescribeImage", "ListImages", "DeleteImage", "CreateImageVersion", "DescribeImageVersion",
            "ListImageVersions", "DeleteImageVersion", "CreateAppImageConfig", "DescribeAppImageConfig",
            "ListAppImageConfigs", "DeleteAppImageConfig", "UpdateAppImageConfig", "CreateApp", "DescribeApp",
            "ListApps", "DeleteApp",
        ] {
            #expect(Self.sagemaker.operation(op) != nil, "\(op)")
        }
        #expect(Self.sagemaker.operation("CreateTrainingJob") == nil)
        #expect(Self.sagemaker.operation("DescribeDomain")?.errors == ["ResourceNotFound"])
        #expect(Self.cognito.operation("AdminGetUser")?.errors.contains("UserNotFoundException") == true)
    }

    @Test func rejectsModelFilesWithoutMagicOrWithAnotherVersion() {
        #expect(throws: AWSError.self) { try ServiceModel(jsonBytes: Array(#"{"shapes":{}}"#.utf8)) }
        #expect(throws: AWSError.self) {
            try ServiceModel(jsonBytes: Array(#"{"format":"atelier-aws-model","version":2}"#.utf8))
        }
        #expect(throws: AWSError.self) { try ServiceModel.load("no-such-service") }
    }

    @Test func theIssuesExample() {
        let error = Self.sagemaker.validate(
            operation: "CreatePresignedDomainUrl",
            input: ["DomainId": "d-abc123", "UserProfileName": "alice", "ExpiresInSeconds": 301]
        )
        #expect(error?.code == "ValidationException")
        #expect(error?.status == 400)
        #expect(
            error?.message
                == "1 validation error detected: Value '301' at 'expiresInSeconds' failed to satisfy constraint: "
                + "Member must have value less than or equal to 300"
        )
    }

    @Test func validInputsPass() {
        #expect(
            Self.sagemaker.validate(
                operation: "CreatePresignedDomainUrl",
                input: ["DomainId": "d-abc123", "UserProfileName": "alice", "ExpiresInSeconds": 300]
            ) == nil
        )
        #expect(
            Self.cognito.validate(
                operation: "AdminCreateUser",
                input: [
                    "UserPoolId": "us-east-1_AbC123", "Username": "jürgen@example.com",
                    "UserAttributes": [["Name": "email", "Value": "j@example.com"]],
                    "MessageAction": "SUPPRESS", "UnknownMember": ["ignored": true],
                ]
            ) == nil
        )
        #expect(Self.sagemaker.validate(operation: "ListDomains", input: [:]) == nil)
    }

    @Test func requiredMembersAndSeveralErrors() {
        let m = message(Self.sagemaker, "CreatePresignedDomainUrl", ["ExpiresInSeconds": 4])
        #expect(
            m == "3 validation errors detected: "
                + "Value null at 'domainId' failed to satisfy constraint: Member must not be null; "
                + "Value '4' at 'expiresInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 5; "
                + "Value null at 'userProfileName' failed to satisfy constraint: Member must not be null"
        )
    }

    @Test func patternViolationsQuoteThePattern() {
        let error = Self.cognito.validate(
            operation: "AdminGetUser",
            input: ["UserPoolId": "YOUR_USER_POOL_ID!", "Username": "bob"]
        )
        #expect(error?.code == "InvalidParameterException")
        #expect(
            error?.message
                == "1 validation error detected: Value 'YOUR_USER_POOL_ID!' at 'userPoolId' failed to satisfy "
                + #"constraint: Member must satisfy regular expression pattern: [\w-]+_[0-9a-zA-Z]+"#
        )
    }

    @Test func javaShorthandClassesAreASCII() {
        // Java's \w is [a-zA-Z_0-9]; ICU's would also accept letters such as ü.
        #expect(message(Self.cognito, "AdminGetUser", ["UserPoolId": "eu-west-1_ab", "Username": "u"]) == nil)
        #expect(message(Self.cognito, "AdminGetUser", ["UserPoolId": "eü-west-1_ab", "Username": "u"]) != nil)
        // ...while \p{L} stays Unicode-aware, so Unicode user names are fine.
        #expect(message(Self.cognito, "AdminGetUser", ["UserPoolId": "eu-west-1_ab", "Username": "Zoë 🙂"]) != nil)
        #expect(message(Self.cognito, "AdminGetUser", ["UserPoolId": "eu-west-1_ab", "Username": "Zoë🙂"]) == nil)
        // Patterns match the whole value, as Java's matches() does.
        #expect(message(Self.sagemaker, "DescribeDomain", ["DomainId": "d-abc"]) == nil)
        #expect(message(Self.sagemaker, "DescribeDomain", ["DomainId": "xd-abc"]) != nil)
        #expect(message(Self.sagemaker, "DescribeDomain", ["DomainId": "d-abc\n"]) != nil)
    }

    @Test func sensitiveValuesAreNotEchoed() {
        let m = message(
            Self.cognito,
            "SignUp",
            ["ClientId": "client", "Username": "alice", "Password": "has space"]
        )
        #expect(
            m == "1 validation error detected: Value at 'password' failed to satisfy constraint: "
                + #"Member must satisfy regular expression pattern: [\S]+"#
        )
        #expect(m?.contains("has space") == false)
        let empty = message(Self.cognito, "SignUp", ["ClientId": "client", "Username": "", "Password": "p"])
        #expect(
            empty == "2 validation errors detected: "
                + "Value at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1; "
                + "Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + #"[\p{L}\p{M}\p{S}\p{N}\p{P}]+"#
        )
    }

    @Test func nestedListMembersUseOneBasedPaths() {
        let longName = String(repeating: "n", count: 33)
        let m = message(
            Self.cognito,
            "AdminCreateUser",
            [
                "UserPoolId": "us-east-1_abc", "Username": "bob",
                "UserAttributes": [
                    ["Name": "email", "Value": "ok"], ["Name": .string(longName)], ["Value": "secret!"],
                ],
            ]
        )
        #expect(
            m == "2 validation errors detected: "
                + "Value '\(longName)' at 'userAttributes.2.member.name' failed to satisfy constraint: "
                + "Member must have length less than or equal to 32; "
                + "Value null at 'userAttributes.3.member.name' failed to satisfy constraint: Member must not be null"
        )
        let secret = String(repeating: "s", count: 2049)
        let hidden = message(
            Self.cognito,
            "AdminCreateUser",
            [
                "UserPoolId": "us-east-1_abc", "Username": "bob",
                "UserAttributes": [["Name": "x", "Value": .string(secret)]],
            ]
        )
        #expect(
            hidden == "1 validation error detected: Value at 'userAttributes.1.member.value' failed to satisfy "
                + "constraint: Member must have length less than or equal to 2048"
        )
    }

    @Test func enumsListTheirValues() {
        let m = message(
            Self.cognito,
            "AdminCreateUser",
            ["UserPoolId": "us-east-1_abc", "Username": "b", "MessageAction": "SHOUT"]
        )
        #expect(
            m == "1 validation error detected: Value 'SHOUT' at 'messageAction' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [RESEND, SUPPRESS]"
        )
    }

    @Test func listsOfScalarsReportOnce() {
        let m = message(
            Self.cognito,
            "AdminCreateUser",
            ["UserPoolId": "us-east-1_abc", "Username": "b", "DesiredDeliveryMediums": ["SMS", "FAX", "PIGEON"]]
        )
        #expect(
            m == "1 validation error detected: Value '[SMS, FAX, PIGEON]' at 'desiredDeliveryMediums' failed to "
                + "satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [SMS, EMAIL]]"
        )
    }

    @Test func lengthCountsCharactersNotBytes() {
        // 63 characters but 64 UTF-8 bytes: no length error (the pattern, ASCII-only, still fails).
        let name = String(repeating: "a", count: 62) + "é"
        let m = message(Self.sagemaker, "DescribeUserProfile", ["DomainId": "d-abc", "UserProfileName": .string(name)])
        #expect(m?.contains("length") == false)
        let tooLong = String(repeating: "a", count: 64)
        let m2 = message(
            Self.sagemaker,
            "DescribeUserProfile",
            ["DomainId": "d-abc", "UserProfileName": .string(tooLong)]
        )
        #expect(m2?.contains("Member must have length less than or equal to 63") == true)
    }

    @Test func wrongJSONTypesAreSerializationErrors() {
        let e = Self.sagemaker.validate(
            operation: "CreatePresignedDomainUrl",
            input: ["DomainId": "d-abc", "UserProfileName": "a", "ExpiresInSeconds": "300"]
        )
        #expect(e?.code == "SerializationException")
        #expect(e?.message.contains("expiresInSeconds") == true)
        #expect(
            Self.sagemaker.validate(
                operation: "CreatePresignedDomainUrl",
                input: ["DomainId": "d-abc", "UserProfileName": "a", "ExpiresInSeconds": 30.5]
            )?.code
                == "SerializationException"
        )
        #expect(
            Self.sagemaker.validate(
                operation: "CreatePresignedDomainUrl",
                input: ["DomainId": "d-abc", "UserProfileName": "a", "ExpiresInSeconds": 3e10]
            )?.code
                == "SerializationException"
        )
        #expect(Self.sagemaker.validate(operation: "ListDomains", input: [1])?.code == "SerializationException")
    }

    @Test func unknownOperation() {
        #expect(
            Self.sagemaker.validate(operation: "CreateTrainingJob", input: [:])?.code == "UnknownOperationException"
        )
    }

    @Test func everyPatternCompiles() {
        // Loading compiles all patterns and throws on any failure; check that some were compiled.
        var count = 0
        for model in [Self.cognito, Self.sagemaker] {
            for shape in model.shapes.values where shape.pattern != nil {
                count += 1
                #expect(JavaPattern.compile(shape.pattern!) != nil, "\(shape.name)")
            }
        }
        #expect(count > 80)
    }

    @Test func javaPatternTranslation() {
        #expect(JavaPattern.translate(#"[\w-]+_\d"#) == #"\A(?:[a-zA-Z_0-9-]+_[0-9])\z"#)
        #expect(JavaPattern.translate(#"[\S]+"#) == #"\A(?:[[^ \t\n\x0B\f\r]]+)\z"#)
        #expect(JavaPattern.translate(#"\Q\w\E\p{L}"#) == #"\A(?:\Q\w\E\p{L})\z"#)
    }
}

@Suite struct SyntheticModelTests {
    /// A tiny model exercising what the real ones barely do: members of a sensitive structure,
    /// map keys and values, nested lists, doubles and blobs.
    static let model = try! ServiceModel(
        jsonBytes: Array(
            #"""
            {"format": "atelier-aws-model", "version": 1, "service": "demo", "targetPrefix": "Demo",
             "signingName": "demo", "jsonVersion": "1.1", "validationErrorCode": "ValidationException",
             "operations": {"Op": {"input": "In"}, "Open": {"signed": false}},
             "shapes": {
              "In": {"type": "structure", "required": ["Secret"], "members": {"Secret": "Creds", "Tags": "TagMap",
                     "Matrix": "Rows", "Ratio": "Ratio", "Data": "Data", "Doc": "Doc", "Tree": "Node"}},
              "Node": {"type": "structure", "members": {"Child": "Node", "Name": "Short"}},
              "Creds": {"type": "structure", "sensitive": true, "members": {"Key": "Short"}},
              "Short": {"type": "string", "max": 3},
              "TagMap": {"type": "map", "key": "Short", "value": "Short", "max": 2},
              "Rows": {"type": "list", "member": "Row"},
              "Row": {"type": "list", "member": "Short", "min": 1},
              "Ratio": {"type": "double", "min": 0.5, "max": 1.5},
              "Data": {"type": "blob", "max": 2},
              "Doc": {"type": "structure", "document": true}
             }}
            """#.utf8
        )
    )

    func message(_ input: JSONValue) -> String? { Self.model.validate(operation: "Op", input: input)?.message }

    @Test func membersOfSensitiveStructuresAreHidden() {
        #expect(
            message(["Secret": ["Key": "hunter2"]])
                == "1 validation error detected: Value at 'secret.key' failed to satisfy constraint: "
                + "Member must have length less than or equal to 3"
        )
    }

    @Test func mapsListsDoublesBlobsAndDocuments() {
        #expect(
            message(["Secret": [:], "Tags": ["long-key": "v", "k": "long-value", "z": "ok"]])
                == "3 validation errors detected: "
                + "Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 2; "
                + "Value at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: "
                + "[Member must have length less than or equal to 3]; "
                + "Value at 'tags' failed to satisfy constraint: Map value must satisfy constraint: "
                + "[Member must have length less than or equal to 3]"
        )
        #expect(
            message(["Secret": [:], "Matrix": [["a"], [], ["abcd"]]])
                == "2 validation errors detected: "
                + "Value '[]' at 'matrix.2.member' failed to satisfy constraint: Member must have length greater than or equal to 1; "
                + "Value '[abcd]' at 'matrix.3.member' failed to satisfy constraint: Member must satisfy constraint: "
                + "[Member must have length less than or equal to 3]"
        )
        #expect(
            message(["Secret": [:], "Ratio": 1.75])
                == "1 validation error detected: Value '1.75' at 'ratio' failed to satisfy constraint: "
                + "Member must have value less than or equal to 1.5"
        )
        #expect(message(["Secret": [:], "Ratio": 1, "Data": "AAA=", "Doc": ["any": [1, "thing"]]]) == nil)
        #expect(message(["Secret": [:], "Data": "AAAA"])?.contains("length less than or equal to 2") == true)
        #expect(
            Self.model.validate(operation: "Op", input: ["Secret": [:], "Data": "%%%"])?.code
                == "SerializationException"
        )
        #expect(Self.model.operation("Open")?.requiresSignature == false)
        #expect(Self.model.validate(operation: "Open", input: ["anything": 1]) == nil)
    }

    @Test func deepValuesBuiltInCodeAreBounded() {
        func tree(_ depth: Int) -> JSONValue {
            var node: JSONValue = ["Name": "leaf-name-too-long"]
            for _ in 0..<depth { node = ["Child": node] }
            return node
        }
        let shallow = Self.model.validate(operation: "Op", input: ["Secret": [:], "Tree": tree(3)])
        #expect(shallow?.message.contains("'tree.child.child.child.name'") == true)
        let deep = Self.model.validate(operation: "Op", input: ["Secret": [:], "Tree": tree(100)])
        #expect(deep?.code == "SerializationException")
        #expect(deep?.message.contains("deeper than 64") == true)
    }

    @Test func modelsWithDanglingReferencesOrBadPatternsDoNotLoad() {
        let dangling =
            #"{"format":"atelier-aws-model","version":1,"service":"d","targetPrefix":"D","signingName":"d","jsonVersion":"1.1","validationErrorCode":"V","operations":{},"shapes":{"A":{"type":"list","member":"Missing"}}}"#
        #expect(throws: AWSError.self) { try ServiceModel(jsonBytes: Array(dangling.utf8)) }
        let badPattern =
            #"{"format":"atelier-aws-model","version":1,"service":"d","targetPrefix":"D","signingName":"d","jsonVersion":"1.1","validationErrorCode":"V","operations":{},"shapes":{"A":{"type":"string","pattern":"[unclosed"}}}"#
        #expect(throws: AWSError.self) { try ServiceModel(jsonBytes: Array(badPattern.utf8)) }
    }
}

@Suite struct SensitiveNestingTests {
    @Test func sensitiveStringsAreHidden() {
        let cognito = ValidationTests.cognito
        #expect(
            cognito.validate(
                operation: "InitiateAuth",
                input: [
                    "AuthFlow": "USER_AUTH", "ClientId": "c", "Session": .string(String(repeating: "x", count: 20)),
                ]
            )
                == nil
        )
        let m = cognito.validate(
            operation: "InitiateAuth",
            input: ["AuthFlow": "USER_AUTH", "ClientId": "c", "Session": "short"]
        )
        #expect(
            m?.message == "1 validation error detected: Value at 'session' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 20"
        )
    }
}

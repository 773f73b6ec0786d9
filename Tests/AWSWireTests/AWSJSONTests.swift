import Testing

@testable import AWSWire

@Suite struct AWSJSONTests {
    @Test func errorBodyHasTypeAndMessageInStableOrder() {
        let e = AWSError.unrecognizedClient
        #expect(
            String(decoding: e.body, as: UTF8.self)
                == #"{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}"#
        )
        #expect(e.status == 403)
        #expect(e.description == "UnrecognizedClientException: The security token included in the request is invalid.")
        let headers = AWSJSON.errorHeaders(for: .unknownOperation("SageMaker.Nope"), requestId: "r-1")
        #expect(headers.map(\.name) == ["Content-Type", "x-amzn-ErrorType", "x-amzn-RequestId"])
        #expect(headers.map(\.value) == ["application/x-amz-json-1.1", "UnknownOperationException", "r-1"])
    }

    @Test func statusesFollowTheKindOfError() {
        #expect(AWSError.serialization("x").status == 400)
        #expect(AWSError.validation("x").status == 400)
        #expect(AWSError.invalidParameter("x").code == "InvalidParameterException")
        #expect(AWSError.missingAuthenticationToken.status == 403)
        #expect(AWSError.signatureMismatch.status == 403)
        #expect(AWSError.accessDenied("no").status == 403)
        #expect(AWSError.internalFailure(requestId: "abc").status == 500)
        #expect(AWSError.internalFailure(requestId: "abc").message.hasSuffix("Request ID: abc"))
    }

    @Test func parsesTargets() {
        #expect(
            AmzTarget(header: "SageMaker.CreateDomain") == AmzTarget(prefix: "SageMaker", operation: "CreateDomain")
        )
        #expect(
            AmzTarget(header: " AWSCognitoIdentityProviderService.InitiateAuth ")?.prefix
                == "AWSCognitoIdentityProviderService"
        )
        #expect(AmzTarget(header: "DynamoDB_20120810.GetItem")?.operation == "GetItem")
        #expect(AmzTarget(header: "\tA.b.Op9\t") == AmzTarget(prefix: "A.b", operation: "Op9"))
        #expect(AmzTarget(header: "A-_:/.ListTags")?.prefix == "A-_:/")
        for bad in [
            "", "SageMaker", "SageMaker.", ".CreateDomain", "SageMaker.Create-Domain", "Sage Maker.X", "   ",
            "SageMaker.Create_Domain", "SageMaker.CreateDomän", "Säge.Create", "SageMaker.Op.", "A.[", "A.@",
            "A\u{7F}.Op", "A.Op\nX",
        ] {
            #expect(AmzTarget(header: bad) == nil, "\(bad)")
        }
    }

    @Test func acceptsJSONContentTypes() {
        #expect(AWSJSON.acceptsContentType("application/x-amz-json-1.1"))
        #expect(AWSJSON.acceptsContentType("application/x-amz-json-1.0; charset=utf-8"))
        #expect(!AWSJSON.acceptsContentType("application/json"))
        #expect(!AWSJSON.acceptsContentType(nil))
    }
}

@Suite struct AWSServiceCatalogTests {
    static let catalog = try! AWSServiceCatalog.bundled()

    @Test func resolvesTargetsToModelsAndOperations() throws {
        let (model, op) = try Self.catalog.resolve(target: "SageMaker.CreatePresignedDomainUrl")
        #expect(model.service == "sagemaker")
        #expect(op.requiresSignature)
        let (cognito, initiate) = try Self.catalog.resolve(target: "AWSCognitoIdentityProviderService.InitiateAuth")
        #expect(cognito.signingName == "cognito-idp")
        #expect(!initiate.requiresSignature)
        #expect(
            try Self.catalog.resolve(target: "AWSCognitoIdentityProviderService.AdminGetUser").operation
                .requiresSignature
        )
        for bad in [nil, "", "SageMaker.CreateTrainingJob", "Nope.CreateDomain", "garbage"] as [String?] {
            #expect(throws: AWSError.self) { try Self.catalog.resolve(target: bad) }
        }
        do {
            _ = try Self.catalog.resolve(target: "SageMaker.CreateTrainingJob")
        } catch {
            #expect(error.code == "UnknownOperationException")
            #expect(error.status == 400)
        }
    }

    @Test func decodeParsesAndValidates() throws {
        let ok = try Self.catalog.decode(
            target: "SageMaker.CreatePresignedDomainUrl",
            body: Array(#"{"DomainId":"d-abc","UserProfileName":"alice"}"#.utf8)
        )
        #expect(ok.input["UserProfileName"] == "alice")
        #expect(ok.operation.name == "CreatePresignedDomainUrl")
        #expect(try Self.catalog.decode(target: "SageMaker.ListDomains", body: []).input == [:])
        #expect {
            try Self.catalog.decode(target: "SageMaker.ListDomains", body: Array("{".utf8))
        } throws: { ($0 as? AWSError)?.code == "SerializationException" }
        #expect {
            try Self.catalog.decode(
                target: "AWSCognitoIdentityProviderService.AdminGetUser",
                body: Array(#"{"Username":"x"}"#.utf8)
            )
        } throws: {
            ($0 as? AWSError)?.message
                == "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: "
                + "Member must not be null"
        }
    }
}

import Foundation
import Testing

@testable import Policy

@Suite struct PolicyTests {
    /// The policy from the secure-presigned-URL posts: allow minting only from the corporate
    /// network or through the VPC endpoint, deny everything else explicitly.
    let studioPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "AllowFromCorp", "Effect": "Allow", "Action": "sagemaker:CreatePresignedDomainUrl",
             "Resource": "arn:aws:sagemaker:us-east-1:000000000000:user-profile/d-*/*",
             "Condition": {"IpAddress": {"aws:VpcSourceIp": ["10.0.0.0/8"]}, "StringEquals": {"aws:SourceVpce": "vpce-0corp"}}},
            {"Sid": "DenyOutside", "Effect": "Deny", "Action": "sagemaker:*", "Resource": "*",
             "Condition": {"NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24"]}, "Null": {"aws:SourceVpce": "true"}}}
          ]
        }
        """

    func decide(_ json: String, _ action: String, _ resource: String, _ context: [String: [String]]) throws -> Decision {
        PolicyDocument.evaluate([try PolicyDocument(json: Array(json.utf8))], AuthorizationRequest(action: action, resource: resource, context: context))
    }

    @Test func privateEndpointRequestIsAllowed() throws {
        let d = try decide(
            studioPolicy, "sagemaker:CreatePresignedDomainUrl",
            "arn:aws:sagemaker:us-east-1:000000000000:user-profile/d-abc/jdoe",
            ["aws:VpcSourceIp": ["10.1.2.3"], "aws:SourceVpce": ["vpce-0corp"]])
        #expect(d == .allow(statement: "AllowFromCorp"))
    }

    @Test func publicInternetRequestIsExplicitlyDenied() throws {
        let d = try decide(
            studioPolicy, "sagemaker:CreatePresignedDomainUrl",
            "arn:aws:sagemaker:us-east-1:000000000000:user-profile/d-abc/jdoe", ["aws:SourceIp": ["203.0.113.9"]])
        #expect(d == .explicitDeny(statement: "DenyOutside"))
    }

    @Test func wrongEndpointFallsToImplicitDeny() throws {
        let d = try decide(
            studioPolicy, "sagemaker:CreatePresignedDomainUrl",
            "arn:aws:sagemaker:us-east-1:000000000000:user-profile/d-abc/jdoe",
            ["aws:VpcSourceIp": ["10.1.2.3"], "aws:SourceVpce": ["vpce-other"]])
        #expect(d == .implicitDeny && !d.isAllowed)
    }

    @Test func conditionKeysAndActionsAreCaseInsensitiveResourcesAreNot() throws {
        let json = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"SageMaker:Describe*","Resource":"arn:x:Domain/*"}}"#
        #expect(try decide(json, "sagemaker:DescribeDomain", "arn:x:Domain/d-1", [:]).isAllowed)
        #expect(!(try decide(json, "sagemaker:DescribeDomain", "arn:x:domain/d-1", [:]).isAllowed))
        #expect(!(try decide(json, "sagemaker:ListDomains", "arn:x:Domain/d-1", [:]).isAllowed))
    }

    @Test func notActionAndOperators() throws {
        let json = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","NotAction":"iam:*","Resource":"*",
               "Condition":{"Bool":{"aws:SecureTransport":true},"NumericLessThanEquals":{"sagemaker:ExpiresInSeconds":300},
                            "DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"},"StringLikeIfExists":{"aws:UserAgent":"aws-cli/*"}}}]}
            """
        let base: [String: [String]] = ["aws:SecureTransport": ["true"], "sagemaker:ExpiresInSeconds": ["60"], "aws:CurrentTime": ["2026-11-29T00:00:00Z"]]
        #expect(try decide(json, "sagemaker:CreatePresignedDomainUrl", "r", base).isAllowed)
        #expect(!(try decide(json, "iam:CreateUser", "r", base).isAllowed))
        var long = base
        long["sagemaker:ExpiresInSeconds"] = ["301"]
        #expect(!(try decide(json, "sagemaker:CreatePresignedDomainUrl", "r", long).isAllowed))
        var insecure = base
        insecure["aws:SecureTransport"] = ["false"]
        #expect(!(try decide(json, "sagemaker:CreatePresignedDomainUrl", "r", insecure).isAllowed))
        var agent = base
        agent["aws:UserAgent"] = ["curl/8"]
        #expect(!(try decide(json, "sagemaker:CreatePresignedDomainUrl", "r", agent).isAllowed))
        var missingKey = base
        missingKey["aws:CurrentTime"] = nil
        #expect(!(try decide(json, "sagemaker:CreatePresignedDomainUrl", "r", missingKey).isAllowed), "absent key fails a positive operator")
    }

    @Test func wildcards() {
        #expect(Wildcard.matches(pattern: "a*c?e", "abbbcde", caseInsensitive: false))
        #expect(!Wildcard.matches(pattern: "a*c?e", "abbbce", caseInsensitive: false))
        #expect(Wildcard.matches(pattern: "*", "", caseInsensitive: false))
        #expect(Wildcard.matches(pattern: "**x", "abx", caseInsensitive: false))
    }

    @Test func malformedPoliciesAreRejectedWithAPath() {
        let cases: [(String, String)] = [
            ("{", "$"),
            (#"{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"*"}]}"#, "Statement[0].Effect"),
            (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}"#, "Statement[0]"),
            (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Condition":{"IpAddressy":{"a":"b"}}}]}"#, "Condition.IpAddressy"),
            (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Condition":{"IpAddress":{"aws:SourceIp":"nope"}}}]}"#, "aws:SourceIp"),
            (#"{"Version":"2099-01-01","Statement":[]}"#, "Version"),
        ]
        for (json, path) in cases {
            let error = #expect(throws: PolicyError.self) { try PolicyDocument(json: Array(json.utf8)) }
            #expect(error?.path.contains(path) == true, "\(json): \(error?.description ?? "")")
        }
        #expect(throws: PolicyError.self) { try PolicyDocument(json: Array(repeating: UInt8(32), count: 7000)) }
    }
}

import Testing

@testable import Gateway

@Suite struct AWSEndpointTests {
    @Test func contentTypeIsMatchedWithoutRegardToLetterCase() {
        for accepted in [
            "application/x-amz-json-1.1", "application/x-amz-json-1.0", "Application/X-Amz-JSON-1.1",
            "application/x-amz-json-1.1; charset=utf-8",
        ] {
            #expect(AWSEndpoint.isAWSJSON(accepted), "\(accepted)")
        }
        for refused in [
            "", "text/plain", "application/json", "application/x-amz-json", "application/x-amz-json-1.2",
            "application/x-amz-json-1\u{0E}1", "xapplication/x-amz-json-1.1",
        ] {
            #expect(!AWSEndpoint.isAWSJSON(refused), "\(refused)")
        }
    }
}

import AWSWire
import Foundation
import Testing

/// A request recorded in a JSON fixture (signed by botocore or sent by the aws CLI).
protocol RecordedRequest: Decodable, Sendable, CustomTestStringConvertible {
    var name: String { get }
    var method: String { get }
    var path: String { get }
    var query: String { get }
    var headers: [[String]] { get }
    var bodyBase64: String { get }
}

extension RecordedRequest {
    var testDescription: String { name }

    var request: SigV4Request {
        SigV4Request(
            method: method,
            path: path,
            query: query,
            headers: headers.map { (name: $0[0], value: $0[1]) },
            body: Array(Data(base64Encoded: bodyBase64)!)
        )
    }
}

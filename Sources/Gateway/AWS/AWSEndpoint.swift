import AWSWire
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Logging
import Metrics
import NIOCore
import Synchronization

/// `POST /` for every AWS JSON 1.1 service: content type, size limit, target routing,
/// SigV4, model validation, then the operation; every failure becomes an AWS error body.
struct AWSEndpoint: Sendable {
    let services: [String: AWSService]
    let verifier = SigV4Verifier()
    let accessKeys: AccessKeyStore
    let maxBodySize: Int
    let now: @Sendable () -> Date
    let requests = RequestCounters()

    func respond(_ request: Request, context: AtelierRequestContext) async -> Response {
        var request = request
        var operationName = "unknown"
        do {
            let contentType = request.headers[.contentType] ?? ""
            guard Self.isAWSJSON(contentType) else {
                throw AWSError(
                    code: "UnsupportedMediaTypeException",
                    message: "Unsupported Content-Type '\(contentType)'; expected application/x-amz-json-1.1", status: 400)
            }
            if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodySize {
                throw AWSError.requestTooLarge(maxBodySize)
            }
            let body: [UInt8]
            do {
                body = Array(buffer: try await request.collectBody(upTo: maxBodySize))
            } catch is NIOTooManyBytesError {
                throw AWSError.requestTooLarge(maxBodySize)
            }
            guard let header = request.headers[.xAmzTarget], let target = AmzTarget(header: header),
                let service = services[target.prefix]
            else {
                throw AWSError.unknownOperation(request.headers[.xAmzTarget] ?? "(no X-Amz-Target)")
            }
            guard let operation = service.operations[target.operation] else {
                throw AWSError.unknownOperation(target.operation)
            }
            operationName = target.operation
            var identity: SigV4Identity?
            // The service model says which operations the real service serves unsigned.
            if service.model.operation(target.operation)?.requiresSignature ?? true {
                let (headers, names) = Self.signableHeaders(request)
                identity = try await verifier.verify(
                    SigV4Request(
                        method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
                        headers: headers, lowercasedNames: names, body: body),
                    now: now(), expectedService: service.signingName,
                    secretForAccessKey: { try await accessKeys.secret(for: $0) })
            }
            let input = try JSONValue.parse(body.isEmpty ? Array("{}".utf8) : body)
            if let error = service.model.validate(operation: target.operation, input: input) {
                throw error
            }
            let output = try await operation.handler(input, AWSCall(identity: identity, context: context))
            requests.increment(operation: operationName, code: "OK")
            return Self.response(status: .ok, body: output)
        } catch {
            let awsError = Self.awsError(error, requestId: context.requestId, logger: context.logger)
            requests.increment(operation: operationName, code: awsError.code)
            var response = Self.response(status: .init(code: awsError.status), body: awsError.body)
            response.headers[.xAmznErrorType] = awsError.code
            return response
        }
    }

    /// Errors that opted in become AWS errors; anything else is a logged 500.
    static func awsError(_ error: any Error, requestId: String, logger: Logger) -> AWSError {
        switch error {
        case let error as AWSError:
            return error
        case let error as IdentityError:
            return AWSError(code: error.code, message: error.message, status: error.code == "InternalErrorException" ? 500 : 400)
        default:
            logger.error("internal error", metadata: ["error": "\(error)", "request_id": "\(requestId)"])
            return AWSError.internalFailure(requestId: requestId)
        }
    }

    /// The request's headers as sent. HTTPTypes moves HTTP/1.1 `Host` into the `:authority`
    /// pseudo-header, so it is put back under its wire name for SigV4.
    /// HTTPTypes also keeps each name lower-cased (`canonicalName`), which SigV4 compares with.
    static func signableHeaders(_ request: Request) -> (headers: [(name: String, value: String)], lowercased: [String]) {
        var headers: [(name: String, value: String)] = []
        var names: [String] = []
        headers.reserveCapacity(request.headers.count + 1)
        names.reserveCapacity(request.headers.count + 1)
        for field in request.headers {
            headers.append((name: field.name.rawName, value: field.value))
            names.append(field.name.canonicalName)
        }
        if let authority = request.head.authority {
            headers.append((name: "host", value: authority))
            names.append("host")
        }
        return (headers, names)
    }

    /// `application/x-amz-json-1.1` or `-1.0`, any letter case, parameters allowed after it.
    static func isAWSJSON(_ contentType: String) -> Bool {
        let utf8 = contentType.utf8
        for accepted in ["application/x-amz-json-1.1", "application/x-amz-json-1.0"] {
            guard utf8.count >= accepted.utf8.count else { continue }
            let lowered = utf8.lazy.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
            if zip(lowered, accepted.utf8).allSatisfy({ $0 == $1 }) { return true }
        }
        return false
    }

    static func response(status: HTTPResponse.Status, body: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-amz-json-1.1"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// `atelier_aws_requests_total{operation, code}`, each counter made once: making one per
/// request means a registry lookup under its lock every time.
final class RequestCounters: Sendable {
    private struct Key: Hashable {
        let operation: String
        let code: String
    }

    private let counters = Mutex<[Key: Counter]>([:])

    func increment(operation: String, code: String) {
        let key = Key(operation: operation, code: code)
        let counter = counters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = Counter(
                label: "atelier_aws_requests_total", dimensions: [("operation", operation), ("code", code)])
            counters[key] = counter
            return counter
        }
        counter.increment()
    }
}

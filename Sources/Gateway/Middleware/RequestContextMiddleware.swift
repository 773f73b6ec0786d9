import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Policy

/// Stamps every request with its listener, request id and resolved client address, and logs
/// one line per request.
struct RequestContextMiddleware: RouterMiddleware {
    typealias Context = AtelierRequestContext
    let listener: ListenerConfiguration
    let trustedProxies: [CIDR]
    let requestIDs: RequestIDs

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.listenerName = listener.name
        context.endpointId = listener.endpointId
        context.secureTransport = listener.usesTLS
        context.requestId = requestIDs.next()
        context.sourceIp = ForwardedFor.clientAddress(
            peer: context.peerAddress, header: request.headers[values: .xForwardedFor], trusted: trustedProxies)
        // Metadata goes on the log line rather than the logger, so nothing is copied or
        // rendered for requests whose line is below the log level.
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.xAmznRequestId] = context.requestId
        let elapsed = ContinuousClock.now - started
        context.logger.info(
            "\(request.method) \(request.uri.path) \(response.status.code)",
            metadata: [
                "request_id": "\(context.requestId)", "listener": "\(listener.name)",
                "source_ip": "\(context.sourceIpString ?? "-")",
                "ms": "\(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)",
            ])
        return response
    }
}

/// `X-Forwarded-For` is believed only from trusted proxies: walking from the nearest hop
/// outwards, the first address that is not a trusted proxy is the client.
enum ForwardedFor {
    static func clientAddress(peer: [UInt8]?, header: [String], trusted: [CIDR]) -> [UInt8]? {
        guard var current = peer else { return nil }
        let hops = header.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard trusted.contains(where: { $0.contains(current) }) else { return current }
            guard let address = IPAddress.parse(hop) else { return current }
            current = address
        }
        return current
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
    static let xAmznRequestId = Self("x-amzn-RequestId")!
    static let xAmzTarget = Self("X-Amz-Target")!
    static let xAmznErrorType = Self("x-amzn-ErrorType")!
}

import Foundation
import Hummingbird
import Logging
import NIOCore
import Policy

/// What the gateway knows about where a request came from: the listener (network entry point)
/// and the client address. Policies later read `aws:SourceIp`, `aws:VpcSourceIp` and
/// `aws:SourceVpce` from here.
public struct AtelierRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer, before any `X-Forwarded-For` is considered.
    public let peerAddress: [UInt8]?
    /// The listener this request arrived on.
    public var listenerName = ""
    /// Set when the listener is a private (VPC) endpoint.
    public var endpointId: String?
    /// `aws:SecureTransport`: the request arrived over TLS terminated by this listener.
    public var secureTransport = false
    /// The client address after trusted-proxy resolution.
    public var sourceIp: [UInt8]?
    public var requestId = ""

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress.flatMap(Self.bytes(of:))
    }

    static func bytes(of address: SocketAddress) -> [UInt8]? {
        address.ipAddress.flatMap(IPAddress.parse)
    }

    /// `aws:SourceIp` for requests on public listeners, `aws:VpcSourceIp` on endpoint listeners.
    public var sourceIpString: String? { sourceIp.map(IPAddress.format) }
}

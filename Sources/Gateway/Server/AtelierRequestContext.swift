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

    /// The address's bytes, read from the socket address itself (not printed and parsed back).
    /// IPv4-mapped IPv6 peers become their IPv4 address, as `IPAddress.parse` makes them.
    static func bytes(of address: SocketAddress) -> [UInt8]? {
        switch address {
        case .v4(let v4):
            return withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
        case .v6(let v6):
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
                return Array(bytes[12...])
            }
            return bytes
        case .unixDomainSocket:
            return nil
        }
    }

    /// `aws:SourceIp` for requests on public listeners, `aws:VpcSourceIp` on endpoint listeners.
    public var sourceIpString: String? { sourceIp.map(IPAddress.format) }
}

import Foundation
import Policy

/// One network entry point. A listener with an `endpointId` stands for a private (VPC)
/// endpoint: requests through it carry `aws:SourceVpce` in their policy context.
public struct ListenerConfiguration: Sendable, Equatable {
    public var name: String
    public var host: String
    public var port: Int
    public var endpointId: String?
    public var tlsCertificate: String?
    public var tlsKey: String?

    public init(name: String, host: String, port: Int, endpointId: String? = nil) {
        self.name = name
        self.host = host
        self.port = port
        self.endpointId = endpointId
    }

    /// Whether this listener terminates TLS itself.
    public var usesTLS: Bool { tlsCertificate != nil && tlsKey != nil }

    /// `host:port`, with IPv6 hosts in brackets.
    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Parses `127.0.0.1:8080`, `[::1]:8080` or `localhost:0`.
    public static func parseAddress(_ text: String) throws(ConfigurationError) -> (host: String, port: Int) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw .invalid(key: "address", value: text, reason: "expected [IPv6]:port")
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw .invalid(key: "address", value: text, reason: "expected host:port")
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port) else {
            throw .invalid(key: "address", value: text, reason: "expected host:port with a port from 0 to 65535")
        }
        return (String(host), port)
    }
}

/// Atelier's whole configuration, read once (file, then environment, then flags) and passed down.
public struct AtelierConfiguration: Sendable, Equatable {
    public var region = "us-east-1"
    public var accountId = "000000000000"
    public var dataDirectory = "./.atelier"
    /// Base URL of token issuers and of links Atelier hands out; defaults to the first listener.
    public var publicBaseURL: String?
    public var listeners = [ListenerConfiguration(name: "default", host: "127.0.0.1", port: 8080)]
    /// Proxies whose `X-Forwarded-For` is believed.
    public var trustedProxies: [CIDR] = []
    public var logLevel = "info"
    /// Largest request body accepted (AWS JSON APIs: 1 MiB).
    public var maxBodySize = 1 << 20
    /// bcrypt cost for new password hashes.
    public var bcryptCost = 10

    public init() {}
}

/// A configuration that cannot be used, with the key that is wrong.
public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    case invalid(key: String, value: String, reason: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let key, let value, let reason): "invalid configuration value '\(value)' for \(key): \(reason)"
        case .unreadable(let path, let reason): "cannot read configuration file \(path): \(reason)"
        }
    }
}

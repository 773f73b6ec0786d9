import Foundation
import Policy
import Yams

/// Values given on the command line; each one, when set, wins over file and environment.
public struct ConfigurationOverrides: Sendable {
    public var listen: String?
    public var dataDirectory: String?
    public var region: String?
    public var accountId: String?
    public var publicBaseURL: String?
    public var logLevel: String?

    public init() {}
}

extension AtelierConfiguration {
    static let fileKeys: Set = [
        "region", "account_id", "data_dir", "public_base_url", "listeners", "trusted_proxies", "log_level",
        "max_body_size", "bcrypt_cost",
    ]
    static let listenerKeys: Set = ["name", "address", "endpoint_id", "tls_cert", "tls_key"]

    /// Reads the configuration: embedded defaults, then the YAML file (`--config` or
    /// `ATELIER_CONFIG`), then `ATELIER_*` environment variables, then flags.
    public static func load(
        file: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        overrides: ConfigurationOverrides = .init()
    ) throws(ConfigurationError) -> AtelierConfiguration {
        var config = AtelierConfiguration()
        if let path = file ?? environment["ATELIER_CONFIG"] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .unreadable(path: path, reason: "no such file or not readable")
            }
            try config.apply(yaml: String(decoding: data, as: UTF8.self), path: path)
        }
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        config.region = overrides.region ?? env("ATELIER_REGION") ?? config.region
        config.accountId = overrides.accountId ?? env("ATELIER_ACCOUNT_ID") ?? config.accountId
        config.dataDirectory = overrides.dataDirectory ?? env("ATELIER_DATA_DIR") ?? config.dataDirectory
        config.publicBaseURL = overrides.publicBaseURL ?? env("ATELIER_PUBLIC_BASE_URL") ?? config.publicBaseURL
        config.logLevel = overrides.logLevel ?? env("ATELIER_LOG_LEVEL") ?? config.logLevel
        if let listen = overrides.listen ?? env("ATELIER_LISTEN") {
            let (host, port) = try ListenerConfiguration.parseAddress(listen)
            config.listeners = [ListenerConfiguration(name: "default", host: host, port: port)]
        }
        try config.validate()
        return config
    }

    mutating func apply(yaml text: String, path: String) throws(ConfigurationError) {
        let root: Any?
        do { root = try Yams.load(yaml: text) } catch {
            throw .unreadable(path: path, reason: "not valid YAML: \(error)")
        }
        guard let root else { return }
        guard let map = root as? [String: Any] else { throw .unreadable(path: path, reason: "the top level must be a mapping") }
        if let unknown = Set(map.keys).subtracting(Self.fileKeys).sorted().first {
            throw .invalid(key: unknown, value: "\(map[unknown]!)", reason: "unknown key (known: \(Self.fileKeys.sorted().joined(separator: ", ")))")
        }
        func string(_ key: String, _ value: Any?) throws(ConfigurationError) -> String? {
            guard let value else { return nil }
            if let s = value as? String { return s }
            if let i = value as? Int { return String(i) }
            throw .invalid(key: key, value: "\(value)", reason: "expected a string")
        }
        region = try string("region", map["region"]) ?? region
        accountId = try string("account_id", map["account_id"]) ?? accountId
        dataDirectory = try string("data_dir", map["data_dir"]) ?? dataDirectory
        publicBaseURL = try string("public_base_url", map["public_base_url"]) ?? publicBaseURL
        logLevel = try string("log_level", map["log_level"]) ?? logLevel
        if let v = map["max_body_size"] {
            guard let n = v as? Int, n > 0 else { throw .invalid(key: "max_body_size", value: "\(v)", reason: "expected a positive integer") }
            maxBodySize = n
        }
        if let v = map["bcrypt_cost"] {
            guard let n = v as? Int, (4...31).contains(n) else { throw .invalid(key: "bcrypt_cost", value: "\(v)", reason: "expected 4...31") }
            bcryptCost = n
        }
        if let v = map["trusted_proxies"] {
            guard let list = v as? [Any] else { throw .invalid(key: "trusted_proxies", value: "\(v)", reason: "expected a list of CIDRs") }
            trustedProxies = []
            for item in list {
                let text = try string("trusted_proxies", item) ?? ""
                guard let cidr = CIDR(text) else {
                    throw .invalid(key: "trusted_proxies", value: text, reason: "expected an IP address or CIDR such as 10.0.0.0/8")
                }
                trustedProxies.append(cidr)
            }
        }
        if let v = map["listeners"] {
            guard let list = v as? [Any], !list.isEmpty else {
                throw .invalid(key: "listeners", value: "\(v)", reason: "expected a non-empty list")
            }
            listeners = []
            for (index, item) in list.enumerated() {
                let key = "listeners[\(index)]"
                guard let entry = item as? [String: Any] else { throw .invalid(key: key, value: "\(item)", reason: "expected a mapping") }
                if let unknown = Set(entry.keys).subtracting(Self.listenerKeys).sorted().first {
                    throw .invalid(key: "\(key).\(unknown)", value: "\(entry[unknown]!)", reason: "unknown key")
                }
                guard let name = try string("\(key).name", entry["name"]), let address = try string("\(key).address", entry["address"]) else {
                    throw .invalid(key: key, value: "\(entry)", reason: "a listener needs a name and an address")
                }
                let (host, port) = try ListenerConfiguration.parseAddress(address)
                var listener = ListenerConfiguration(name: name, host: host, port: port, endpointId: try string("\(key).endpoint_id", entry["endpoint_id"]))
                listener.tlsCertificate = try string("\(key).tls_cert", entry["tls_cert"])
                listener.tlsKey = try string("\(key).tls_key", entry["tls_key"])
                listeners.append(listener)
            }
        }
    }

    /// Checks values that every source may have got wrong.
    public func validate() throws(ConfigurationError) {
        guard region.wholeMatch(of: #/[a-z]{2}(-[a-z]+)+-\d/#) != nil else {
            throw .invalid(key: "region", value: region, reason: "expected a region such as us-east-1")
        }
        guard accountId.wholeMatch(of: #/\d{12}/#) != nil else {
            throw .invalid(key: "account_id", value: accountId, reason: "expected 12 digits")
        }
        var names = Set<String>()
        for listener in listeners {
            guard listener.name.wholeMatch(of: #/[A-Za-z0-9_.-]{1,64}/#) != nil else {
                throw .invalid(key: "listeners.name", value: listener.name, reason: "expected 1-64 of [A-Za-z0-9_.-]")
            }
            guard names.insert(listener.name).inserted else {
                throw .invalid(key: "listeners.name", value: listener.name, reason: "listener names must be unique")
            }
            if let id = listener.endpointId, id.wholeMatch(of: #/vpce-[0-9a-z]{1,32}/#) == nil {
                throw .invalid(key: "listeners.endpoint_id", value: id, reason: "expected vpce- followed by lower-case hex/alnum")
            }
            switch (listener.tlsCertificate, listener.tlsKey) {
            case (nil, nil): break
            case (let cert?, let key?):
                for (name, path) in [("tls_cert", cert), ("tls_key", key)] where !FileManager.default.isReadableFile(atPath: path) {
                    throw .invalid(key: "listeners.\(name)", value: path, reason: "no such file or not readable")
                }
            default:
                throw .invalid(
                    key: "listeners.tls_cert", value: listener.tlsCertificate ?? listener.tlsKey ?? "",
                    reason: "a TLS listener needs both tls_cert and tls_key (PEM files)")
            }
        }
        if let url = publicBaseURL, URL(string: url)?.scheme == nil {
            throw .invalid(key: "public_base_url", value: url, reason: "expected an absolute URL such as https://studio.corp.example")
        }
        guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) else {
            throw .invalid(key: "log_level", value: logLevel, reason: "expected trace, debug, info, notice, warning, error or critical")
        }
    }
}

import Foundation
import NIOCore
import Policy
import Testing

@testable import Gateway

@Suite struct ConfigurationTests {
    func write(_ yaml: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func embeddedDefaults() throws {
        let config = try AtelierConfiguration.load(file: nil, environment: [:])
        #expect(config.region == "us-east-1" && config.accountId == "000000000000")
        #expect(config.dataDirectory == "./.atelier")
        #expect(config.listeners == [ListenerConfiguration(name: "default", host: "127.0.0.1", port: 8080)])
    }

    @Test func fileThenEnvironmentThenFlags() throws {
        let path = try write(
            """
            region: eu-west-1
            account_id: "123456789012"
            data_dir: /var/lib/atelier
            public_base_url: http://127.0.0.1:8443
            listeners:
              - name: corp
                address: 127.0.0.1:8443
                endpoint_id: vpce-0corp0000000000
              - name: public
                address: "[::1]:8080"
            trusted_proxies: [10.0.0.0/8, "::1/128"]
            """)
        var config = try AtelierConfiguration.load(file: path, environment: [:])
        #expect(config.region == "eu-west-1" && config.accountId == "123456789012")
        #expect(config.listeners.count == 2)
        #expect(config.listeners[0].endpointId == "vpce-0corp0000000000")
        #expect(config.listeners[1].host == "::1" && config.listeners[1].port == 8080)
        #expect(config.trustedProxies.map(\.description) == ["10.0.0.0/8", "::1/128"])

        config = try AtelierConfiguration.load(file: path, environment: ["ATELIER_DATA_DIR": "/tmp/x", "ATELIER_REGION": "us-west-2"])
        #expect(config.dataDirectory == "/tmp/x" && config.region == "us-west-2")

        var flags = ConfigurationOverrides()
        flags.region = "ap-south-1"
        flags.listen = "0.0.0.0:0"
        config = try AtelierConfiguration.load(file: path, environment: ["ATELIER_REGION": "us-west-2"], overrides: flags)
        #expect(config.region == "ap-south-1")
        #expect(config.listeners == [ListenerConfiguration(name: "default", host: "0.0.0.0", port: 0)])
    }

    @Test func mistakesNameTheKey() throws {
        let cases: [(String, String)] = [
            ("regoin: us-east-1", "regoin"),
            ("account_id: \"12\"", "account_id"),
            ("listeners:\n  - name: a\n    address: nowhere", "address"),
            ("listeners:\n  - name: a\n    address: 127.0.0.1:1\n  - name: a\n    address: 127.0.0.1:2", "listeners.name"),
            ("listeners:\n  - name: a\n    address: 127.0.0.1:1\n    endpoint_id: vpc-1", "listeners.endpoint_id"),
            ("trusted_proxies: [10.0.0.0/33]", "trusted_proxies"),
        ]
        for (yaml, key) in cases {
            let path = try write(yaml)
            let error = #expect(throws: ConfigurationError.self, "\(yaml)") {
                try AtelierConfiguration.load(file: path, environment: [:])
            }
            #expect(error?.description.contains(key) == true, "\(error?.description ?? "") should name \(key)")
        }
        #expect(throws: ConfigurationError.self) { try AtelierConfiguration.load(file: "/nonexistent.yaml", environment: [:]) }
    }

    @Test func cidrMatching() throws {
        let net = try #require(CIDR("10.1.0.0/16"))
        #expect(net.contains(IPAddress.parse("10.1.200.3")!))
        #expect(!net.contains(IPAddress.parse("10.2.0.1")!))
        #expect(!net.contains(IPAddress.parse("::1")!))
        #expect(try #require(CIDR("0.0.0.0/0")).contains(IPAddress.parse("192.0.2.1")!))
        #expect(IPAddress.parse("::ffff:10.1.2.3") == [10, 1, 2, 3])
    }

    @Test func forwardedForIsBelievedOnlyFromTrustedProxies() throws {
        let proxy = IPAddress.parse("127.0.0.1")!
        let trusted = [try #require(CIDR("127.0.0.0/8"))]
        // Untrusted peer: the header is ignored.
        #expect(ForwardedFor.clientAddress(peer: IPAddress.parse("192.0.2.9"), header: ["10.0.0.1"], trusted: trusted)
            == IPAddress.parse("192.0.2.9"))
        // Trusted peer: the nearest untrusted hop is the client, spoofed earlier hops are not.
        #expect(ForwardedFor.clientAddress(peer: proxy, header: ["6.6.6.6, 198.51.100.7"], trusted: trusted)
            == IPAddress.parse("198.51.100.7"))
        #expect(ForwardedFor.clientAddress(peer: proxy, header: ["garbage"], trusted: trusted) == proxy)
        #expect(ForwardedFor.clientAddress(peer: proxy, header: [], trusted: []) == proxy)
    }

    /// Peer addresses are read from the socket address; the result must be what printing and
    /// parsing it gives, IPv4-mapped IPv6 included.
    @Test func peerAddressBytesMatchTheParsedText() throws {
        for (host, port) in [("127.0.0.1", 80), ("203.0.113.9", 443), ("::1", 8080), ("2001:db8::7", 1), ("::ffff:198.51.100.7", 2)] {
            let address = try SocketAddress(ipAddress: host, port: port)
            let text = try #require(address.ipAddress)
            let expected = try #require(IPAddress.parse(text))
            #expect(AtelierRequestContext.bytes(of: address) == expected, "\(host)")
        }
        #expect(AtelierRequestContext.bytes(of: try SocketAddress(ipAddress: "::ffff:198.51.100.7", port: 2)) == [198, 51, 100, 7])
    }
}

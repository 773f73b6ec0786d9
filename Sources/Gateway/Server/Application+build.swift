import AWSWire
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Identity
import Logging
import NIOCore
import NIOSSL
import Prometheus
import ServiceLifecycle
import Storage

/// A built Atelier server: its services (one HTTP server per listener) and the state they share.
public struct AtelierApplication: Sendable {
    public let configuration: AtelierConfiguration
    public let identity: IdentityService
    public let accessKeys: AccessKeyStore
    /// Held while the application lives, when it was built to own its data directory.
    public let dataDirectoryLock: DataDirectoryLock?
    /// Run these in one `ServiceGroup`.
    public let services: [any Service]
}

/// Where a listener ended up listening (port 0 resolves to a real port).
public struct BoundListener: Sendable {
    public let name: String
    public let url: String
    public let endpointId: String?
}

/// Builds the whole server from its configuration. `atelier serve` and the tests call this.
///
/// - Parameters:
///   - onListening: called once per listener when it accepts connections.
///   - registry: the Prometheus registry rendered at `/metrics` (the executable bootstraps
///     swift-metrics with it).
///   - lockDataDirectory: refuse to start while another process serves the data directory
///     (`atelier serve` does; tests that build several applications in one process do not).
public func buildApplication(
    configuration: AtelierConfiguration,
    logger: Logger,
    registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    environment: [String: String] = ProcessInfo.processInfo.environment,
    lockDataDirectory: Bool = false,
    onListening: @escaping @Sendable (BoundListener) async -> Void = { _ in }
) async throws -> AtelierApplication {
    let dataDirectory = configuration.dataDirectory
    try FileManager.default.createDirectory(
        atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let lock = lockDataDirectory ? try DataDirectoryLock.acquire(dataDirectory: dataDirectory) : nil
    let store = try Store(
        path: (dataDirectory as NSString).appendingPathComponent("atelier.sqlite"), migrations: IdentityMigrations.all,
        logger: logger)
    let box = SecretBox(masterKey: try MasterKeyFile(dataDirectory: dataDirectory).loadOrCreate())
    let first = configuration.listeners[0]
    let identity = IdentityService(
        store: store, secretBox: box, region: configuration.region, accountId: configuration.accountId,
        issuerBase: configuration.publicBaseURL ?? "\(first.usesTLS ? "https" : "http")://\(first.address)", bcryptCost: UInt8(configuration.bcryptCost),
        logger: logger)
    let accessKeys = AccessKeyStore(store: store, box: box)
    try await RootCredentials.ensure(
        accessKeys: accessKeys, dataDirectory: dataDirectory, environment: environment, logger: logger)

    let cognito = AWSService(
        targetPrefix: "AWSCognitoIdentityProviderService", signingName: "cognito-idp",
        model: try ServiceModel.load("cognito-idp"), operations: CognitoOperations.all(identity))
    let sagemaker = AWSService(
        targetPrefix: "SageMaker", signingName: "sagemaker", model: try ServiceModel.load("sagemaker"), operations: [:])
    let endpoint = AWSEndpoint(
        services: [cognito.targetPrefix: cognito, sagemaker.targetPrefix: sagemaker], accessKeys: accessKeys,
        maxBodySize: configuration.maxBodySize, now: { Date() })

    let requestIDs = RequestIDs()
    var services: [any Service] = []
    for (index, listener) in configuration.listeners.enumerated() {
        let router = Router(context: AtelierRequestContext.self)
        router.add(middleware: RequestContextMiddleware(listener: listener, trustedProxies: configuration.trustedProxies, requestIDs: requestIDs))
        router.add(middleware: MetricsMiddleware())
        addRoutes(to: router, endpoint: endpoint, identity: identity, registry: registry, store: store)
        let usesFirstAsIssuer = index == 0 && configuration.publicBaseURL == nil
        let app = Application(
            router: router,
            server: try serverBuilder(for: listener),
            configuration: .init(address: .hostname(listener.host, port: listener.port), serverName: "Atelier"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? listener.port
                let host = listener.host.contains(":") ? "[\(listener.host)]" : listener.host
                let url = "\(listener.usesTLS ? "https" : "http")://\(host):\(port)"
                if usesFirstAsIssuer { identity.issuerBase = url }
                await onListening(BoundListener(name: listener.name, url: url, endpointId: listener.endpointId))
            },
            logger: logger)
        services.append(app)
    }
    return AtelierApplication(
        configuration: configuration, identity: identity, accessKeys: accessKeys, dataDirectoryLock: lock,
        services: services)
}

/// HTTP/1.1, in TLS when the listener has a certificate and key.
func serverBuilder(for listener: ListenerConfiguration) throws -> HTTPServerBuilder {
    guard let certPath = listener.tlsCertificate, let keyPath = listener.tlsKey else { return .http1() }
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey
    do { chain = try NIOSSLCertificate.fromPEMFile(certPath) } catch {
        throw ConfigurationError.invalid(key: "listeners.tls_cert", value: certPath, reason: "not a PEM certificate chain: \(error)")
    }
    do { key = try NIOSSLPrivateKey(file: keyPath, format: .pem) } catch {
        throw ConfigurationError.invalid(key: "listeners.tls_key", value: keyPath, reason: "not a PEM private key: \(error)")
    }
    guard !chain.isEmpty else {
        throw ConfigurationError.invalid(key: "listeners.tls_cert", value: certPath, reason: "no certificate in the file")
    }
    var tls = TLSConfiguration.makeServerConfiguration(
        certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    tls.minimumTLSVersion = .tlsv12
    return try .tls(.http1(), tlsConfiguration: tls)
}

/// Retires a pool's signing keys and makes new ones; a running server picks them up within
/// seconds, and tokens signed with the old keys stay valid until they expire.
public func rotateSigningKeys(configuration: AtelierConfiguration, userPoolId: String, logger: Logger) async throws {
    let dataDirectory = configuration.dataDirectory
    let path = (dataDirectory as NSString).appendingPathComponent("atelier.sqlite")
    guard FileManager.default.fileExists(atPath: path) else {
        throw ConfigurationError.unreadable(path: path, reason: "no Atelier database here (wrong --data-dir?)")
    }
    let store = try Store(path: path, migrations: IdentityMigrations.all, logger: logger)
    let box = SecretBox(masterKey: try MasterKeyFile(dataDirectory: dataDirectory).loadOrCreate())
    let identity = IdentityService(
        store: store, secretBox: box, region: configuration.region, accountId: configuration.accountId,
        issuerBase: configuration.publicBaseURL ?? "", logger: logger)
    try await identity.rotateSigningKeys(poolId: userPoolId)
}

func addRoutes(
    to router: Router<AtelierRequestContext>, endpoint: AWSEndpoint, identity: IdentityService,
    registry: PrometheusCollectorRegistry, store: Store
) {
    router.post("/") { request, context in await endpoint.respond(request, context: context) }
    router.get("/healthz") { _, _ in
        // Healthy means the database answers.
        try await store.ping()
        return jsonResponse(["status": "ok"])
    }
    router.get("/metrics") { _, _ in
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
    router.get("/{poolId}/.well-known/jwks.json") { _, context in
        let poolId = try context.parameters.require("poolId")
        guard let keys = try? await identity.jwks(poolId: poolId) else { return notFound() }
        return jsonResponse(["keys": keys])
    }
    router.get("/{poolId}/.well-known/openid-configuration") { _, context in
        let poolId = try context.parameters.require("poolId")
        guard (try? await identity.describeUserPool(poolId)) != nil else { return notFound() }
        let issuer = identity.issuer(poolId: poolId)
        let document: [String: any Sendable] = [
            "issuer": issuer, "jwks_uri": issuer + "/.well-known/jwks.json",
            "id_token_signing_alg_values_supported": ["RS256"], "subject_types_supported": ["public"],
            "response_types_supported": ["code", "token"], "scopes_supported": ["openid", "email", "phone", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "token_use", "cognito:username", "cognito:groups", "email"],
        ]
        return jsonResponse(document)
    }
}

func jsonResponse(_ object: [String: any Sendable], status: HTTPResponse.Status = .ok) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/json"
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

func notFound() -> Response {
    jsonResponse(["message": "Not Found"], status: .notFound)
}

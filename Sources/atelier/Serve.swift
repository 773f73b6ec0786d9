import ArgumentParser
import Foundation
import Gateway
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import UnixSignals

/// `atelier serve`: runs the AWS-compatible API (Cognito user pools, SigV4) on each listener.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Atelier server.",
        discussion: """
            Settings come from embedded defaults, then the YAML file (--config or ATELIER_CONFIG), then \
            ATELIER_* environment variables (ATELIER_DATA_DIR, ATELIER_LISTEN, ATELIER_REGION, \
            ATELIER_ACCOUNT_ID, ATELIER_PUBLIC_BASE_URL, ATELIER_LOG_LEVEL), then these flags.

            On first start a root access key is created, printed once and written to \
            <data dir>/root-credentials (mode 0600, AWS credentials format), unless \
            ATELIER_ROOT_ACCESS_KEY_ID and ATELIER_ROOT_SECRET_ACCESS_KEY are set.

            SIGINT/SIGTERM stop the server gracefully.
            """
    )

    @Option(name: .long, help: ArgumentHelp("YAML configuration file.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Listen on host:port only (replaces the file's listeners; default 127.0.0.1:8080).", valueName: "host:port"))
    var listen: String?

    @Option(name: .long, help: ArgumentHelp("Directory for the database and keys (default ./.atelier).", valueName: "dir"))
    var dataDir: String?

    @Option(name: .long, help: ArgumentHelp("AWS region the server answers for (default us-east-1).", valueName: "region"))
    var region: String?

    @Option(name: .long, help: ArgumentHelp("12-digit account id used in ARNs (default 000000000000).", valueName: "id"))
    var accountId: String?

    @Option(name: .long, help: ArgumentHelp("Public base URL of token issuers (default: the first listener's URL).", valueName: "url"))
    var publicBaseURL: String?

    @Option(name: .long, help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (default info).", valueName: "level"))
    var logLevel: String?

    func run() async throws {
        var overrides = ConfigurationOverrides()
        overrides.listen = listen
        overrides.dataDirectory = dataDir
        overrides.region = region
        overrides.accountId = accountId
        overrides.publicBaseURL = publicBaseURL
        overrides.logLevel = logLevel
        let configuration: AtelierConfiguration
        do {
            configuration = try AtelierConfiguration.load(file: config, overrides: overrides)
        } catch {
            throw ValidationError(error.description)
        }
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, level: level) }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "atelier")

        let app = try await buildApplication(
            configuration: configuration, logger: logger, registry: registry, lockDataDirectory: true
        ) { bound in
            let endpoint = bound.endpointId.map { ", endpoint \($0)" } ?? ""
            // Written unbuffered: scripts and tests wait for this line.
            FileHandle.standardOutput.write(Data("atelier: listening on \(bound.url) (listener \(bound.name)\(endpoint))\n".utf8))
        }
        let group = ServiceGroup(
            configuration: .init(services: app.services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        // The application holds the data directory's lock until the server has stopped.
        defer { withExtendedLifetime(app) {} }
        try await group.run()
    }
}

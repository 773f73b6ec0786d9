import ArgumentParser
import Gateway
import Logging

/// `atelier user-pool …`: operator tasks on user pools that the AWS API does not cover.
struct UserPools: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user-pool",
        abstract: "Operator tasks on Cognito-compatible user pools.",
        subcommands: [RotateKeys.self]
    )

    struct RotateKeys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-keys",
            abstract: "Replace a user pool's token signing keys.",
            discussion: """
                New tokens are signed with new keys at once (a running server notices within 10 seconds). \\
                The old public keys stay in the pool's JWKS, and tokens they signed stay valid, until those \\
                tokens expire (at most one day).
                """
        )

        @Argument(help: "The user pool id, e.g. us-east-1_AbC123xYz.")
        var userPoolId: String

        @Option(name: .long, help: ArgumentHelp("The server's data directory (default ./.atelier or ATELIER_DATA_DIR).", valueName: "dir"))
        var dataDir: String?

        @Option(name: .long, help: ArgumentHelp("The server's YAML configuration file.", valueName: "file"))
        var config: String?

        func run() async throws {
            var overrides = ConfigurationOverrides()
            overrides.dataDirectory = dataDir
            let configuration: AtelierConfiguration
            do { configuration = try AtelierConfiguration.load(file: config, overrides: overrides) } catch {
                throw ValidationError(error.description)
            }
            try await rotateSigningKeys(configuration: configuration, userPoolId: userPoolId, logger: Logger(label: "atelier"))
            print("atelier: rotated the signing keys of \(userPoolId)")
        }
    }
}

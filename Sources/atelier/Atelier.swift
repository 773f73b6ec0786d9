import ArgumentParser

/// The `atelier` command line. Each subcommand parses its flags and calls one library function.
@main
struct Atelier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atelier",
        abstract: "A self-hosted, secure machine-learning studio.",
        discussion: """
            Atelier serves Cognito- and SageMaker-compatible APIs for secure studio access, trains \
            text classifiers and fastText-compatible embeddings, and tunes hyperparameters.
            """,
        version: "0.1.0",
        subcommands: [Serve.self, UserPools.self, Embeddings.self, Tune.self],
        defaultSubcommand: nil
    )
}

import ArgumentParser

/// `atelier tune …`: Syne Tune-style hyperparameter optimisation (see the Tuning target).
struct Tune: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tune hyperparameters with ASHA, Hyperband or MO-ASHA.",
        subcommands: []
    )
}

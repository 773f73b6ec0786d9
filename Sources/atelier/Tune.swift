import ArgumentParser
import Foundation
import Tuning

/// `atelier tune …`: Syne Tune-style hyperparameter optimisation (see the Tuning target).
struct Tune: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tune hyperparameters with ASHA, Hyperband or MO-ASHA.",
        discussion: "Experiments live under <data dir>/tune/<name>/ with events.jsonl, results.csv and plots.",
        subcommands: [
            TuneRun.self, TuneResume.self, TuneStatus.self, TuneBest.self, TunePareto.self, TuneSimulate.self,
        ]
    )
}

/// `--data-dir`, else `ATELIER_DATA_DIR`, else `./.atelier`.
struct DataDirectoryOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Data directory (default: $ATELIER_DATA_DIR or ./.atelier).")
    var dataDirectory: String?

    var url: URL {
        let path = dataDirectory ?? ProcessInfo.processInfo.environment["ATELIER_DATA_DIR"] ?? ".atelier"
        return URL(fileURLWithPath: path).standardizedFileURL
    }
}

struct TuneRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Start an experiment from a spec file (YAML or JSON)."
    )

    @Argument(help: "The tuning spec file.") var spec: String
    @Option(help: "Experiment name (default: the spec's name).") var name: String?
    @OptionGroup var data: DataDirectoryOptions
    @Flag(help: "No live status table.") var quiet = false

    func run() async throws {
        let url = URL(fileURLWithPath: spec).standardizedFileURL
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ValidationError("cannot read spec file \(spec)")
        }
        let parsed = try TuningSpec.parse(text)
        let objective = parsed.scheduler.objectives[0]
        let display = StatusDisplay(enabled: !quiet, objective: (objective.metric, objective.mode))
        let specDirectory = url.deletingLastPathComponent()
        let dataDirectory = data.url
        let name = self.name
        let experimentName = name ?? parsed.name
        try await runInterruptibly(name: experimentName) {
            try await Experiments.run(
                specText: text,
                specDirectory: specDirectory,
                dataDirectory: dataDirectory,
                nameOverride: name,
                onProgress: display.update
            )
        } finished: { state in
            display.final(state)
        }
        try printSummary(name: experimentName, dataDirectory: dataDirectory)
    }
}

struct TuneResume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue an experiment after a crash or Ctrl-C."
    )

    @Argument(help: "Experiment name.") var name: String
    @OptionGroup var data: DataDirectoryOptions
    @Flag(help: "No live status table.") var quiet = false

    func run() async throws {
        let (name, dataDirectory) = (self.name, data.url)
        let objective = try Experiments.load(name: name, dataDirectory: dataDirectory).spec.scheduler.objectives[0]
        let display = StatusDisplay(enabled: !quiet, objective: (objective.metric, objective.mode))
        try await runInterruptibly(name: name) {
            try await Experiments.resume(name: name, dataDirectory: dataDirectory, onProgress: display.update)
        } finished: { state in
            display.final(state)
        }
        try printSummary(name: name, dataDirectory: dataDirectory)
    }
}

/// Runs the experiment in a task that SIGINT/SIGTERM cancel: the trials are stopped, the event
/// log keeps what finished, and `resume` continues.
func runInterruptibly(
    name: String,
    _ body: @escaping @Sendable () async throws -> ExperimentState,
    finished: (ExperimentState) -> Void
) async throws {
    let task = Task { try await body() }
    let sources = [SIGINT, SIGTERM].map { signalNumber in
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
        source.setEventHandler { task.cancel() }
        source.resume()
        return source
    }
    defer { sources.forEach { $0.cancel() } }
    do {
        finished(try await task.value)
    } catch is CancellationError {
        FileHandle.standardError.write(Data("\ninterrupted; continue with: atelier tune resume \(name)\n".utf8))
        throw ExitCode(130)
    }
}

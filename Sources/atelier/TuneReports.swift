import ArgumentParser
import Foundation
import Synchronization
import Tuning

struct TuneStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show an experiment's trials.")

    @Argument(help: "Experiment name.") var name: String
    @OptionGroup var data: DataDirectoryOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let (spec, state) = try Experiments.load(name: name, dataDirectory: data.url)
        if json {
            let objective = spec.scheduler.objectives[0]
            let trials: [[String: Any]] = state.trials.keys.sorted().map { id in
                let trial = state.trials[id]!
                var entry: [String: Any] = [
                    "trial_id": id, "status": trial.status.rawValue, "config": jsonConfig(trial.config),
                    "results": trial.resultCount,
                ]
                if let result = trial.lastResult { entry["last_result"] = result }
                if let failure = trial.failure { entry["failure"] = failure }
                return entry
            }
            var object: [String: Any] = [
                "name": name, "finished": state.finished, "elapsed": state.time, "counts": counts(state),
                "trials": trials, "metric": objective.metric, "mode": objective.mode.rawValue,
            ]
            if let best = state.best(metric: objective.metric, mode: objective.mode) { object["best"] = bestJSON(best) }
            try printJSON(object)
        } else {
            print(StatusDisplay.table(state, spec: spec))
        }
    }
}

struct TuneBest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "best", abstract: "Show the best configuration found.")

    @Argument(help: "Experiment name.") var name: String
    @OptionGroup var data: DataDirectoryOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let (spec, state) = try Experiments.load(name: name, dataDirectory: data.url)
        let objective = spec.scheduler.objectives[0]
        guard let best = state.best(metric: objective.metric, mode: objective.mode) else {
            throw ValidationError("no results for \(objective.metric) yet")
        }
        if json { return try printJSON(bestJSON(best)) }
        print(
            "best \(best.metric) = \(best.value) (trial \(best.trialID), at \(String(format: "%.1f", best.tunerTime)) s)"
        )
        for (key, value) in best.config.sorted(by: { $0.key < $1.key }) { print("  \(key): \(value)") }
    }
}

struct TunePareto: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pareto",
        abstract: "Show the Pareto set of a multi-objective experiment."
    )

    @Argument(help: "Experiment name.") var name: String
    @OptionGroup var data: DataDirectoryOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let (spec, state) = try Experiments.load(name: name, dataDirectory: data.url)
        let objectives = spec.scheduler.objectives.map { (metric: $0.metric, mode: $0.mode) }
        guard objectives.count >= 2 else {
            throw ValidationError("'\(name)' has a single objective; see 'atelier tune best'")
        }
        let front = state.paretoSet(objectives)
        if json {
            return try printJSON(
                front.map { row -> [String: Any] in
                    [
                        "trial_id": row.trialID, "config": jsonConfig(state.trials[row.trialID]?.config ?? [:]),
                        "result": row.result,
                    ]
                }
            )
        }
        let metrics = objectives.map(\.metric)
        print((["trial"] + metrics + ["config"]).joined(separator: "\t"))
        for row in front {
            let config = (state.trials[row.trialID]?.config ?? [:]).sorted { $0.key < $1.key }.map {
                "\($0.key)=\($0.value)"
            }
            print(
                ([String(row.trialID)] + metrics.map { String(row.result[$0] ?? .nan) } + [
                    config.joined(separator: " ")
                ]).joined(separator: "\t")
            )
        }
    }
}

func jsonConfig(_ config: Configuration) -> [String: Any] { config.mapValues { $0.jsonValue } }

func bestJSON(_ best: BestResult) -> [String: Any] {
    [
        "trial_id": best.trialID, "config": jsonConfig(best.config), "metric": best.metric, "value": best.value,
        "st_tuner_time": best.tunerTime, "result": best.result,
    ]
}

func counts(_ state: ExperimentState) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: TrialStatus.allCases.map { ($0.rawValue, state.count($0)) })
}

func printJSON(_ object: Any) throws {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

func printSummary(name: String, dataDirectory: URL) throws {
    let (spec, state) = try Experiments.load(name: name, dataDirectory: dataDirectory)
    let directory = Experiments.directory(dataDirectory: dataDirectory, name: name)
    let objective = spec.scheduler.objectives[0]
    if let best = state.best(metric: objective.metric, mode: objective.mode) {
        print("best \(best.metric) = \(best.value) (trial \(best.trialID))")
    }
    print("results: \(directory.appendingPathComponent("results.csv").path)")
}

/// The live status table: redrawn at most once a second on a terminal, a summary line every few
/// seconds otherwise.
final class StatusDisplay: Sendable {
    private let enabled: Bool
    private let terminal = isatty(1) != 0
    private let objective: (metric: String, mode: Mode)?
    private let state = Mutex<(last: ContinuousClock.Instant?, lines: Int)>((nil, 0))

    init(enabled: Bool, objective: (metric: String, mode: Mode)?) {
        self.enabled = enabled
        self.objective = objective
    }

    func update(_ experiment: ExperimentState) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let interval: Duration = terminal ? .seconds(1) : .seconds(5)
        let previousLines: Int? = state.withLock { state in
            if let last = state.last, last.duration(to: now) < interval { return nil }
            state.last = now
            return state.lines
        }
        guard let previousLines else { return }
        draw(experiment, erase: previousLines)
    }

    func final(_ experiment: ExperimentState) {
        guard enabled else { return }
        draw(experiment, erase: state.withLock { $0.lines })
    }

    private func draw(_ experiment: ExperimentState, erase: Int) {
        var text = Self.summary(experiment, objective: objective)
        if terminal {
            // The running trials, newest results first, below the summary.
            for trial in experiment.trials.values.filter({ $0.status == .inProgress }).sorted(by: {
                $0.trialID < $1.trialID
            }) {
                let value = objective.flatMap { trial.lastResult?[$0.metric] }.map { String(format: "%.5g", $0) } ?? "-"
                text += "\n  trial \(trial.trialID): running, \(trial.resultCount) results, last \(value)"
            }
        }
        if terminal {
            let clear = erase > 0 ? "\u{1B}[\(erase)A\u{1B}[J" : ""
            FileHandle.standardOutput.write(Data((clear + text + "\n").utf8))
            state.withLock { $0.lines = text.split(separator: "\n", omittingEmptySubsequences: false).count }
        } else {
            FileHandle.standardOutput.write(Data((text.replacingOccurrences(of: "\n", with: " | ") + "\n").utf8))
        }
    }

    static func summary(_ state: ExperimentState, objective: (metric: String, mode: Mode)?) -> String {
        let counts = [
            ("running", TrialStatus.inProgress), ("paused", .paused), ("stopped", .stopped), ("completed", .completed),
            ("failed", .failed),
        ].map { "\($0.0) \(state.count($0.1))" }.joined(separator: ", ")
        var best = "best -"
        if let objective, let found = state.best(metric: objective.metric, mode: objective.mode) {
            best = "best \(objective.metric) \(String(format: "%.5g", found.value)) (trial \(found.trialID))"
        }
        return "elapsed \(String(format: "%.1f", state.time)) s | trials: \(counts) | \(best)"
    }

    static func table(_ state: ExperimentState, spec: TuningSpec) -> String {
        let objective = spec.scheduler.objectives[0]
        var lines = [summary(state, objective: (objective.metric, objective.mode))]
        lines.append(
            ["trial", "status", objective.metric, spec.scheduler.timeAttribute, "config"].joined(separator: "\t")
        )
        for id in state.trials.keys.sorted() {
            let trial = state.trials[id]!
            let config = spec.configSpace.tunableNames.compactMap { name in trial.config[name].map { "\(name)=\($0)" } }
            lines.append(
                [
                    String(id), trial.status.rawValue,
                    trial.lastResult?[objective.metric].map { String(format: "%.5g", $0) } ?? "-",
                    trial.lastResult?[spec.scheduler.timeAttribute].map { String(format: "%g", $0) } ?? "-",
                    config.joined(separator: " "),
                ].joined(separator: "\t")
            )
        }
        return lines.joined(separator: "\n")
    }
}

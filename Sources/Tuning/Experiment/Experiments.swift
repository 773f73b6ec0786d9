import Foundation
import Logging
import Synchronization

/// Experiments on disk: `<data dir>/tune/<name>/` holds `spec.yaml`, `events.jsonl` (the durable
/// state), `results.csv`, `best.svg`, `pareto.svg` (multi-objective) and `trials/<id>/`.
public enum Experiments {
    /// `<data dir>/tune/<name>`.
    public static func directory(dataDirectory: URL, name: String) -> URL {
        dataDirectory.appendingPathComponent("tune").appendingPathComponent(name)
    }

    /// Starts a new experiment from a spec file's text; throws if one with that name exists.
    public static func run(
        specText: String,
        specDirectory: URL,
        dataDirectory: URL,
        nameOverride: String? = nil,
        logger: Logger = Logger(label: "atelier.tuning"),
        onProgress: (@Sendable (ExperimentState) -> Void)? = nil
    ) async throws -> ExperimentState {
        var spec = try TuningSpec.parse(specText, baseDirectory: specDirectory)
        if let nameOverride {
            guard isValidName(nameOverride) else {
                throw TuningError.invalid("--name", "letters, digits, '-', '_' and '.' only")
            }
            spec.name = nameOverride
        }
        let directory = Self.directory(dataDirectory: dataDirectory, name: spec.name)
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("events.jsonl").path) {
            throw TuningError(
                "experiment '\(spec.name)' already exists in \(directory.path); use 'atelier tune resume \(spec.name)' or another --name"
            )
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(specText.utf8).write(to: directory.appendingPathComponent("spec.yaml"))
        let metadata = ["spec_directory": specDirectory.path, "name": spec.name]
        try JSONSerialization.data(withJSONObject: metadata, options: [.sortedKeys]).write(
            to: directory.appendingPathComponent("experiment.json")
        )
        return try await execute(spec: spec, directory: directory, logger: logger, onProgress: onProgress)
    }

    /// Continues an experiment after a crash or Ctrl-C: finished results and rung state come back
    /// from `events.jsonl`; trials that were running restart from their checkpoints.
    public static func resume(
        name: String,
        dataDirectory: URL,
        logger: Logger = Logger(label: "atelier.tuning"),
        onProgress: (@Sendable (ExperimentState) -> Void)? = nil
    ) async throws -> ExperimentState {
        let (spec, directory) = try loadSpec(name: name, dataDirectory: dataDirectory)
        return try await execute(spec: spec, directory: directory, logger: logger, onProgress: onProgress)
    }

    /// The spec and current state of an experiment, for `status`, `best` and `pareto`.
    public static func load(name: String, dataDirectory: URL) throws -> (spec: TuningSpec, state: ExperimentState) {
        let (spec, directory) = try loadSpec(name: name, dataDirectory: dataDirectory)
        var state = ExperimentState()
        for event in try EventLog.read(directory.appendingPathComponent("events.jsonl")) { state.apply(event) }
        return (spec, state)
    }

    static func loadSpec(name: String, dataDirectory: URL) throws -> (TuningSpec, URL) {
        let directory = Self.directory(dataDirectory: dataDirectory, name: name)
        guard let text = try? String(contentsOf: directory.appendingPathComponent("spec.yaml"), encoding: .utf8) else {
            throw TuningError("no experiment '\(name)' in \(directory.deletingLastPathComponent().path)")
        }
        var specDirectory = directory
        if let data = try? Data(contentsOf: directory.appendingPathComponent("experiment.json")),
            let metadata = try? JSONSerialization.jsonObject(with: data) as? [String: String],
            let path = metadata["spec_directory"]
        {
            specDirectory = URL(fileURLWithPath: path)
        }
        var spec = try TuningSpec.parse(text, baseDirectory: specDirectory)
        spec.name = name
        return (spec, directory)
    }

    static func execute(
        spec: TuningSpec,
        directory: URL,
        logger: Logger,
        onProgress: (@Sendable (ExperimentState) -> Void)?
    ) async throws -> ExperimentState {
        var options = LocalBackend<ContinuousClock>.Options(
            command: spec.command,
            directory: directory,
            space: spec.configSpace
        )
        options.environment = spec.environment
        options.trialTimeout = spec.trialTimeout.map { .milliseconds(Int64($0 * 1000)) }
        let lastReport = Mutex<ContinuousClock.Instant?>(nil)
        let tuner = Tuner(
            scheduler: try spec.makeScheduler(),
            nWorkers: spec.nWorkers,
            stop: spec.stop,
            instanceTypes: spec.instanceTypes,
            directory: directory,
            logger: logger,
            onProgress: { state in
                onProgress?(state)
                // Keep results.csv fresh for people watching, without rewriting it per result.
                let now = ContinuousClock.now
                let due = lastReport.withLock { last in
                    guard last.map({ $0.duration(to: now) > .seconds(2) }) ?? true else { return false }
                    last = now
                    return true
                }
                if due { try? writeReports(spec: spec, state: state, directory: directory) }
            }
        )
        do {
            let state = try await withLocalBackend(options, clock: ContinuousClock(), logger: logger) { backend in
                try await tuner.run(backend: backend)
            }
            try writeReports(spec: spec, state: state, directory: directory)
            return state
        } catch {
            if let state = try? load(
                name: spec.name,
                dataDirectory: directory.deletingLastPathComponent().deletingLastPathComponent()
            ).state {
                try? writeReports(spec: spec, state: state, directory: directory)
            }
            throw error
        }
    }

    /// Writes `results.csv`, `best.svg` and, for several objectives, `pareto.svg`.
    public static func writeReports(spec: TuningSpec, state: ExperimentState, directory: URL) throws {
        let table = ResultsTable(state: state, space: spec.configSpace)
        try atomicWrite(table.csv, to: directory.appendingPathComponent("results.csv"))
        let objective = spec.scheduler.objectives[0]
        let best = Plots.bestSoFar(
            state.bestSoFar(metric: objective.metric, mode: objective.mode),
            metric: objective.metric,
            endTime: state.time
        )
        try atomicWrite(best, to: directory.appendingPathComponent("best.svg"))
        if spec.scheduler.objectives.count >= 2 {
            try atomicWrite(paretoSVG(spec: spec, state: state), to: directory.appendingPathComponent("pareto.svg"))
        }
    }

    static func paretoSVG(spec: TuningSpec, state: ExperimentState) -> String {
        let objectives = spec.scheduler.objectives.prefix(2).map { (metric: $0.metric, mode: $0.mode) }
        let points = state.rows.compactMap { row -> (x: Double, y: Double, category: String)? in
            guard let x = row.result[objectives[0].metric], let y = row.result[objectives[1].metric] else { return nil }
            let category = state.trials[row.trialID]?.config["st_instance_type"]?.description ?? "trial"
            return (x, y, category)
        }
        let front = state.paretoSet(objectives).map {
            (x: $0.result[objectives[0].metric]!, y: $0.result[objectives[1].metric]!)
        }
        return Plots.pareto(points: points, front: front, xLabel: objectives[0].metric, yLabel: objectives[1].metric)
    }
}

func atomicWrite(_ text: String, to url: URL) throws {
    try Data(text.utf8).write(to: url, options: .atomic)
}

import Foundation
import Logging

/// Drives a scheduler against a backend: fills free workers with the scheduler's suggestions,
/// answers each result with its decision, enforces the stop criteria, and writes every scheduler
/// input to the event log so that the experiment can be resumed.
public struct Tuner: Sendable {
    public var scheduler: any TrialScheduler
    public var nWorkers: Int
    public var stop: StopCriteria
    /// Instance types by name; a trial whose config has `instanceAttribute` gets that profile.
    public var instanceTypes: [String: InstanceType]
    public var instanceAttribute = "st_instance_type"
    /// Where `events.jsonl` lives; nil keeps the experiment in memory (simulations, benchmarks).
    public var directory: URL?
    public var logger: Logger
    /// Called after every event with the current state (the CLI draws its status table from it).
    public var onProgress: (@Sendable (ExperimentState) -> Void)?

    public init(
        scheduler: any TrialScheduler,
        nWorkers: Int,
        stop: StopCriteria = StopCriteria(),
        instanceTypes: [String: InstanceType] = [:],
        directory: URL? = nil,
        logger: Logger = Logger(label: "atelier.tuning"),
        onProgress: (@Sendable (ExperimentState) -> Void)? = nil
    ) {
        precondition(nWorkers >= 1, "n_workers must be at least 1")
        self.scheduler = scheduler
        self.nWorkers = nWorkers
        self.stop = stop
        self.instanceTypes = instanceTypes
        self.directory = directory
        self.logger = logger
        self.onProgress = onProgress
    }

    /// Runs (or, if the directory holds an event log, resumes) the experiment until a stop criterion
    /// holds or there is nothing left to run. Cancelling the calling task stops the trials without
    /// recording them as ended, so a later `run` resumes them from their checkpoints.
    public func run(backend: some TrialBackend) async throws -> ExperimentState {
        try await runReturningScheduler(backend: backend).state
    }

    /// Like `run`, also returning the scheduler in its final state (e.g. a `TimedScheduler`'s
    /// counters).
    public func runReturningScheduler(backend: some TrialBackend) async throws -> (
        state: ExperimentState, scheduler: any TrialScheduler
    ) {
        var session = try Session(tuner: self)
        let state = try await session.run(backend: backend)
        return (state, session.scheduler)
    }
}

/// One run of the tuner: owns the mutable scheduler and state.
struct Session {
    let tuner: Tuner
    var scheduler: any TrialScheduler
    var state = ExperimentState()
    let log: EventLog?
    /// Tuner time already spent in earlier sessions.
    var timeOffset = 0.0
    var exhausted = false
    /// Trials the scheduler resumed while their paused process was still exiting; they start
    /// once it has (two processes must never share a checkpoint directory).
    var deferredResumes: Set<Int> = []

    init(tuner: Tuner) throws {
        self.tuner = tuner
        scheduler = tuner.scheduler
        guard let directory = tuner.directory else {
            log = nil
            return
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("events.jsonl")
        let previous = FileManager.default.fileExists(atPath: url.path) ? try EventLog.read(url) : []
        log = try EventLog(url: url)
        try replay(previous)
        timeOffset = state.time
    }

    /// Feeds the logged events to a fresh scheduler, checking that it decides as it did before —
    /// if not, the spec (or the code) changed and resuming would mix two experiments.
    mutating func replay(_ events: [LogEvent]) throws {
        for event in events {
            switch event {
            case .suggest(let trial, let config, _):
                let suggestion = scheduler.suggest(trialID: state.nextTrialID)
                let expected: TrialSuggestion = config.map { .start($0) } ?? .resume(trialID: trial)
                guard suggestion == expected else {
                    throw TuningError(
                        "cannot resume: the scheduler now suggests \(suggestion) where the log has \(expected) (was the spec changed?)"
                    )
                }
            case .result(let trial, let result, let decision, _, _):
                let replayed = scheduler.onTrialResult(trialID: trial, result: result)
                guard replayed == decision else {
                    throw TuningError(
                        "cannot resume: trial \(trial) now gets '\(replayed.rawValue)' where the log has '\(decision.rawValue)'"
                    )
                }
            case .ended(let trial, let status, _, _):
                if status == .completed { scheduler.onTrialComplete(trialID: trial) }
                if status == .failed { scheduler.onTrialError(trialID: trial) }
            case .header, .launched, .finished: break
            }
            state.apply(event)
        }
    }

    mutating func record(_ event: LogEvent) throws {
        state.apply(event)
        try log?.append(event)
    }

    func now(_ backend: some TrialBackend) async -> Double { timeOffset + (await backend.elapsed()) }

    mutating func run(backend: some TrialBackend) async throws -> ExperimentState {
        if state.finished { return state }
        await backend.cleanUp(staleHandles: Array(state.handles.values))
        let interrupted = state.interrupted
        state.active = []
        state.handles = [:]
        for trial in interrupted {
            guard let record = state.trials[trial] else { continue }
            try await launch(trial, config: record.config, resume: true, backend: backend, logged: false)
        }
        while !Task.isCancelled {
            if let reason = await stopReason(backend) {
                tuner.logger.info("stopping", metadata: ["reason": "\(reason)"])
                break
            }
            try await fillWorkers(backend)
            if state.active.isEmpty { break }
            guard let event = await backend.nextEvent() else { break }
            if Task.isCancelled { break }
            // A result that lands after the time budget is not part of the experiment.
            if case .result = event, let limit = tuner.stop.maxWallclockTime, await now(backend) > limit { continue }
            try await handle(event, backend: backend)
            tuner.onProgress?(state)
        }
        if Task.isCancelled {
            // Leave the running trials "in progress" in the log: a resume restarts them.
            for trial in state.active { await backend.stop(trialID: trial) }
            throw CancellationError()
        }
        try await finish(backend)
        tuner.onProgress?(state)
        return state
    }

    mutating func fillWorkers(_ backend: some TrialBackend) async throws {
        while state.active.count < tuner.nWorkers && !exhausted {
            if let limit = tuner.stop.maxNumTrialsStarted, state.trialsStarted >= limit { return }
            let id = state.nextTrialID
            switch scheduler.suggest(trialID: id) {
            case .none:
                // Finite searchers may free up again only through promotions; try again later.
                if state.active.isEmpty { exhausted = true }
                return
            case .start(let config):
                try record(.suggest(trial: id, config: config, time: await now(backend)))
                try await launch(id, config: config, resume: false, backend: backend, logged: true)
            case .resume(let trial):
                guard let record = state.trials[trial] else { continue }
                let stillExiting = state.active.contains(trial)
                try self.record(.suggest(trial: trial, config: nil, time: await now(backend)))
                if stillExiting {
                    deferredResumes.insert(trial)
                } else {
                    try await launch(trial, config: record.config, resume: true, backend: backend, logged: true)
                }
            }
        }
    }

    mutating func launch(_ trial: Int, config: Configuration, resume: Bool, backend: some TrialBackend, logged: Bool)
        async throws
    {
        let instance = config[tuner.instanceAttribute].flatMap { tuner.instanceTypes[$0.description] }
        let launch = TrialLaunch(
            trialID: trial,
            config: config,
            resume: resume,
            instanceType: instance,
            workerTimeSoFar: state.trials[trial]?.workerTime ?? 0
        )
        state.active.insert(trial)
        state.trials[trial]?.status = .inProgress
        do {
            try await backend.start(launch)
        } catch {
            scheduler.onTrialError(trialID: trial)
            try record(
                .ended(trial: trial, status: .failed, reason: "could not start: \(error)", time: await now(backend))
            )
        }
    }
}

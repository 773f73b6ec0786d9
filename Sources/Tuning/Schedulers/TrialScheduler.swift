/// Whether a metric is minimised or maximised.
public enum Mode: String, Sendable, Codable {
    case min, max

    /// `value` turned into a quantity to minimise.
    @inline(__always) func minimised(_ value: Double) -> Double { self == .min ? value : -value }
    /// True when `a` is strictly better than `b`.
    func better(_ a: Double, _ b: Double) -> Bool { self == .min ? a < b : a > b }
}

/// A scheduler's answer to a reported result (Syne Tune's `SchedulerDecision`).
public enum SchedulerDecision: String, Sendable, Codable {
    /// Keep the trial running.
    case `continue`
    /// Stop the process but keep the trial resumable from its checkpoint (ASHA promotion).
    case pause
    /// Stop the trial for good.
    case stop
}

/// What a worker that fell free should do next.
public enum TrialSuggestion: Sendable, Equatable {
    /// Start a new trial with this configuration (under the trial id that was passed in).
    case start(Configuration)
    /// Resume a paused trial from its checkpoint.
    case resume(trialID: Int)
    /// Nothing to run (a finite searcher is exhausted, or the scheduler waits for results).
    case none
}

/// A result reported by a trial: metric name → value (the `[tune-metric]` JSON, numeric part).
public typealias TrialResult = [String: Double]

/// The decision side of tuning: schedulers hold no processes, clocks or files — the tuner drives
/// them with results and applies their decisions through a `TrialBackend` (Syne Tune's
/// `TrialScheduler` / `TrialBackend` split). All methods are deterministic given the seed, which is
/// what makes an experiment resumable by replaying its event log.
public protocol TrialScheduler: Sendable {
    /// Metric names the scheduler reads, with their modes (first = the one to report as "best").
    var objectives: [(metric: String, mode: Mode)] { get }
    /// The resource attribute (e.g. `epoch`) and its maximum, if the scheduler has one.
    var resource: (attribute: String, max: Double)? { get }

    /// Called when a worker is free; `trialID` is the id a new trial would get.
    mutating func suggest(trialID: Int) -> TrialSuggestion
    /// Called for every result of a running trial.
    mutating func onTrialResult(trialID: Int, result: TrialResult) -> SchedulerDecision
    /// The trial's process ended normally.
    mutating func onTrialComplete(trialID: Int)
    /// The trial failed (crash, timeout, malformed output); it will not report again.
    mutating func onTrialError(trialID: Int)
}

extension TrialScheduler {
    public var resource: (attribute: String, max: Double)? { nil }
}

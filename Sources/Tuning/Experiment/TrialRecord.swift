/// Lifecycle of a trial, with Syne Tune's status names.
public enum TrialStatus: String, Sendable, Codable, CaseIterable {
    case inProgress = "InProgress"
    case paused = "Paused"
    /// Stopped early by the scheduler (or when the experiment ended).
    case stopped = "Stopped"
    case completed = "Completed"
    case failed = "Failed"

    public var isTerminal: Bool { self == .stopped || self == .completed || self == .failed }
}

/// What the tuner knows about one trial.
public struct TrialRecord: Sendable, Equatable {
    public var trialID: Int
    public var config: Configuration
    public var status: TrialStatus
    public var lastResult: TrialResult?
    public var resultCount = 0
    public var failure: String?
    /// From the last result: cumulative worker seconds and cost.
    public var workerTime = 0.0
    public var workerCost = 0.0

    public init(trialID: Int, config: Configuration, status: TrialStatus) {
        self.trialID = trialID
        self.config = config
        self.status = status
    }
}

/// One row of the results table: a reported result plus what the tuner made of it.
public struct ResultRow: Sendable, Equatable {
    public var trialID: Int
    public var result: TrialResult
    public var tunerTime: Double
    public var decision: SchedulerDecision
    /// The trial's status right after the decision.
    public var status: TrialStatus
}

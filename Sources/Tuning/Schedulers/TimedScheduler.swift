/// Wraps a scheduler and measures the wall time spent inside its decisions (suggest and
/// on-result calls) — the scheduler overhead that benchmarks compare.
public struct TimedScheduler: TrialScheduler {
    public private(set) var base: any TrialScheduler
    /// Number of `suggest` plus `onTrialResult` calls.
    public private(set) var decisions = 0
    public private(set) var elapsed: Duration = .zero

    public init(_ base: any TrialScheduler) { self.base = base }

    public var objectives: [(metric: String, mode: Mode)] { base.objectives }
    public var resource: (attribute: String, max: Double)? { base.resource }

    public mutating func suggest(trialID: Int) -> TrialSuggestion {
        let start = ContinuousClock.now
        let suggestion = base.suggest(trialID: trialID)
        elapsed += start.duration(to: .now)
        decisions += 1
        return suggestion
    }

    public mutating func onTrialResult(trialID: Int, result: TrialResult) -> SchedulerDecision {
        let start = ContinuousClock.now
        let decision = base.onTrialResult(trialID: trialID, result: result)
        elapsed += start.duration(to: .now)
        decisions += 1
        return decision
    }

    public mutating func onTrialComplete(trialID: Int) { base.onTrialComplete(trialID: trialID) }
    public mutating func onTrialError(trialID: Int) { base.onTrialError(trialID: trialID) }
}

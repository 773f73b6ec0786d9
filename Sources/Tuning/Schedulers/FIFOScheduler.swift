/// First-in-first-out: every trial runs to completion (or to `max_t`); the searcher alone decides
/// what to try. With `RandomSearcher` this is random search (Bergstra & Bengio, JMLR 2012); with
/// `GridSearcher`, grid search.
public struct FIFOScheduler: TrialScheduler {
    public let objectives: [(metric: String, mode: Mode)]
    public let resource: (attribute: String, max: Double)?
    private var searcher: any Searcher

    public init(searcher: any Searcher, metric: String, mode: Mode, timeAttribute: String? = nil, maxT: Double? = nil) {
        self.searcher = searcher
        self.objectives = [(metric, mode)]
        if let timeAttribute, let maxT { resource = (timeAttribute, maxT) } else { resource = nil }
    }

    public mutating func suggest(trialID: Int) -> TrialSuggestion {
        guard let config = searcher.next() else { return .none }
        return .start(config)
    }

    public mutating func onTrialResult(trialID: Int, result: TrialResult) -> SchedulerDecision {
        if let resource, let level = result[resource.attribute], level >= resource.max { return .stop }
        return .continue
    }

    public mutating func onTrialComplete(trialID: Int) {}
    public mutating func onTrialError(trialID: Int) {}
}

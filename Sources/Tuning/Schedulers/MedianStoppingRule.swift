/// Median stopping rule (Golovin et al., "Google Vizier", KDD 2017): at resource t ≥
/// `gracePeriod`, stop a trial whose best value so far is worse than the median, over the other
/// trials that reached t, of their running averages up to t. Needs `minSamples` such trials
/// (Syne Tune's defaults: grace 1, 3 samples).
public struct MedianStoppingRule: TrialScheduler {
    public let objectives: [(metric: String, mode: Mode)]
    public let timeAttribute: String
    public let gracePeriod: Double
    public let minSamples: Int
    public let maxT: Double?
    private var searcher: any Searcher
    /// Per trial: (resource, minimised value) in report order.
    private var history: [Int: [(level: Double, value: Double)]] = [:]

    public var resource: (attribute: String, max: Double)? { maxT.map { (timeAttribute, $0) } }

    public init(
        searcher: any Searcher,
        metric: String,
        mode: Mode,
        timeAttribute: String,
        maxT: Double? = nil,
        gracePeriod: Double = 1,
        minSamples: Int = 3
    ) {
        self.searcher = searcher
        self.objectives = [(metric, mode)]
        self.timeAttribute = timeAttribute
        self.gracePeriod = gracePeriod
        self.minSamples = minSamples
        self.maxT = maxT
    }

    public mutating func suggest(trialID: Int) -> TrialSuggestion {
        guard let config = searcher.next() else { return .none }
        return .start(config)
    }

    public mutating func onTrialResult(trialID: Int, result: TrialResult) -> SchedulerDecision {
        guard let level = result[timeAttribute], let raw = result[objectives[0].metric], raw.isFinite else {
            return .continue
        }
        let value = objectives[0].mode.minimised(raw)
        history[trialID, default: []].append((level, value))
        if let maxT, level >= maxT { return .stop }
        guard level >= gracePeriod else { return .continue }
        var averages: [Double] = []
        for (other, points) in history where other != trialID {
            guard let last = points.last, last.level >= level else { continue }
            let upTo = points.filter { $0.level <= level }
            guard !upTo.isEmpty else { continue }
            averages.append(upTo.reduce(0) { $0 + $1.value } / Double(upTo.count))
        }
        guard averages.count >= minSamples else { return .continue }
        averages.sort()
        let middle = averages.count / 2
        let median = averages.count % 2 == 1 ? averages[middle] : (averages[middle - 1] + averages[middle]) / 2
        let best = history[trialID]!.map(\.value).min()!
        return best > median ? .stop : .continue
    }

    public mutating func onTrialComplete(trialID: Int) {}
    public mutating func onTrialError(trialID: Int) {}
}

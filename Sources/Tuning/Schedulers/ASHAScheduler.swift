/// Asynchronous Successive Halving (Li et al., "A System for Massively Parallel Hyperparameter
/// Tuning", MLSys 2020, arXiv 2018). Defaults as in Syne Tune: `grace_period` 1,
/// `reduction_factor` 3, `type` stopping. Rungs sit at grace_period · η^k below `max_t`.
///
/// With several objectives this is MO-ASHA: the same rungs, ranked by `ParetoRanking` instead of a
/// scalar (Schmucker et al. 2021; Salinas et al. 2021).
public struct ASHAScheduler: TrialScheduler {
    public let objectives: [(metric: String, mode: Mode)]
    public let timeAttribute: String
    public private(set) var rungSystem: RungSystem
    private var searcher: any Searcher

    public var resource: (attribute: String, max: Double)? { (timeAttribute, rungSystem.maxT) }

    public init(
        searcher: any Searcher,
        objectives: [(metric: String, mode: Mode)],
        timeAttribute: String,
        maxT: Double,
        gracePeriod: Double = 1,
        reductionFactor: Double = 3,
        type: ASHAType = .stopping
    ) {
        precondition(!objectives.isEmpty, "ASHA needs at least one objective")
        self.searcher = searcher
        self.objectives = objectives
        self.timeAttribute = timeAttribute
        rungSystem = RungSystem(
            levels: RungSystem.levels(gracePeriod: gracePeriod, reductionFactor: reductionFactor, maxT: maxT),
            maxT: maxT,
            reductionFactor: reductionFactor,
            type: type,
            ranking: objectives.count == 1 ? ScalarRanking() : ParetoRanking()
        )
    }

    public mutating func suggest(trialID: Int) -> TrialSuggestion {
        if rungSystem.type == .promotion, let promoted = rungSystem.promote() { return .resume(trialID: promoted) }
        guard let config = searcher.next() else { return .none }
        return .start(config)
    }

    public mutating func onTrialResult(trialID: Int, result: TrialResult) -> SchedulerDecision {
        guard let level = result[timeAttribute], let value = objectiveVector(result, objectives) else {
            return .continue
        }
        return rungSystem.onResult(trialID: trialID, level: level, value: value)
    }

    public mutating func onTrialComplete(trialID: Int) { rungSystem.remove(trialID: trialID) }
    public mutating func onTrialError(trialID: Int) { rungSystem.remove(trialID: trialID) }
}

/// The result's objectives as a vector to minimise, or nil if one is missing or not finite.
func objectiveVector(_ result: TrialResult, _ objectives: [(metric: String, mode: Mode)]) -> [Double]? {
    var vector: [Double] = []
    for (metric, mode) in objectives {
        guard let value = result[metric], value.isFinite else { return nil }
        vector.append(mode.minimised(value))
    }
    return vector
}

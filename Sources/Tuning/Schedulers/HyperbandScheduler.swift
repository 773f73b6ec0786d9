#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Asynchronous Hyperband (Li et al., "Hyperband", JMLR 2018, made asynchronous as in Syne Tune's
/// `HyperbandScheduler` with `brackets > 1`). Bracket b is ASHA whose first rung is
/// grace_period · η^b, so bracket 0 is the most aggressive and the last bracket runs every trial to
/// `max_t`. A new trial joins bracket b with probability proportional to the number of
/// configurations the synchronous Hyperband would start there,
/// n_b = ⌈(B / (B − b)) · η^(B − 1 − b)⌉ for B brackets.
public struct HyperbandScheduler: TrialScheduler {
    public let objectives: [(metric: String, mode: Mode)]
    public let timeAttribute: String
    public private(set) var brackets: [RungSystem]
    public private(set) var bracketOf: [Int: Int] = [:]
    /// Probability of each bracket for a new trial.
    public let bracketProbabilities: [Double]
    private var searcher: any Searcher
    private var rng: SeededGenerator

    public var resource: (attribute: String, max: Double)? { (timeAttribute, brackets[0].maxT) }

    /// `brackets` nil means as many as there are rungs (full Hyperband).
    public init(
        searcher: any Searcher,
        objectives: [(metric: String, mode: Mode)],
        timeAttribute: String,
        maxT: Double,
        gracePeriod: Double = 1,
        reductionFactor: Double = 3,
        brackets: Int? = nil,
        type: ASHAType = .stopping,
        seed: UInt64
    ) {
        self.searcher = searcher
        self.objectives = objectives
        self.timeAttribute = timeAttribute
        self.rng = SeededGenerator(seed: seed ^ 0x6879_7065_7262_616E)
        let levels = RungSystem.levels(gracePeriod: gracePeriod, reductionFactor: reductionFactor, maxT: maxT)
        let count = max(1, min(brackets ?? (levels.count + 1), levels.count + 1))
        let ranking: any RungRanking = objectives.count == 1 ? ScalarRanking() : ParetoRanking()
        self.brackets = (0..<count).map { bracket in
            RungSystem(
                levels: Array(levels.dropFirst(bracket)),
                maxT: maxT,
                reductionFactor: reductionFactor,
                type: type,
                ranking: ranking
            )
        }
        let sizes = (0..<count).map { b in
            (Double(count) / Double(count - b) * pow(reductionFactor, Double(count - 1 - b))).rounded(.up)
        }
        let total = sizes.reduce(0, +)
        bracketProbabilities = sizes.map { $0 / total }
    }

    public mutating func suggest(trialID: Int) -> TrialSuggestion {
        for index in brackets.indices where brackets[index].type == .promotion {
            if let promoted = brackets[index].promote() { return .resume(trialID: promoted) }
        }
        guard let config = searcher.next() else { return .none }
        let draw = Double.random(in: 0..<1, using: &rng)
        var cumulative = 0.0
        var chosen = brackets.count - 1
        for (index, probability) in bracketProbabilities.enumerated() {
            cumulative += probability
            if draw < cumulative {
                chosen = index
                break
            }
        }
        bracketOf[trialID] = chosen
        return .start(config)
    }

    public mutating func onTrialResult(trialID: Int, result: TrialResult) -> SchedulerDecision {
        guard let bracket = bracketOf[trialID], let level = result[timeAttribute],
            let value = objectiveVector(result, objectives)
        else { return .continue }
        return brackets[bracket].onResult(trialID: trialID, level: level, value: value)
    }

    public mutating func onTrialComplete(trialID: Int) {
        if let bracket = bracketOf[trialID] { brackets[bracket].remove(trialID: trialID) }
    }

    public mutating func onTrialError(trialID: Int) { onTrialComplete(trialID: trialID) }
}

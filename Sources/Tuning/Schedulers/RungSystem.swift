/// How ASHA acts at a rung.
public enum ASHAType: String, Sendable {
    /// A result continues iff r/n ≤ 1/η, with n results at the rung (itself included) and r of them
    /// strictly better — Syne Tune's rule; the others are stopped.
    case stopping
    /// Every trial pauses at each rung; a free worker resumes the best not-yet-promoted trial that
    /// is in the top ⌊n/η⌋ of its rung (Li et al. 2018, Algorithm 2; Syne Tune's `type: promotion`).
    case promotion
}

/// Rung bookkeeping shared by ASHA, Hyperband brackets and MO-ASHA. Pure: no clock, no I/O.
public struct RungSystem: Sendable {
    public struct Entry: Sendable, Equatable {
        public var trialID: Int
        public var value: [Double]
        public var promoted: Bool
    }

    /// Rung levels, ascending; all strictly below `maxT`.
    public let levels: [Double]
    public let maxT: Double
    public let reductionFactor: Double
    public let type: ASHAType
    let ranking: any RungRanking
    /// Results recorded at each rung, in arrival order.
    public private(set) var rungs: [[Entry]]
    /// `rungs[k].map(\.value)`, kept alongside so that ranking does not rebuild it per result.
    private var values: [[[Double]]]
    /// Highest rung index each trial has been recorded at.
    private var reached: [Int: Int] = [:]
    /// Trials paused at a rung and not failed, i.e. promotion candidates.
    public private(set) var paused: Set<Int> = []

    /// Rung levels grace_period · η^k for k = 0, 1, … while below `maxT`.
    public static func levels(gracePeriod: Double, reductionFactor: Double, maxT: Double) -> [Double] {
        var levels: [Double] = []
        var level = gracePeriod
        while level < maxT - 1e-9 {
            levels.append(level)
            level *= reductionFactor
        }
        return levels
    }

    public init(levels: [Double], maxT: Double, reductionFactor: Double, type: ASHAType, ranking: any RungRanking) {
        precondition(reductionFactor >= 2, "reduction_factor must be >= 2, got \(reductionFactor)")
        self.levels = levels
        self.maxT = maxT
        self.reductionFactor = reductionFactor
        self.type = type
        self.ranking = ranking
        self.rungs = Array(repeating: [], count: levels.count)
        self.values = Array(repeating: [], count: levels.count)
    }

    /// Records a result at resource `level` with objective vector `value` (minimised) and decides.
    /// A result reaching `maxT` stops the trial (it is done). Results at levels a trial already
    /// passed — a resumed trial without checkpointing replays its early epochs — only continue.
    public mutating func onResult(trialID: Int, level: Double, value: [Double]) -> SchedulerDecision {
        if level >= maxT - 1e-9 { return .stop }
        let next = (reached[trialID] ?? -1) + 1
        guard next < levels.count, level >= levels[next] - 1e-9 else { return .continue }
        reached[trialID] = next
        rungs[next].append(Entry(trialID: trialID, value: value, promoted: false))
        values[next].append(value)
        switch type {
        case .stopping:
            let count = values[next].count
            let rank = ranking.rank(of: count - 1, in: values[next])
            // Keep iff rank / n <= 1/η (Syne Tune's rule): the first result at a rung and any result
            // that ranks first always continue.
            return Double(rank) * reductionFactor <= Double(count) ? .continue : .stop
        case .promotion:
            paused.insert(trialID)
            return .pause
        }
    }

    /// The paused trial to resume, if any: scanning rungs from the top, the best-ranked entry among
    /// the top ⌊n/η⌋ of its rung that has not been promoted yet. Marks it promoted.
    public mutating func promote() -> Int? {
        guard !paused.isEmpty else { return nil }
        for rung in levels.indices.reversed() {
            let entries = rungs[rung]
            let top = Int((Double(entries.count) / reductionFactor).rounded(.down))
            // Sorting the rung is the costly part; skip rungs with nobody waiting there.
            guard top > 0, entries.contains(where: { !$0.promoted && paused.contains($0.trialID) }) else { continue }
            for index in ranking.order(values[rung]).prefix(top)
            where !entries[index].promoted && paused.contains(entries[index].trialID) {
                rungs[rung][index].promoted = true
                paused.remove(entries[index].trialID)
                return entries[index].trialID
            }
        }
        return nil
    }

    /// The trial will not report again (failed, or stopped from outside).
    public mutating func remove(trialID: Int) {
        paused.remove(trialID)
    }

    /// Rung index a trial was last recorded at.
    public func rungIndex(of trialID: Int) -> Int? { reached[trialID] }
}

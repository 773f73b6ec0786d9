/// Proposes configurations for new trials.
public protocol Searcher: Sendable {
    /// The next configuration, or nil when the searcher has no more.
    mutating func next() -> Configuration?
}

/// Random search: independent draws from the config space with a seeded generator. The first
/// configuration is the space's midpoint unless `startWithDefault` is false (Syne Tune did this up
/// to 0.13; 0.16 starts with a random draw), and duplicates are redrawn (up to 100 times, after
/// which a duplicate is accepted).
public struct RandomSearcher: Searcher {
    public let space: ConfigSpace
    private var rng: SeededGenerator
    private var pending: [Configuration]
    private var seen: Set<Configuration> = []

    public init(space: ConfigSpace, seed: UInt64, startWithDefault: Bool = true, pointsToEvaluate: [Configuration] = [])
    {
        self.space = space
        self.rng = SeededGenerator(seed: seed)
        self.pending = pointsToEvaluate.isEmpty && startWithDefault ? [space.defaultConfiguration] : pointsToEvaluate
    }

    public mutating func next() -> Configuration? {
        if !pending.isEmpty {
            let config = pending.removeFirst()
            seen.insert(config)
            return config
        }
        var config = space.sample(using: &rng)
        var attempts = 0
        while seen.contains(config) && attempts < 100 {
            config = space.sample(using: &rng)
            attempts += 1
        }
        seen.insert(config)
        return config
    }
}

/// Grid search over the Cartesian product of the domains' grid values (continuous domains get
/// `samplesForContinuous` evenly spaced points), in row-major order of the config space: the last
/// hyperparameter varies fastest. Optionally shuffled with `seed`.
public struct GridSearcher: Searcher {
    public let grid: [[ParamValue]]
    public let names: [String]
    private var order: [Int]
    private var position = 0

    public init(space: ConfigSpace, samplesForContinuous: Int = 5, shuffleSeed: UInt64? = nil) {
        names = space.names
        grid = space.entries.map { $0.domain.gridValues(samplesForContinuous: samplesForContinuous) }
        let total = grid.reduce(1) { $0 * $1.count }
        order = Array(0..<total)
        if let shuffleSeed {
            var rng = SeededGenerator(seed: shuffleSeed)
            order.shuffle(using: &rng)
        }
    }

    /// Number of grid points.
    public var count: Int { order.count }

    public mutating func next() -> Configuration? {
        guard position < order.count else { return nil }
        var index = order[position]
        position += 1
        var config = Configuration()
        for (offset, values) in grid.enumerated().reversed() {
            config[names[offset]] = values[index % values.count]
            index /= values.count
        }
        return config
    }
}

/// A searcher chosen by name in the spec.
public enum SearcherKind: String, Sendable {
    case random, grid
}

func makeSearcher(_ kind: SearcherKind, space: ConfigSpace, seed: UInt64) -> any Searcher {
    switch kind {
    case .random: return RandomSearcher(space: space, seed: seed)
    case .grid: return GridSearcher(space: space)
    }
}

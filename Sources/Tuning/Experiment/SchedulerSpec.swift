/// The `scheduler:` section of a spec.
///
/// `type`: `fifo` (alias `random_search`), `grid_search`, `asha`, `hyperband`, `moasha`,
/// `median_stopping`. ASHA-family schedulers take `asha_type: stopping | promotion` (also
/// accepted as `type: asha_promotion` / `asha_stopping`).
public struct SchedulerSpec: Sendable, Equatable {
    public var type: String
    public var objectives: [Objective]
    public var timeAttribute: String
    public var maxT: Double?
    public var gracePeriod: Double
    public var reductionFactor: Double
    public var brackets: Int?
    public var ashaType: ASHAType
    public var searcher: SearcherKind
    /// Grid points per continuous domain for grid search.
    public var numSamples: Int

    public struct Objective: Sendable, Equatable {
        public var metric: String
        public var mode: Mode
    }

    static func parse(_ node: SpecNode) throws(TuningError) -> SchedulerSpec {
        guard node.mapping != nil else { throw .invalid("scheduler", "expected a mapping with a 'type'") }
        guard var type = try node["type"]?.string("scheduler.type") else {
            throw .invalid("scheduler.type", "required")
        }
        var ashaType = ASHAType.stopping
        if let raw = try node["asha_type"]?.string("scheduler.asha_type") {
            guard let parsed = ASHAType(rawValue: raw) else {
                throw .invalid("scheduler.asha_type", "expected stopping or promotion")
            }
            ashaType = parsed
        }
        for family in ["asha", "hyperband", "moasha"] {
            for variant in [ASHAType.stopping, .promotion] where type == "\(family)_\(variant.rawValue)" {
                type = family
                ashaType = variant
            }
        }
        let types = ["fifo", "random_search", "grid_search", "asha", "hyperband", "moasha", "median_stopping"]
        guard types.contains(type) else {
            throw .invalid("scheduler.type", "unknown '\(type)' (expected one of \(types.joined(separator: ", ")))")
        }

        func mode(_ node: SpecNode?, _ key: String) throws(TuningError) -> Mode {
            guard let node else { return .min }
            guard let mode = Mode(rawValue: try node.string(key)) else { throw .invalid(key, "expected min or max") }
            return mode
        }
        var objectives: [Objective] = []
        if let metrics = node["metrics"]?.sequence {
            let modes = node["modes"]?.sequence
            if let modes, modes.count != metrics.count {
                throw .invalid("scheduler.modes", "needs one mode per metric")
            }
            for (index, metric) in metrics.enumerated() {
                objectives.append(
                    Objective(
                        metric: try metric.string("scheduler.metrics[\(index)]"),
                        mode: try mode(modes?[index], "scheduler.modes[\(index)]")
                    )
                )
            }
        } else if let metric = node["metric"] {
            objectives = [
                Objective(metric: try metric.string("scheduler.metric"), mode: try mode(node["mode"], "scheduler.mode"))
            ]
        }
        guard !objectives.isEmpty else { throw .invalid("scheduler.metric", "required (or metrics: [...] for moasha)") }
        if type == "moasha" && objectives.count < 2 {
            throw .invalid("scheduler.metrics", "moasha needs at least two metrics")
        }
        if type != "moasha" && objectives.count > 1 {
            throw .invalid("scheduler.metrics", "only moasha takes several metrics")
        }

        let maxT = try node["max_t"]?.double("scheduler.max_t")
        if ["asha", "hyperband", "moasha"].contains(type) && maxT == nil {
            throw .invalid("scheduler.max_t", "required for \(type)")
        }
        let gracePeriod = try node["grace_period"]?.double("scheduler.grace_period") ?? 1
        let reductionFactor = try node["reduction_factor"]?.double("scheduler.reduction_factor") ?? 3
        guard gracePeriod > 0 else { throw .invalid("scheduler.grace_period", "must be positive") }
        guard reductionFactor >= 2 else { throw .invalid("scheduler.reduction_factor", "must be at least 2") }
        var searcher = SearcherKind.random
        if let raw = try node["searcher"]?.string("scheduler.searcher") {
            guard let kind = SearcherKind(rawValue: raw) else {
                throw .invalid("scheduler.searcher", "expected random or grid")
            }
            searcher = kind
        }
        if type == "grid_search" { searcher = .grid }
        return SchedulerSpec(
            type: type,
            objectives: objectives,
            timeAttribute: try node["time_attr"]?.string("scheduler.time_attr") ?? "epoch",
            maxT: maxT,
            gracePeriod: gracePeriod,
            reductionFactor: reductionFactor,
            brackets: try node["brackets"]?.int("scheduler.brackets"),
            ashaType: ashaType,
            searcher: searcher,
            numSamples: try node["num_samples"]?.int("scheduler.num_samples") ?? 5
        )
    }

    func make(space: ConfigSpace, seed: UInt64) throws(TuningError) -> any TrialScheduler {
        let searcher: any Searcher =
            self.searcher == .grid
            ? GridSearcher(space: space, samplesForContinuous: numSamples) : RandomSearcher(space: space, seed: seed)
        let objectives = self.objectives.map { (metric: $0.metric, mode: $0.mode) }
        switch type {
        case "asha", "moasha":
            return ASHAScheduler(
                searcher: searcher,
                objectives: objectives,
                timeAttribute: timeAttribute,
                maxT: maxT!,
                gracePeriod: gracePeriod,
                reductionFactor: reductionFactor,
                type: ashaType
            )
        case "hyperband":
            return HyperbandScheduler(
                searcher: searcher,
                objectives: objectives,
                timeAttribute: timeAttribute,
                maxT: maxT!,
                gracePeriod: gracePeriod,
                reductionFactor: reductionFactor,
                brackets: brackets,
                type: ashaType,
                seed: seed
            )
        case "median_stopping":
            return MedianStoppingRule(
                searcher: searcher,
                metric: objectives[0].metric,
                mode: objectives[0].mode,
                timeAttribute: timeAttribute,
                maxT: maxT,
                gracePeriod: gracePeriod
            )
        default:
            return FIFOScheduler(
                searcher: searcher,
                metric: objectives[0].metric,
                mode: objectives[0].mode,
                timeAttribute: timeAttribute,
                maxT: maxT
            )
        }
    }
}

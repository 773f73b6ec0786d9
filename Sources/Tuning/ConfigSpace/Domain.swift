#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The set a hyperparameter is drawn from, with Syne Tune's names and semantics.
///
/// Integer domains are inclusive at both ends (`randint(1, 3)` yields 1, 2 or 3), as in Syne Tune.
/// `finrange(lower, upper, size)` is the evenly spaced grid of `size` values including both ends;
/// `logfinrange` spaces them evenly in log space.
public enum Domain: Sendable, Equatable {
    case uniform(Double, Double)
    case loguniform(Double, Double)
    case randint(Int, Int)
    case lograndint(Int, Int)
    case choice([ParamValue])
    /// Ordered categories: sampled uniformly like `choice`, but their order is meaningful to
    /// model-based searchers and the grid.
    case ordinal([ParamValue])
    case finrange(Double, Double, Int)
    case logfinrange(Double, Double, Int)
    case constant(ParamValue)

    /// Draws one value.
    public func sample<G: RandomNumberGenerator>(using rng: inout G) -> ParamValue {
        switch self {
        case .uniform(let low, let high):
            return .double(low + (high - low) * Double.random(in: 0..<1, using: &rng))
        case .loguniform(let low, let high):
            return .double(exp(log(low) + (log(high) - log(low)) * Double.random(in: 0..<1, using: &rng)))
        case .randint(let low, let high):
            return .int(Int.random(in: low...high, using: &rng))
        case .lograndint(let low, let high):
            // Log-uniform on [low, high + 1), floored: integer k gets mass log((k+1)/k).
            let a = log(Double(low))
            let b = log(Double(high) + 1)
            let value = exp(a + (b - a) * Double.random(in: 0..<1, using: &rng)).rounded(.down)
            return .int(min(high, max(low, Int(value))))
        case .choice(let values), .ordinal(let values):
            return values[Int.random(in: 0..<values.count, using: &rng)]
        case .finrange, .logfinrange:
            let values = gridValues(samplesForContinuous: 0)
            return values[Int.random(in: 0..<values.count, using: &rng)]
        case .constant(let value):
            return value
        }
    }

    /// Values for a grid search: every value of a finite domain, or `samplesForContinuous` evenly
    /// spaced points (in log space for log domains) of a continuous one.
    public func gridValues(samplesForContinuous count: Int) -> [ParamValue] {
        func spaced(_ low: Double, _ high: Double, _ n: Int, log useLog: Bool) -> [Double] {
            guard n > 1 else { return [useLog ? exp((log(low) + log(high)) / 2) : (low + high) / 2] }
            return (0..<n).map { index in
                let fraction = Double(index) / Double(n - 1)
                return useLog ? exp(log(low) + (log(high) - log(low)) * fraction) : low + (high - low) * fraction
            }
        }
        switch self {
        case .uniform(let low, let high): return spaced(low, high, count, log: false).map { .double($0) }
        case .loguniform(let low, let high): return spaced(low, high, count, log: true).map { .double($0) }
        case .randint(let low, let high):
            return high - low + 1 <= max(count, 1) || count == 0
                ? (low...high).map { .int($0) }
                : Array(Set(spaced(Double(low), Double(high), count, log: false).map { Int($0.rounded()) })).sorted()
                    .map {
                        .int($0)
                    }
        case .lograndint(let low, let high):
            return Array(Set(spaced(Double(low), Double(high), max(count, 2), log: true).map { Int($0.rounded()) }))
                .sorted().map { .int($0) }
        case .choice(let values), .ordinal(let values): return values
        case .finrange(let low, let high, let size): return spaced(low, high, size, log: false).map { .double($0) }
        case .logfinrange(let low, let high, let size): return spaced(low, high, size, log: true).map { .double($0) }
        case .constant(let value): return [value]
        }
    }

    /// Whether the value set is finite without discretisation.
    public var isFinite: Bool {
        switch self {
        case .uniform, .loguniform: return false
        default: return true
        }
    }

    /// Midpoint (the default configuration, as older Syne Tune releases computed it): middle of the range, in log space for log
    /// domains; the first category for `choice`, the middle one for `ordinal`.
    public var defaultValue: ParamValue {
        switch self {
        case .uniform(let low, let high): return .double((low + high) / 2)
        case .loguniform(let low, let high): return .double(exp((log(low) + log(high)) / 2))
        case .randint(let low, let high): return .int((low + high) / 2)
        case .lograndint(let low, let high): return .int(Int(exp((log(Double(low)) + log(Double(high))) / 2).rounded()))
        case .choice(let values): return values[0]
        case .ordinal(let values): return values[values.count / 2]
        case .finrange, .logfinrange:
            let values = gridValues(samplesForContinuous: 0)
            return values[values.count / 2]
        case .constant(let value): return value
        }
    }
}

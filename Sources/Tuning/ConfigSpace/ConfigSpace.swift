/// An ordered set of named hyperparameter domains (order is kept for command lines, grids and
/// result columns).
public struct ConfigSpace: Sendable, Equatable {
    public private(set) var entries: [(name: String, domain: Domain)]

    public init(_ entries: [(String, Domain)] = []) {
        self.entries = entries.map { (name: $0.0, domain: $0.1) }
    }

    public static func == (lhs: ConfigSpace, rhs: ConfigSpace) -> Bool {
        lhs.entries.map(\.name) == rhs.entries.map(\.name) && lhs.entries.map(\.domain) == rhs.entries.map(\.domain)
    }

    public var names: [String] { entries.map(\.name) }

    /// Names of the hyperparameters that vary (constants excluded).
    public var tunableNames: [String] {
        entries.filter { if case .constant = $0.domain { return false } else { return true } }.map(\.name)
    }

    public subscript(name: String) -> Domain? { entries.first { $0.name == name }?.domain }

    /// Adds or replaces a domain.
    public mutating func set(_ name: String, _ domain: Domain) {
        if let index = entries.firstIndex(where: { $0.name == name }) {
            entries[index].domain = domain
        } else {
            entries.append((name: name, domain: domain))
        }
    }

    /// One random configuration.
    public func sample<G: RandomNumberGenerator>(using rng: inout G) -> Configuration {
        var config = Configuration()
        for (name, domain) in entries { config[name] = domain.sample(using: &rng) }
        return config
    }

    /// The midpoint configuration (what random search evaluates first).
    public var defaultConfiguration: Configuration {
        var config = Configuration()
        for (name, domain) in entries { config[name] = domain.defaultValue }
        return config
    }

    /// Command-line arguments in Syne Tune's form: `--name value` per hyperparameter, in order.
    public func arguments(for config: Configuration) -> [String] {
        var arguments: [String] = []
        for name in names { if let value = config[name] { arguments += ["--\(name)", value.description] } }
        for name in config.keys.sorted() where self[name] == nil {
            arguments += ["--\(name)", config[name]!.description]
        }
        return arguments
    }

    /// Throws if the space cannot be sampled (empty choices, inverted or non-positive log ranges).
    public func validate() throws(TuningError) {
        for (name, domain) in entries {
            let key = "config_space.\(name)"
            switch domain {
            case .uniform(let low, let high):
                guard low <= high else { throw .invalid(key, "lower bound \(low) is above upper bound \(high)") }
            case .loguniform(let low, let high), .logfinrange(let low, let high, _):
                guard low > 0, low <= high else { throw .invalid(key, "log domain needs 0 < lower <= upper") }
            case .randint(let low, let high):
                guard low <= high else { throw .invalid(key, "lower bound \(low) is above upper bound \(high)") }
            case .lograndint(let low, let high):
                guard low >= 1, low <= high else { throw .invalid(key, "lograndint needs 1 <= lower <= upper") }
            case .choice(let values), .ordinal(let values):
                guard !values.isEmpty else { throw .invalid(key, "needs at least one category") }
            case .finrange(let low, let high, let size):
                guard low <= high, size >= 1 else { throw .invalid(key, "finrange needs lower <= upper and size >= 1") }
            case .constant: break
            }
            if case .logfinrange(_, _, let size) = domain, size < 1 { throw .invalid(key, "size must be >= 1") }
        }
    }
}

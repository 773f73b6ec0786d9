import Foundation

extension ConfigSpace {
    /// Parses a `config_space:` mapping. Each entry is a constant scalar or a one-key mapping
    /// naming the domain: `{loguniform: [1e-6, 1e-4]}`, `{randint: [16, 48]}`,
    /// `{choice: [a, b]}`, `{finrange: [0, 1, 5]}`, …
    static func parse(_ node: SpecNode, key: String = "config_space") throws(TuningError) -> ConfigSpace {
        guard let pairs = node.mapping else { throw .invalid(key, "expected a mapping of hyperparameter names") }
        var space = ConfigSpace()
        for (name, entry) in pairs {
            let path = "\(key).\(name)"
            switch entry {
            case .scalar(let value): space.set(name, .constant(value))
            case .null, .sequence: throw .invalid(path, "expected a constant or a domain such as {uniform: [0, 1]}")
            case .mapping(let domain):
                guard domain.count == 1, let (kind, argumentsNode) = domain.first else {
                    throw .invalid(path, "a domain is a mapping with exactly one key, e.g. {uniform: [0, 1]}")
                }
                space.set(name, try parseDomain(kind, argumentsNode, key: "\(path).\(kind)"))
            }
        }
        try space.validate()
        return space
    }

    private static func parseDomain(_ kind: String, _ node: SpecNode, key: String) throws(TuningError) -> Domain {
        if kind == "constant" {
            guard let value = node.value else { throw .invalid(key, "expected a scalar") }
            return .constant(value)
        }
        guard let items = node.sequence else { throw .invalid(key, "expected a list of arguments") }
        let values = try items.enumerated().map { (index, item) throws(TuningError) -> ParamValue in
            guard let value = item.value else { throw .invalid("\(key)[\(index)]", "expected a scalar") }
            return value
        }
        func numbers(_ count: Int) throws(TuningError) -> [Double] {
            guard values.count == count else {
                throw .invalid(key, "expected \(count) arguments, found \(values.count)")
            }
            return try values.enumerated().map { (index, value) throws(TuningError) -> Double in
                guard let number = value.number, !isStringValue(value) else {
                    throw .invalid("\(key)[\(index)]", "expected a number")
                }
                return number
            }
        }
        func integers(_ count: Int) throws(TuningError) -> [Int] {
            let parsed = try numbers(count)
            for (index, number) in parsed.enumerated() where number.rounded() != number {
                throw .invalid("\(key)[\(index)]", "expected an integer")
            }
            return parsed.map { Int($0) }
        }
        switch kind {
        case "uniform": let n = try numbers(2); return .uniform(n[0], n[1])
        case "loguniform": let n = try numbers(2); return .loguniform(n[0], n[1])
        case "randint": let n = try integers(2); return .randint(n[0], n[1])
        case "lograndint": let n = try integers(2); return .lograndint(n[0], n[1])
        case "finrange":
            let n = try numbers(3)
            guard n[2].rounded() == n[2] else { throw .invalid(key, "size must be an integer") }
            return .finrange(n[0], n[1], Int(n[2]))
        case "logfinrange":
            let n = try numbers(3)
            guard n[2].rounded() == n[2] else { throw .invalid(key, "size must be an integer") }
            return .logfinrange(n[0], n[1], Int(n[2]))
        case "choice": return .choice(values)
        case "ordinal": return .ordinal(values)
        default:
            throw .invalid(
                key,
                "unknown domain '\(kind)' (expected uniform, loguniform, randint, lograndint, choice, ordinal, finrange, logfinrange or constant)"
            )
        }
    }
}

private func isStringValue(_ value: ParamValue) -> Bool {
    if case .string = value { return true } else { return false }
}

extension ConfigSpace {
    /// The space as a `config_space:` YAML block (flow style, one hyperparameter per line), which
    /// `TuningSpec.parse` reads back to an equal space.
    public var yamlRepresentation: String {
        entries.map { "  \($0.name): \(Self.yaml($0.domain))" }.joined(separator: "\n")
    }

    private static func yaml(_ domain: Domain) -> String {
        func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
        func number(_ value: Double) -> String {
            // YAML reads "1.0e-06" as a float but "1e-06" as a string: always keep a dot.
            let text = String(value)
            return text.contains(".") || text.contains("inf") || text.contains("nan")
                ? text : text.replacingOccurrences(of: "e", with: ".0e")
        }
        switch domain {
        case .uniform(let a, let b): return "{uniform: \(list([number(a), number(b)]))}"
        case .loguniform(let a, let b): return "{loguniform: \(list([number(a), number(b)]))}"
        case .randint(let a, let b): return "{randint: [\(a), \(b)]}"
        case .lograndint(let a, let b): return "{lograndint: [\(a), \(b)]}"
        case .choice(let values): return "{choice: \(list(values.map(scalar)))}"
        case .ordinal(let values): return "{ordinal: \(list(values.map(scalar)))}"
        case .finrange(let a, let b, let n): return "{finrange: [\(number(a)), \(number(b)), \(n)]}"
        case .logfinrange(let a, let b, let n): return "{logfinrange: [\(number(a)), \(number(b)), \(n)]}"
        case .constant(let value): return scalar(value)
        }
        func scalar(_ value: ParamValue) -> String {
            switch value {
            case .int(let v): return String(v)
            case .double(let v): return number(v)
            case .string(let v):
                // Quote so that YAML keeps it a string ("true", "1.5", "a: b" …).
                return "\""
                    + v.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    + "\""
            }
        }
    }
}

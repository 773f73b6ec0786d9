/// One hyperparameter value as it is passed to a trial (`--name value`) and written to results.
public enum ParamValue: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case string(String)

    /// The text passed on the command line. Doubles use Swift's shortest round-tripping form.
    public var description: String {
        switch self {
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .string(let value): return value
        }
    }

    /// The numeric value, if any (strings that parse as numbers count, for ordinal domains).
    public var number: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        case .string(let value): return Double(value)
        }
    }

    /// JSON-compatible representation.
    public var jsonValue: any Sendable {
        switch self {
        case .int(let value): return value
        case .double(let value): return value
        case .string(let value): return value
        }
    }

    /// Reads a YAML/JSON scalar (Int, Double, Bool, String).
    static func from(_ any: Any, key: String) throws(TuningError) -> ParamValue {
        switch any {
        case let value as Bool: return .string(value ? "true" : "false")
        case let value as Int: return .int(value)
        case let value as Double: return .double(value)
        case let value as String: return .string(value)
        default: throw .invalid(key, "expected a number or a string, found \(type(of: any))")
        }
    }
}

/// A trial's hyperparameters, keyed by name.
public typealias Configuration = [String: ParamValue]

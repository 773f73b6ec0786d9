import Foundation

extension PolicyDocument {
    /// Largest policy document accepted (IAM's managed policy limit).
    public static let maxSize = 6144

    /// Parses a JSON policy document, rejecting anything IAM would reject that matters here.
    public init(json: some Collection<UInt8>) throws(PolicyError) {
        guard json.count <= Self.maxSize else {
            throw PolicyError(path: "$", reason: "document is \(json.count) bytes, more than \(Self.maxSize)")
        }
        let root: Node
        do { root = try JSONDecoder().decode(Node.self, from: Data(json)) } catch {
            throw PolicyError(path: "$", reason: "not valid JSON")
        }
        guard case .object(let object) = root else { throw PolicyError(path: "$", reason: "expected an object") }
        let version = object["Version"]?.text ?? "2008-10-17"
        guard ["2012-10-17", "2008-10-17"].contains(version) else {
            throw PolicyError(path: "Version", reason: "unsupported version '\(version)'")
        }
        let raw: [Node]
        switch object["Statement"] {
        case .array(let list): raw = list
        case .object(let single): raw = [.object(single)]
        default: throw PolicyError(path: "Statement", reason: "expected a statement or a list of statements")
        }
        var statements: [Statement] = []
        for (index, item) in raw.enumerated() {
            statements.append(try Statement(any: item, path: "Statement[\(index)]"))
        }
        self.init(version: version, statements: statements)
    }
}

extension Statement {
    init(any value: Node, path: String) throws(PolicyError) {
        guard case .object(let object) = value else { throw PolicyError(path: path, reason: "expected an object") }
        guard let effectText = object["Effect"]?.text, let effect = Effect(rawValue: effectText) else {
            throw PolicyError(path: "\(path).Effect", reason: "expected Allow or Deny")
        }
        let (actions, actionsNegated) = try Self.pair(object, "Action", "NotAction", path: path)
        var resources = ["*"]
        var resourcesNegated = false
        if object["Resource"] != nil || object["NotResource"] != nil {
            (resources, resourcesNegated) = try Self.pair(object, "Resource", "NotResource", path: path)
        }
        if object["Principal"] != nil || object["NotPrincipal"] != nil {
            // Identity policies are attached to their principal; a Principal element is not evaluated.
            throw PolicyError(path: "\(path).Principal", reason: "Principal is not supported in identity policies")
        }
        var conditions: [Condition] = []
        if let block = object["Condition"] {
            guard case .object(let operators) = block else {
                throw PolicyError(path: "\(path).Condition", reason: "expected an object")
            }
            for (opName, entries) in operators.sorted(by: { $0.key < $1.key }) {
                conditions += try Condition.parse(opName, entries, path: "\(path).Condition.\(opName)")
            }
        }
        self.init(
            sid: object["Sid"]?.text, effect: effect, actions: actions, actionsNegated: actionsNegated,
            resources: resources, resourcesNegated: resourcesNegated, conditions: conditions)
    }

    static func pair(_ object: [String: Node], _ positive: String, _ negative: String, path: String) throws(PolicyError)
        -> ([String], Bool)
    {
        switch (object[positive], object[negative]) {
        case (let value?, nil): return (try strings(value, path: "\(path).\(positive)"), false)
        case (nil, let value?): return (try strings(value, path: "\(path).\(negative)"), true)
        case (nil, nil): throw PolicyError(path: path, reason: "needs \(positive) or \(negative)")
        default: throw PolicyError(path: path, reason: "has both \(positive) and \(negative)")
        }
    }

    static func strings(_ value: Node, path: String) throws(PolicyError) -> [String] {
        if case .array(let list) = value {
            var out: [String] = []
            for item in list {
                guard let s = item.text else { throw PolicyError(path: path, reason: "expected strings") }
                out.append(s)
            }
            return out
        }
        if let s = value.text { return [s] }
        throw PolicyError(path: path, reason: "expected a string or a list of strings")
    }
}

/// The JSON of a policy. Condition values may be strings, numbers or booleans; IAM compares text.
indirect enum Node: Decodable {
    case text(String)
    case array([Node])
    case object([String: Node])
    case null

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .text(b ? "true" : "false") }
        else if let s = try? c.decode(String.self) { self = .text(s) }
        else if let d = try? c.decode(Double.self) {
            self = .text(d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d))
        } else if let a = try? c.decode([Node].self) { self = .array(a) }
        else { self = .object(try c.decode([String: Node].self)) }
    }

    var text: String? { if case .text(let s) = self { s } else { nil } }
}

extension Condition {
    static func parse(_ name: String, _ entries: Node, path: String) throws(PolicyError) -> [Condition] {
        var opName = name
        var qualifier = SetQualifier.none
        if opName.hasPrefix("ForAllValues:") {
            qualifier = .forAllValues
            opName.removeFirst("ForAllValues:".count)
        } else if opName.hasPrefix("ForAnyValue:") {
            qualifier = .forAnyValue
            opName.removeFirst("ForAnyValue:".count)
        }
        var ifExists = false
        if opName.hasSuffix("IfExists") {
            ifExists = true
            opName.removeLast("IfExists".count)
        }
        guard let op = ConditionOperator(rawValue: opName) else {
            throw PolicyError(path: path, reason: "unknown condition operator '\(name)'")
        }
        guard case .object(let map) = entries else { throw PolicyError(path: path, reason: "expected an object") }
        var out: [Condition] = []
        for (key, value) in map.sorted(by: { $0.key < $1.key }) {
            let values = try Statement.strings(value, path: "\(path).\(key)")
            if op == .ipAddress || op == .notIpAddress, let bad = values.first(where: { CIDR($0) == nil }) {
                throw PolicyError(path: "\(path).\(key)", reason: "'\(bad)' is not an IP address or CIDR")
            }
            out.append(Condition(op: op, qualifier: qualifier, ifExists: ifExists, key: key, values: values))
        }
        return out
    }
}

import Foundation

/// What is being asked: an action on a resource, with the request's condition keys
/// (`aws:SourceIp`, `aws:SourceVpce`, `aws:CurrentTime`, …). Keys are case-insensitive.
public struct AuthorizationRequest: Sendable {
    public var action: String
    public var resource: String
    private var keys: [String: [String]] = [:]

    public init(action: String, resource: String, context: [String: [String]] = [:]) {
        self.action = action
        self.resource = resource
        for (key, values) in context { self[key] = values }
    }

    public subscript(key: String) -> [String]? {
        get { keys[key.lowercased()] }
        set { keys[key.lowercased()] = newValue }
    }
}

/// The outcome of evaluating identity policies, in IAM's order: an explicit deny wins, then an
/// allow; with neither the request is implicitly denied. Security decisions fail closed.
public enum Decision: Sendable, Equatable {
    case allow(statement: String?)
    case explicitDeny(statement: String?)
    case implicitDeny

    public var isAllowed: Bool { if case .allow = self { true } else { false } }
}

extension PolicyDocument {
    /// Evaluates `policies` together for `request`.
    public static func evaluate(_ policies: [PolicyDocument], _ request: AuthorizationRequest) -> Decision {
        var allowed: Decision?
        for statement in policies.flatMap(\.statements) where statement.applies(to: request) {
            switch statement.effect {
            case .deny: return .explicitDeny(statement: statement.sid)
            case .allow: allowed = allowed ?? .allow(statement: statement.sid)
            }
        }
        return allowed ?? .implicitDeny
    }
}

extension Statement {
    func applies(to request: AuthorizationRequest) -> Bool {
        let actionMatch = actions.contains { Wildcard.matches(pattern: $0, request.action, caseInsensitive: true) }
        guard actionMatch != actionsNegated else { return false }
        let resourceMatch = resources.contains { Wildcard.matches(pattern: $0, request.resource, caseInsensitive: false) }
        guard resourceMatch != resourcesNegated else { return false }
        return conditions.allSatisfy { $0.holds(for: request) }
    }
}

extension Condition {
    func holds(for request: AuthorizationRequest) -> Bool {
        if op == .null {
            // "Null": {"key": "true"} means the key must be absent.
            let absent = request[key] == nil
            return values.contains { $0.lowercased() == (absent ? "true" : "false") }
        }
        guard let actual = request[key], !actual.isEmpty else {
            return ifExists || op.isNegated || qualifier == .forAllValues
        }
        switch qualifier {
        case .forAllValues: return actual.allSatisfy { matches($0) }
        case .forAnyValue: return actual.contains { matches($0) }
        case .none:
            // A single-valued key; negated operators require that no value matches.
            return op.isNegated ? actual.allSatisfy { matches($0) } : actual.contains { matches($0) }
        }
    }

    /// Whether one request value satisfies the operator against any of the policy values.
    func matches(_ value: String) -> Bool {
        switch op {
        case .stringEquals, .arnEquals: return values.contains(value)
        case .stringNotEquals, .arnNotEquals: return !values.contains(value)
        case .stringEqualsIgnoreCase: return values.contains { $0.lowercased() == value.lowercased() }
        case .stringNotEqualsIgnoreCase: return !values.contains { $0.lowercased() == value.lowercased() }
        case .stringLike, .arnLike: return values.contains { Wildcard.matches(pattern: $0, value, caseInsensitive: false) }
        case .stringNotLike, .arnNotLike: return !values.contains { Wildcard.matches(pattern: $0, value, caseInsensitive: false) }
        case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan,
            .numericGreaterThanEquals:
            guard let x = Double(value) else { return false }
            return compare(x, values.compactMap(Double.init))
        case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            guard let x = Self.date(value) else { return false }
            return compare(x, values.compactMap(Self.date))
        case .bool: return values.contains { $0.lowercased() == value.lowercased() }
        case .ipAddress, .notIpAddress:
            guard let address = IPAddress.parse(value) else { return false }
            let inside = values.contains { CIDR($0)?.contains(address) ?? false }
            return op == .ipAddress ? inside : !inside
        case .null: return false
        }
    }

    private func compare(_ x: Double, _ bounds: [Double]) -> Bool {
        switch op {
        case .numericEquals, .dateEquals: bounds.contains(x)
        case .numericNotEquals, .dateNotEquals: !bounds.contains(x)
        case .numericLessThan, .dateLessThan: bounds.contains { x < $0 }
        case .numericLessThanEquals, .dateLessThanEquals: bounds.contains { x <= $0 }
        case .numericGreaterThan, .dateGreaterThan: bounds.contains { x > $0 }
        case .numericGreaterThanEquals, .dateGreaterThanEquals: bounds.contains { x >= $0 }
        default: false
        }
    }

    /// ISO 8601 dates or epoch seconds, as IAM accepts.
    static func date(_ text: String) -> Double? {
        if let epoch = Double(text) { return epoch }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)?.timeIntervalSince1970
    }
}

/// IAM's wildcards: `*` any run of characters, `?` exactly one.
enum Wildcard {
    static func matches(pattern: String, _ text: String, caseInsensitive: Bool) -> Bool {
        let p = Array(caseInsensitive ? pattern.lowercased() : pattern)
        let t = Array(caseInsensitive ? text.lowercased() : text)
        var pi = 0, ti = 0
        var star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                pi += 1
                ti += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

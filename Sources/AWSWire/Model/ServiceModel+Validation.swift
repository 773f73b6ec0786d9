import Foundation

extension ServiceModel {
    /// Checks an operation's input against the model as AWS does before running it.
    ///
    /// Returns nil when the input is valid; `UnknownOperationException` for an operation the
    /// model lacks; `SerializationException` when a value has the wrong JSON type (AWS fails to
    /// deserialize before it validates); otherwise one error with this service's
    /// `validationErrorCode` listing every violation in AWS's words:
    /// `2 validation errors detected: Value '301' at 'expiresInSeconds' failed to satisfy
    /// constraint: Member must have value less than or equal to 300; Value null at 'domainId'
    /// failed to satisfy constraint: Member must not be null`.
    /// Members the model does not know are ignored, as AWS ignores them.
    public func validate(operation name: String, input: JSONValue) -> AWSError? {
        guard let op = operations[name] else { return .unknownOperation(name) }
        guard case .object = input else { return .serialization("The request body must be a JSON object") }
        guard let inputShape = op.input else { return nil }
        var walker = ValidationWalker(model: self)
        do {
            try walker.structure(input, shapes[inputShape]!, path: "")
        } catch {
            return error
        }
        guard !walker.violations.isEmpty else { return nil }
        let count = walker.violations.count
        let noun = count == 1 ? "validation error" : "validation errors"
        return AWSError(
            code: validationErrorCode,
            message: "\(count) \(noun) detected: " + walker.violations.joined(separator: "; ")
        )
    }

    /// `validate(operation:input:)` for a parsed body's members.
    public func validate(operation name: String, input: [String: JSONValue]) -> AWSError? {
        validate(operation: name, input: .object(input))
    }
}

/// Walks one input value against its shapes, collecting AWS-worded violations. Recursion follows
/// the value, whose depth the parser has already bounded.
struct ValidationWalker {
    typealias Shape = ServiceModel.Shape
    let model: ServiceModel
    var violations: [String] = []

    private func shape(_ name: String) -> Shape { model.shapes[name]! }

    /// AWS's member path element: the member name with its first letter lower-cased.
    static func pathElement(_ member: String) -> String {
        guard let first = member.first else { return member }
        return first.lowercased() + member.dropFirst()
    }

    private static func join(_ path: String, _ element: String) -> String {
        path.isEmpty ? element : path + "." + element
    }

    /// Depth of sensitive shapes enclosing the value being checked: members of a sensitive
    /// structure (Cognito's `UserContextDataType`) are as secret as the structure.
    var sensitiveDepth = 0
    var depth = 0

    private mutating func report(_ value: JSONValue?, _ shape: Shape, _ path: String, _ constraint: String) {
        let shown: String
        if value == nil {
            shown = "Value null at"
        } else if shape.sensitive || sensitiveDepth > 0 || shape.kind == .structure || shape.kind == .map
            || (shape.kind == .list && model.shapes[shape.member!]!.sensitive)
        {
            shown = "Value at"
        } else {
            shown = "Value '\(Self.render(value!))' at"
        }
        violations.append("\(shown) '\(path)' failed to satisfy constraint: \(constraint)")
    }

    /// How AWS (Java's `toString`) prints a value: strings bare, lists as `[a, b]`.
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return JSONValue.formatNumber(n)
        case .string(let s): return s
        case .array(let a): return "[" + a.map(render).joined(separator: ", ") + "]"
        case .object(let o):
            return "{" + o.keys.sorted().map { "\($0)=\(render(o[$0]!))" }.joined(separator: ", ") + "}"
        }
    }

    private static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "list"
        case .object: return "structure"
        }
    }

    private func typeError(_ value: JSONValue, _ expected: String, _ path: String) -> AWSError {
        .serialization("Expected \(expected) at '\(path.isEmpty ? "input" : path)' but found \(Self.typeName(value))")
    }

    mutating func structure(_ value: JSONValue, _ shape: Shape, path: String) throws(AWSError) {
        if shape.isDocument { return }
        guard case .object(let members) = value else { throw typeError(value, "a structure", path) }
        for name in shape.memberNames {
            let memberPath = Self.join(path, Self.pathElement(name))
            let target = self.shape(shape.members[name]!)
            guard let memberValue = members[name], memberValue != .null else {
                if shape.required.contains(name) {
                    report(nil, target, memberPath, "Member must not be null")
                }
                continue
            }
            try check(memberValue, target, path: memberPath)
        }
    }

    /// Checks a present, non-null value: its own constraints, then whatever it contains.
    mutating func check(_ value: JSONValue, _ shape: Shape, path: String) throws(AWSError) {
        // Parsed bodies are at most 64 deep, but a JSONValue built another way is not; the walk
        // recurses with the value, so it carries its own bound.
        depth += 1
        defer { depth -= 1 }
        if depth > JSONParser.maxDepth {
            throw AWSError.serialization("Input nested deeper than \(JSONParser.maxDepth) levels at '\(path)'")
        }
        if shape.sensitive { sensitiveDepth += 1 }
        defer { if shape.sensitive { sensitiveDepth -= 1 } }
        switch shape.kind {
        case .structure:
            try structure(value, shape, path: path)
        case .list:
            guard case .array(let elements) = value else { throw typeError(value, "a list", path) }
            for c in sizeConstraints(Double(elements.count), shape) { report(value, shape, path, c) }
            let element = self.shape(shape.member!)
            if element.kind == .structure || element.kind == .list || element.kind == .map {
                for (i, e) in elements.enumerated() where e != .null {
                    try check(e, element, path: path + ".\(i + 1).member")
                }
            } else {
                var failed: [String] = []
                for e in elements {
                    for c in try scalarConstraints(e, element, path: path) where !failed.contains(c) {
                        failed.append(c)
                    }
                }
                if !failed.isEmpty {
                    report(value, shape, path, "Member must satisfy constraint: [\(failed.joined(separator: ", "))]")
                }
            }
        case .map:
            guard case .object(let entries) = value else { throw typeError(value, "a map", path) }
            for c in sizeConstraints(Double(entries.count), shape) { report(value, shape, path, c) }
            let keyShape = self.shape(shape.key!)
            let valueShape = self.shape(shape.value!)
            var keyFailures: [String] = []
            var valueFailures: [String] = []
            for key in entries.keys.sorted() {
                for c in try scalarConstraints(.string(key), keyShape, path: path) where !keyFailures.contains(c) {
                    keyFailures.append(c)
                }
                let v = entries[key]!
                if v == .null { continue }
                if valueShape.kind == .structure || valueShape.kind == .list || valueShape.kind == .map {
                    try check(v, valueShape, path: path + ".\(key)")
                } else {
                    for c in try scalarConstraints(v, valueShape, path: path) where !valueFailures.contains(c) {
                        valueFailures.append(c)
                    }
                }
            }
            if !keyFailures.isEmpty {
                report(value, shape, path, "Map keys must satisfy constraint: [\(keyFailures.joined(separator: ", "))]")
            }
            if !valueFailures.isEmpty {
                report(
                    value,
                    shape,
                    path,
                    "Map value must satisfy constraint: [\(valueFailures.joined(separator: ", "))]"
                )
            }
        default:
            for c in try scalarConstraints(value, shape, path: path) { report(value, shape, path, c) }
        }
    }

    private func sizeConstraints(_ size: Double, _ shape: Shape) -> [String] {
        var out: [String] = []
        if let min = shape.min, size < min {
            out.append("Member must have length greater than or equal to \(Int(min))")
        }
        if let max = shape.max, size > max { out.append("Member must have length less than or equal to \(Int(max))") }
        return out
    }

    private func rangeConstraints(_ n: Double, _ shape: Shape) -> [String] {
        var out: [String] = []
        if let min = shape.min, n < min {
            out.append("Member must have value greater than or equal to \(JSONValue.formatNumber(min))")
        }
        if let max = shape.max, n > max {
            out.append("Member must have value less than or equal to \(JSONValue.formatNumber(max))")
        }
        return out
    }

    /// The constraints a scalar value breaks, in AWS's words; throws on a wrong JSON type.
    func scalarConstraints(_ value: JSONValue, _ shape: Shape, path: String) throws(AWSError) -> [String] {
        switch shape.kind {
        case .string:
            guard case .string(let s) = value else { throw typeError(value, "a string", path) }
            // Smithy's length trait counts Unicode scalar values, not UTF-16 units or bytes.
            var out = sizeConstraints(Double(s.unicodeScalars.count), shape)
            if let pattern = shape.pattern, !model.patterns.matches(s, pattern: pattern) {
                out.append("Member must satisfy regular expression pattern: \(pattern)")
            }
            if let allowed = shape.enumValues, !allowed.isEmpty, !allowed.contains(s) {
                out.append("Member must satisfy enum value set: [\(allowed.joined(separator: ", "))]")
            }
            return out
        case .integer, .long:
            guard case .number(let n) = value, n.rounded(.towardZero) == n else {
                throw typeError(value, "an integer", path)
            }
            let limit = shape.kind == .integer ? Double(Int32.max) : 9.223372036854775807e18
            guard n <= limit, n >= -limit - 1 else {
                throw AWSError.serialization(
                    "Numeric value (\(JSONValue.formatNumber(n))) out of range at '\(path)'"
                )
            }
            return rangeConstraints(n, shape)
        case .double, .float:
            guard case .number(let n) = value else { throw typeError(value, "a number", path) }
            return rangeConstraints(n, shape)
        case .boolean:
            guard case .bool = value else { throw typeError(value, "a boolean", path) }
            return []
        case .timestamp:
            // AWS JSON 1.1 sends timestamps as epoch seconds (botocore's default for this protocol).
            guard case .number = value else { throw typeError(value, "a timestamp (epoch seconds)", path) }
            return []
        case .blob:
            guard case .string(let s) = value, let data = Data(base64Encoded: s) else {
                throw typeError(value, "a base64-encoded blob", path)
            }
            return sizeConstraints(Double(data.count), shape)
        case .structure, .list, .map:
            // Reached only for a list's or map's element; check() handles these shapes.
            return []
        }
    }
}

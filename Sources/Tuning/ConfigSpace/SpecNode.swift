import Foundation
import Yams

/// A parsed YAML or JSON document with mapping order preserved (config-space order matters).
indirect enum SpecNode: Sendable {
    case scalar(ParamValue)
    case null
    case sequence([SpecNode])
    case mapping([(String, SpecNode)])

    /// Parses YAML (JSON is a subset). Throws naming the line of a syntax error.
    static func parse(_ text: String) throws(TuningError) -> SpecNode {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch { throw TuningError("spec is not valid YAML/JSON: \(error)") }
        guard let node else { return .mapping([]) }
        return try convert(node, key: "")
    }

    private static func convert(_ node: Node, key: String) throws(TuningError) -> SpecNode {
        switch node {
        case .scalar:
            let any = node.any
            if any is NSNull { return .null }
            return .scalar(try ParamValue.from(any, key: key))
        case .sequence(let sequence):
            var items: [SpecNode] = []
            for (index, item) in sequence.enumerated() { items.append(try convert(item, key: "\(key)[\(index)]")) }
            return .sequence(items)
        case .mapping(let mapping):
            var pairs: [(String, SpecNode)] = []
            for (keyNode, value) in mapping {
                guard let name = keyNode.string else { throw .invalid(key, "mapping keys must be strings") }
                pairs.append((name, try convert(value, key: key.isEmpty ? name : "\(key).\(name)")))
            }
            return .mapping(pairs)
        case .alias:
            throw .invalid(key, "YAML aliases are not supported")
        }
    }

    var mapping: [(String, SpecNode)]? { if case .mapping(let pairs) = self { return pairs } else { return nil } }
    var sequence: [SpecNode]? { if case .sequence(let items) = self { return items } else { return nil } }
    var value: ParamValue? { if case .scalar(let value) = self { return value } else { return nil } }

    subscript(key: String) -> SpecNode? { mapping?.first { $0.0 == key }?.1 }

    func double(_ key: String) throws(TuningError) -> Double {
        guard let number = value?.number, case .scalar(let v) = self, !isString(v) else {
            throw .invalid(key, "expected a number")
        }
        return number
    }

    func int(_ key: String) throws(TuningError) -> Int {
        guard case .scalar(.int(let number)) = self else { throw .invalid(key, "expected an integer") }
        return number
    }

    func string(_ key: String) throws(TuningError) -> String {
        guard case .scalar(let value) = self else { throw .invalid(key, "expected a string") }
        return value.description
    }
}

private func isString(_ value: ParamValue) -> Bool { if case .string = value { return true } else { return false } }

/// Parses the subset of Java's regular-expression syntax that botocore's models use into a tree.
///
/// Supported: literals and escaped punctuation, `\t \n \r \f \xHH \uHHHH`, `.`, classes with
/// ranges and negation, `\d \D \w \W \s \S` (ASCII, as in Java), `\p{X}`/`\P{X}` for the major
/// general categories, groups `( )` and `(?: )`, `|`, greedy `* + ? {m} {m,} {m,n}`, `^ $`, and
/// a leading `(?s)`. Anything else — lookaround, back references, possessive or lazy quantifiers,
/// nested classes or `&&` — is `nil`, and the caller keeps using ICU for that pattern.
struct PatternParser {
    indirect enum Node {
        case empty
        case set(ScalarSet)
        case concat([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int?)
        case lineStart
        case lineEnd
    }

    /// Raised for syntax outside the subset; never escapes `parse`.
    private struct Unsupported: Error {}

    private let scalars: [Unicode.Scalar]
    private var i = 0
    private var dotAll = false

    private init(_ pattern: String) { scalars = Array(pattern.unicodeScalars) }

    /// The tree for `pattern`, or nil when it uses syntax outside the subset.
    static func parse(_ pattern: String) -> Node? {
        var parser = PatternParser(pattern)
        if parser.scalars.starts(with: "(?s)".unicodeScalars) {
            parser.dotAll = true
            parser.i = 4
        }
        guard let node = try? parser.alternation(), parser.i == parser.scalars.count else { return nil }
        return node
    }

    private var peek: Unicode.Scalar? { i < scalars.count ? scalars[i] : nil }

    private mutating func next() throws(Unsupported) -> Unicode.Scalar {
        guard i < scalars.count else { throw Unsupported() }
        defer { i += 1 }
        return scalars[i]
    }

    private mutating func alternation() throws(Unsupported) -> Node {
        var branches = [try concatenation()]
        while peek == "|" {
            i += 1
            branches.append(try concatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func concatenation() throws(Unsupported) -> Node {
        var parts: [Node] = []
        while let c = peek, c != "|", c != ")" {
            var atom = try self.atom()
            if let (min, max) = try quantifier() {
                if case .lineStart = atom { throw Unsupported() }
                if case .lineEnd = atom { throw Unsupported() }
                atom = .repetition(atom, min: min, max: max)
                // A second quantifier (`+?` lazy, `++` possessive, `a**`) is outside the subset.
                if let c = peek, "*+?{".unicodeScalars.contains(c) { throw Unsupported() }
            }
            parts.append(atom)
        }
        switch parts.count {
        case 0: return .empty
        case 1: return parts[0]
        default: return .concat(parts)
        }
    }

    private mutating func quantifier() throws(Unsupported) -> (Int, Int?)? {
        switch peek {
        case "*": i += 1; return (0, nil)
        case "+": i += 1; return (1, nil)
        case "?": i += 1; return (0, 1)
        case "{":
            i += 1
            let min = try number()
            var max: Int? = min
            if peek == "," {
                i += 1
                max = peek == "}" ? nil : try number()
            }
            guard try next() == "}" else { throw Unsupported() }
            if let max, max < min { throw Unsupported() }
            return (min, max)
        default: return nil
        }
    }

    private mutating func number() throws(Unsupported) -> Int {
        var value = 0
        var digits = 0
        while let c = peek, ("0"..."9").contains(c), digits < 6 {
            value = value * 10 + Int(c.value - 0x30)
            digits += 1
            i += 1
        }
        guard digits > 0, digits < 6 else { throw Unsupported() }
        return value
    }

    private mutating func atom() throws(Unsupported) -> Node {
        let c = try next()
        switch c {
        case "(":
            if peek == "?" {
                // Only the non-capturing group; lookaround and inline flags fall back to ICU.
                guard i + 1 < scalars.count, scalars[i + 1] == ":" else { throw Unsupported() }
                i += 2
            }
            let inner = try alternation()
            guard try next() == ")" else { throw Unsupported() }
            return inner
        case "[": return .set(try characterClass())
        case ".": return .set(ScalarSet.dot(dotAll: dotAll))
        case "^": return .lineStart
        case "$": return .lineEnd
        case "\\":
            switch try escape() {
            case .scalar(let s): return .set(ScalarSet(literal: s))
            case .items(let items): return .set(ScalarSet(items))
            }
        case "*", "+", "?", "{", ")", "]", "}": throw Unsupported()
        default: return .set(ScalarSet(literal: c))
        }
    }

    private enum Escape {
        case scalar(Unicode.Scalar)
        case items([ScalarSet.Item])
    }

    /// The escape after a `\`, inside or outside a class.
    private mutating func escape() throws(Unsupported) -> Escape {
        let c = try next()
        switch c {
        case "d": return .items(ScalarSet.digit)
        case "D": return .items([.complement(ScalarSet.digit)])
        case "w": return .items(ScalarSet.word)
        case "W": return .items([.complement(ScalarSet.word)])
        case "s": return .items(ScalarSet.space)
        case "S": return .items([.complement(ScalarSet.space)])
        case "p", "P":
            var name = ""
            if peek == "{" {
                i += 1
                while let n = peek, n != "}" {
                    name.unicodeScalars.append(n)
                    i += 1
                }
                guard try next() == "}" else { throw Unsupported() }
            } else {
                name.unicodeScalars.append(try next())
            }
            guard let mask = ScalarSet.CategoryMask(name: name) else { throw Unsupported() }
            return .items(c == "p" ? [.categories(mask)] : [.complement([.categories(mask)])])
        case "t": return .scalar("\t")
        case "n": return .scalar("\n")
        case "r": return .scalar("\r")
        case "f": return .scalar("\u{0C}")
        case "x": return .scalar(try hex(digits: 2))
        case "u": return .scalar(try hex(digits: 4))
        default:
            // Java lets any non-letter, non-digit be escaped to stand for itself; escaped letters
            // and digits have meanings (`\b`, `\Q`, `\1`) outside the subset.
            guard c.isASCII, !c.properties.isAlphabetic, !("0"..."9").contains(c) else { throw Unsupported() }
            return .scalar(c)
        }
    }

    private mutating func hex(digits: Int) throws(Unsupported) -> Unicode.Scalar {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let digit = hexValue(try next()) else { throw Unsupported() }
            value = value * 16 + digit
        }
        guard let s = Unicode.Scalar(value) else { throw Unsupported() }
        return s
    }

    private func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": return c.value - 0x30
        case "a"..."f": return c.value - 0x61 + 10
        case "A"..."F": return c.value - 0x41 + 10
        default: return nil
        }
    }

    /// A class after its `[`, through its `]`. Follows Java's range rule: `x-y` is a range unless
    /// the `-` is last; a `-` right after a range, or first, stands for itself.
    private mutating func characterClass() throws(Unsupported) -> ScalarSet {
        var negated = false
        if peek == "^" {
            negated = true
            i += 1
        }
        var items: [ScalarSet.Item] = []
        if peek == "]" { throw Unsupported() }
        while true {
            let c = try next()
            let low: Unicode.Scalar
            switch c {
            case "]":
                return ScalarSet(items, negated: negated)
            case "[":
                throw Unsupported()
            case "&" where peek == "&":
                throw Unsupported()
            case "\\":
                switch try escape() {
                case .items(let more):
                    items += more
                    continue
                case .scalar(let s):
                    low = s
                }
            default:
                low = c
            }
            if peek == "-", i + 1 < scalars.count, scalars[i + 1] != "]" {
                i += 1
                var high = try next()
                if high == "[" { throw Unsupported() }
                if high == "\\" {
                    guard case .scalar(let s) = try escape() else { throw Unsupported() }
                    high = s
                }
                guard high.value >= low.value else { throw Unsupported() }
                items.append(.range(low.value, high.value))
            } else {
                items.append(.range(low.value, low.value))
            }
        }
    }
}

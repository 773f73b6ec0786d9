import Foundation

/// Compiles botocore's patterns — Java regular expressions matched against the whole value —
/// with ICU (`NSRegularExpression`).
///
/// ICU and Java agree on almost all syntax (`\p{L}`, possessive quantifiers, lookaround, `\Q…\E`).
/// The difference that matters is that Java's `\d`, `\w` and `\s` are ASCII-only while ICU's
/// are Unicode-aware, so a pattern such as `[\w-]+_[0-9a-zA-Z]+` would otherwise accept
/// `ü_1`, which AWS rejects. Those escapes are rewritten to explicit ASCII classes. Likewise ICU's
/// `.` also refuses `\x0B` and `\x0C`, which Java's matches: `.` becomes Java's class of
/// non-terminators unless the pattern opens with `(?s)`.
///
/// Patterns within `PatternParser`'s subset are matched by `PatternMatcher` instead; ICU remains
/// the fallback (lookaround such as `(?!\s*$).+`) and the reference the matcher is tested against.
enum JavaPattern {
    private static let javaDot = "[^\\n\\r\\u0085\\u2028\\u2029]"

    private static let classes: [Character: (positive: String, negated: Bool)] = [
        "d": ("0-9", false), "D": ("0-9", true),
        "w": ("a-zA-Z_0-9", false), "W": ("a-zA-Z_0-9", true),
        "s": (" \\t\\n\\x0B\\f\\r", false), "S": (" \\t\\n\\x0B\\f\\r", true),
    ]

    /// The ICU form of a Java pattern, anchored at both ends as Java's `matches()` is.
    static func translate(_ java: String) -> String {
        var out = ""
        var inClass = 0
        var iterator = Array(java).makeIterator()
        var inQuote = false
        let dotAll = java.hasPrefix("(?s)")
        while let c = iterator.next() {
            if inQuote {
                out.append(c)
                if c == "\\", let next = iterator.next() {
                    out.append(next)
                    if next == "E" { inQuote = false }
                }
                continue
            }
            switch c {
            case "\\":
                guard let next = iterator.next() else {
                    out.append(c)
                    continue
                }
                if next == "Q" {
                    inQuote = true
                    out.append("\\Q")
                } else if let cls = classes[next] {
                    if inClass > 0 {
                        // ICU allows nested sets inside a class: [x[^0-9]] is a union.
                        out.append(cls.negated ? "[^\(cls.positive)]" : cls.positive)
                    } else {
                        out.append(cls.negated ? "[^\(cls.positive)]" : "[\(cls.positive)]")
                    }
                } else {
                    out.append(c)
                    out.append(next)
                }
            case "[":
                inClass += 1
                out.append(c)
            case "]" where inClass > 0:
                inClass -= 1
                out.append(c)
            case "." where inClass == 0 && !dotAll:
                out.append(javaDot)
            default:
                out.append(c)
            }
        }
        return "\\A(?:" + out + ")\\z"
    }

    /// The compiled regular expression, or nil when ICU rejects the translation.
    static func compile(_ java: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: translate(java), options: [])
    }
}

/// The compiled patterns of one model, built once at load time and never mutated afterwards.
/// `NSRegularExpression` is immutable and documented as safe to share between threads, which is
/// what makes the `@unchecked Sendable` sound.
final class CompiledPatterns: @unchecked Sendable {
    enum Compiled {
        case native(PatternMatcher)
        case icu(NSRegularExpression)
    }

    private let compiled: [String: Compiled]

    init(_ patterns: some Sequence<(shape: String, pattern: String)>) throws(AWSError) {
        var compiled: [String: Compiled] = [:]
        for (shape, pattern) in patterns where compiled[pattern] == nil {
            if let matcher = PatternMatcher(pattern) {
                compiled[pattern] = .native(matcher)
                continue
            }
            guard let regex = JavaPattern.compile(pattern) else {
                throw AWSError(
                    code: "InternalFailure",
                    message: "Service model shape '\(shape)': pattern '\(pattern)' does not compile",
                    status: 500
                )
            }
            compiled[pattern] = .icu(regex)
        }
        self.compiled = compiled
    }

    /// How `pattern` was compiled; nil when the model has no such pattern.
    func engine(for pattern: String) -> Compiled? { compiled[pattern] }

    /// Whether the whole of `value` matches `pattern` (which must have been compiled at load).
    func matches(_ value: String, pattern: String) -> Bool {
        switch compiled[pattern] {
        case .native(let matcher): return matcher.matches(value)
        case .icu(let regex): return JavaPattern.matches(regex, value)
        case nil: return false
        }
    }
}

extension JavaPattern {
    /// Whether ICU's compiled translation matches the whole of `value`.
    static func matches(_ regex: NSRegularExpression, _ value: String) -> Bool {
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        return regex.firstMatch(in: value, options: [], range: range) != nil
    }
}

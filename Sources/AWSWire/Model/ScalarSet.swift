/// One character class of a Java pattern (`[\w-]`, `\p{L}`, `.`, a literal), tested on a Unicode
/// scalar.
///
/// Java's Pattern matches code points, not UTF-16 units, for everything the botocore models use
/// (classes, `.`, counted repetition), so testing scalars gives Java's answers. Membership of the
/// 128 ASCII scalars — almost every value AWS clients send — is a precomputed bitmap; other
/// scalars walk the items.
struct ScalarSet: Sendable {
    /// A member of a class: a range of scalar values, general categories (`\p{L}` and friends),
    /// or the complement of other items (`\S` inside `[…]`, `\P{Z}`).
    indirect enum Item: Sendable {
        case range(UInt32, UInt32)
        case categories(CategoryMask)
        case complement([Item])

        func contains(_ s: Unicode.Scalar) -> Bool {
            switch self {
            case .range(let lo, let hi): return s.value >= lo && s.value <= hi
            case .categories(let mask): return mask.contains(CategoryMask(s.properties.generalCategory))
            case .complement(let items): return !items.contains { $0.contains(s) }
            }
        }
    }

    /// Unicode's major general categories as Java's `\p{X}` names them.
    struct CategoryMask: OptionSet, Sendable {
        let rawValue: UInt8
        static let letter = Self(rawValue: 1)
        static let mark = Self(rawValue: 2)
        static let number = Self(rawValue: 4)
        static let punctuation = Self(rawValue: 8)
        static let symbol = Self(rawValue: 16)
        static let separator = Self(rawValue: 32)
        static let other = Self(rawValue: 64)

        init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The `\p{…}` family for a one-letter name (`L`, `M`, `N`, `P`, `S`, `Z`, `C`).
        init?(name: String) {
            switch name {
            case "L": self = .letter
            case "M": self = .mark
            case "N": self = .number
            case "P": self = .punctuation
            case "S": self = .symbol
            case "Z": self = .separator
            case "C": self = .other
            default: return nil
            }
        }

        init(_ category: Unicode.GeneralCategory) {
            switch category {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
                self = .letter
            case .nonspacingMark, .spacingMark, .enclosingMark:
                self = .mark
            case .decimalNumber, .letterNumber, .otherNumber:
                self = .number
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                .initialPunctuation, .finalPunctuation, .otherPunctuation:
                self = .punctuation
            case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
                self = .symbol
            case .spaceSeparator, .lineSeparator, .paragraphSeparator:
                self = .separator
            default:
                self = .other
            }
        }
    }

    /// The members; read by tests that generate values from a pattern.
    let items: [Item]
    let negated: Bool
    /// Membership of scalars 0..<64 and 64..<128, one bit each.
    let asciiLow: UInt64
    let asciiHigh: UInt64

    init(_ items: [Item], negated: Bool = false) {
        self.items = items
        self.negated = negated
        var low: UInt64 = 0
        var high: UInt64 = 0
        for v in 0..<128 {
            let s = Unicode.Scalar(UInt8(v))
            guard negated != items.contains(where: { $0.contains(s) }) else { continue }
            if v < 64 { low |= 1 << UInt64(v) } else { high |= 1 << UInt64(v - 64) }
        }
        asciiLow = low
        asciiHigh = high
    }

    /// One scalar value.
    init(literal: Unicode.Scalar) { self.init([.range(literal.value, literal.value)]) }

    @inline(__always) func contains(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 64 { return asciiLow & (1 << UInt64(v)) != 0 }
        if v < 128 { return asciiHigh & (1 << UInt64(v - 64)) != 0 }
        return containsNonASCII(s)
    }

    /// Kept out of line: the category lookup's frame is costly, and ASCII never needs it.
    @inline(never) func containsNonASCII(_ s: Unicode.Scalar) -> Bool {
        negated != items.contains { $0.contains(s) }
    }

    // Java's predefined classes are ASCII-only unless UNICODE_CHARACTER_CLASS is set.
    static let digit: [Item] = [.range(0x30, 0x39)]
    static let word: [Item] = [.range(0x61, 0x7A), .range(0x41, 0x5A), .range(0x5F, 0x5F), .range(0x30, 0x39)]
    static let space: [Item] = [.range(0x20, 0x20), .range(0x09, 0x0D)]

    /// Java's line terminators: `.` does not match them without DOTALL, and `$` may match before
    /// a final one.
    static func isLineTerminator(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `.`: any scalar, or any but a line terminator.
    static func dot(dotAll: Bool) -> ScalarSet {
        if dotAll { return ScalarSet([.range(0, 0x10FFFF)]) }
        return ScalarSet(
            [.range(0x0A, 0x0A), .range(0x0D, 0x0D), .range(0x85, 0x85), .range(0x2028, 0x2029)],
            negated: true
        )
    }
}

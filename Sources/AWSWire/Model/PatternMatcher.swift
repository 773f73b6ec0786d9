/// A compiled Java pattern that answers Java's `Matcher.matches()` (the whole value matches)
/// without ICU.
///
/// Validation only asks whether a value matches, never where or with what groups, and for
/// patterns without lookaround or back references that answer does not depend on greedy or lazy
/// choices. So the pattern becomes a Thompson NFA run over the value's scalars with one state set
/// per position (Pike's VM without captures): time is linear in the value, where a backtracking
/// engine — ICU included — goes exponential on `([a-z]+/?){3,1016}` and a long value that fails.
final class PatternMatcher: Sendable {
    private enum Op: UInt8 {
        case consume, split, jump, lineStart, lineEnd, match
    }

    private struct Instruction {
        var op: Op
        /// `consume`: index into `sets`; `split`, `jump`: target.
        var x: Int32
        /// `split`: second target.
        var y: Int32
        /// `consume`: the set's ASCII bitmaps, so that ASCII scalars need no other memory.
        var asciiLow: UInt64 = 0
        var asciiHigh: UInt64 = 0

        @inline(__always) func consumes(_ s: Unicode.Scalar, _ sets: UnsafeBufferPointer<ScalarSet>) -> Bool {
            let v = s.value
            if v < 64 { return asciiLow & (1 << UInt64(v)) != 0 }
            if v < 128 { return asciiHigh & (1 << UInt64(v - 64)) != 0 }
            return sets[Int(x)].containsNonASCII(s)
        }
    }

    /// Programs longer than this (counted repetition copies its body) stay with ICU.
    static let maxInstructions = 50_000

    private let program: [Instruction]
    private let sets: [ScalarSet]
    private let hasLineEnd: Bool
    /// `X`, `X*`, `X{m,n}`: a single class repeated, matched by one counting loop.
    private let single: (set: ScalarSet, min: Int, max: Int?)?

    /// Compiles `pattern`; nil when it uses syntax the parser does not support.
    init?(_ pattern: String) {
        guard let tree = PatternParser.parse(pattern) else { return nil }
        var emitter = Emitter()
        guard emitter.emit(tree) else { return nil }
        emitter.program.append(Instruction(op: .match, x: 0, y: 0))
        guard emitter.program.count <= Self.maxInstructions else { return nil }
        program = emitter.program
        sets = emitter.sets
        hasLineEnd = emitter.program.contains { $0.op == .lineEnd }
        switch tree {
        case .set(let set): single = (set, 1, 1)
        case .repetition(.set(let set), let min, let max): single = (set, min, max)
        default: single = nil
        }
    }

    private struct Emitter {
        var program: [Instruction] = []
        var sets: [ScalarSet] = []

        var here: Int32 { Int32(program.count) }

        /// Appends the code for `node`; false once the program grows past the limit.
        mutating func emit(_ node: PatternParser.Node) -> Bool {
            guard program.count <= PatternMatcher.maxInstructions else { return false }
            switch node {
            case .empty:
                return true
            case .set(let set):
                sets.append(set)
                program.append(
                    Instruction(
                        op: .consume, x: Int32(sets.count - 1), y: 0, asciiLow: set.asciiLow, asciiHigh: set.asciiHigh)
                )
                return true
            case .lineStart:
                program.append(Instruction(op: .lineStart, x: 0, y: 0))
                return true
            case .lineEnd:
                program.append(Instruction(op: .lineEnd, x: 0, y: 0))
                return true
            case .concat(let parts):
                return parts.allSatisfy { emit($0) }
            case .alternation(let branches):
                var exits: [Int] = []
                for (n, branch) in branches.enumerated() {
                    if n == branches.count - 1 {
                        guard emit(branch) else { return false }
                    } else {
                        let split = program.count
                        program.append(Instruction(op: .split, x: here + 1, y: 0))
                        guard emit(branch) else { return false }
                        exits.append(program.count)
                        program.append(Instruction(op: .jump, x: 0, y: 0))
                        program[split].y = here
                    }
                }
                for e in exits { program[e].x = here }
                return true
            case .repetition(let body, let min, let max):
                for _ in 0..<min {
                    guard emit(body) else { return false }
                }
                guard let max else {
                    // An empty-matching body loops back without consuming; the per-position
                    // state set stops that loop.
                    let loop = program.count
                    program.append(Instruction(op: .split, x: here + 1, y: 0))
                    guard emit(body) else { return false }
                    program.append(Instruction(op: .jump, x: Int32(loop), y: 0))
                    program[loop].y = here
                    return true
                }
                var skips: [Int] = []
                for _ in min..<max {
                    skips.append(program.count)
                    program.append(Instruction(op: .split, x: here + 1, y: 0))
                    guard emit(body) else { return false }
                }
                for s in skips { program[s].y = here }
                return true
            }
        }
    }

    /// Whether the whole of `value` matches, as Java's `Pattern.matches` answers.
    func matches(_ value: String) -> Bool {
        if let single { return Self.matchesSingle(value, single.set, min: single.min, max: single.max) }
        return program.withUnsafeBufferPointer { program in
            sets.withUnsafeBufferPointer { sets in run(value, program, sets) }
        }
    }

    private func run(
        _ value: String, _ program: UnsafeBufferPointer<Instruction>, _ sets: UnsafeBufferPointer<ScalarSet>
    ) -> Bool {
        let n = program.count
        let hasLineEnd = self.hasLineEnd
        // Four arrays of n: state marks, current and next state lists, and the closure stack.
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 4 * n) { buffer in
            let base = buffer.baseAddress!
            let marks = base
            var current = base + n
            var next = base + 2 * n
            let stack = base + 3 * n
            marks.initialize(repeating: -1, count: n)
            var currentCount = 0
            var nextCount = 0
            var generation: Int32 = 0

            /// Adds `start` and every state reachable from it without consuming to `next`.
            func addClosure(_ start: Int32, atStart: Bool, atEnd: Bool) {
                var top = 0
                if marks[Int(start)] != generation {
                    marks[Int(start)] = generation
                    stack[0] = start
                    top = 1
                }
                while top > 0 {
                    top -= 1
                    let pc = stack[top]
                    let instruction = program[Int(pc)]
                    var follow: Int32 = -1
                    switch instruction.op {
                    case .consume, .match:
                        next[nextCount] = pc
                        nextCount += 1
                    case .jump: follow = instruction.x
                    case .split:
                        follow = instruction.x
                        if marks[Int(instruction.y)] != generation {
                            marks[Int(instruction.y)] = generation
                            stack[top] = instruction.y
                            top += 1
                        }
                    case .lineStart: if atStart { follow = pc + 1 }
                    case .lineEnd: if atEnd { follow = pc + 1 }
                    }
                    if follow >= 0, marks[Int(follow)] != generation {
                        marks[Int(follow)] = generation
                        stack[top] = follow
                        top += 1
                    }
                }
            }

            var iterator = value.unicodeScalars.makeIterator()
            addClosure(0, atStart: true, atEnd: hasLineEnd && Self.dollarMatches(after: nil, rest: iterator))
            swap(&current, &next)
            currentCount = nextCount
            while let c = iterator.next() {
                if currentCount == 0 { return false }
                generation += 1
                nextCount = 0
                let atEnd = hasLineEnd && Self.dollarMatches(after: c, rest: iterator)
                for k in 0..<currentCount {
                    let pc = current[k]
                    let instruction = program[Int(pc)]
                    if instruction.op == .consume, instruction.consumes(c, sets) {
                        addClosure(pc + 1, atStart: false, atEnd: atEnd)
                    }
                }
                swap(&current, &next)
                currentCount = nextCount
            }
            for k in 0..<currentCount where program[Int(current[k])].op == .match { return true }
            return false
        }
    }

    private static func matchesSingle(_ value: String, _ set: ScalarSet, min: Int, max: Int?) -> Bool {
        var count = 0
        for s in value.unicodeScalars {
            guard set.contains(s) else { return false }
            count += 1
        }
        return count >= min && count <= (max ?? Int.max)
    }

    /// Java's `$` without MULTILINE: at the end, or before a final line terminator (but not
    /// between the `\r` and `\n` of a final `\r\n`).
    private static func dollarMatches(after previous: Unicode.Scalar?, rest: String.UnicodeScalarView.Iterator)
        -> Bool
    {
        var rest = rest
        guard let first = rest.next() else { return true }
        guard let second = rest.next() else {
            return ScalarSet.isLineTerminator(first) && !(first == "\n" && previous == "\r")
        }
        return first == "\r" && second == "\n" && rest.next() == nil
    }
}

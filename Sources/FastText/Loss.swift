import Foundation

/// fastText's `NegativeSamplingLoss`: logistic loss on the true target and `neg` targets drawn from the
/// unigram distribution raised to 0.5, with fastText's lookup tables for the sigmoid and the log.
final class NegativeSamplingLoss: @unchecked Sendable {
    static let negativeTableSize = 10_000_000
    static let sigmoidTableSize = 512
    static let maxSigmoid: Float = 8
    static let logTableSize = 512

    let neg: Int
    let negatives: UnsafeMutablePointer<Int32>
    let negativeCount: Int
    private let sigmoidTable: UnsafeMutablePointer<Float>
    private let logTable: UnsafeMutablePointer<Float>

    init(neg: Int, counts: [Int64]) {
        self.neg = neg
        var table: [Int32] = []
        let z = counts.reduce(0.0) { $0 + Double($1).squareRoot() }
        for (i, count) in counts.enumerated() {
            let c = Double(count).squareRoot()
            let copies = Int((c * Double(Self.negativeTableSize) / z).rounded(.up))
            table.append(contentsOf: repeatElement(Int32(i), count: copies))
        }
        negativeCount = table.count
        negatives = .allocate(capacity: max(1, table.count))
        negatives.initialize(from: table, count: table.count)

        sigmoidTable = .allocate(capacity: Self.sigmoidTableSize + 1)
        for i in 0...Self.sigmoidTableSize {
            let x = Double(i) * 2 * Double(Self.maxSigmoid) / Double(Self.sigmoidTableSize) - Double(Self.maxSigmoid)
            sigmoidTable[i] = Float(1 / (1 + exp(-x)))
        }
        logTable = .allocate(capacity: Self.logTableSize + 1)
        for i in 0...Self.logTableSize {
            let x = (Double(i) + 1e-5) / Double(Self.logTableSize)
            logTable[i] = Float(Foundation.log(x))
        }
    }

    deinit {
        negatives.deallocate()
        sigmoidTable.deallocate()
        logTable.deallocate()
    }

    @inline(__always)
    func sigmoid(_ x: Float) -> Float {
        if x < -Self.maxSigmoid { return 0 }
        if x > Self.maxSigmoid { return 1 }
        let i = Int((x + Self.maxSigmoid) * Float(Self.sigmoidTableSize) / Self.maxSigmoid / 2)
        return sigmoidTable[i]
    }

    @inline(__always)
    func log(_ x: Float) -> Float {
        if x > 1 { return 0 }
        return logTable[Int(x * Float(Self.logTableSize))]
    }

    @inline(__always)
    func negative(for target: Int32, rng: inout FastRandom) -> Int32 {
        while true {
            let candidate = negatives[rng.next(below: negativeCount)]
            if candidate != target { return candidate }
        }
    }

    /// Adds the gradient for `hidden` into `grad`, updates the output rows, and returns the loss.
    @inline(__always)
    func forward(
        target: Int32, hidden: UnsafeMutablePointer<Float>, grad: UnsafeMutablePointer<Float>,
        output: Matrix, lr: Float, rng: inout FastRandom
    ) -> Float {
        var loss = binaryLogistic(target, positive: true, hidden, grad, output, lr)
        for _ in 0..<neg {
            loss += binaryLogistic(negative(for: target, rng: &rng), positive: false, hidden, grad, output, lr)
        }
        return loss
    }

    @inline(__always)
    private func binaryLogistic(
        _ target: Int32, positive: Bool, _ hidden: UnsafeMutablePointer<Float>, _ grad: UnsafeMutablePointer<Float>,
        _ output: Matrix, _ lr: Float
    ) -> Float {
        let n = output.cols
        let row = output.rowPointer(Int(target))
        let score = sigmoid(Kernels.dot(hidden, row, n))
        let alpha = lr * ((positive ? 1 : 0) - score)
        Kernels.axpy(alpha, row, grad, n)
        Kernels.axpy(alpha, hidden, row, n)
        return positive ? -log(score) : -log(1 - score)
    }
}

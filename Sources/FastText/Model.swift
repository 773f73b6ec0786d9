/// fastText's `Model`: one gradient step for an input bag (a word's subwords, or the context's subwords
/// for cbow) against one target, on the shared input and output matrices.
struct Model: @unchecked Sendable {
    /// Per-thread scratch space and statistics (fastText's `Model::State`).
    struct State {
        let hidden: UnsafeMutablePointer<Float>
        let grad: UnsafeMutablePointer<Float>
        var rng: FastRandom
        var lossSum: Double = 0
        var examples: Int64 = 0

        init(dim: Int, seed: UInt64) {
            hidden = .allocate(capacity: dim)
            grad = .allocate(capacity: dim)
            rng = FastRandom(seed: seed)
        }

        func deallocate() {
            hidden.deallocate()
            grad.deallocate()
        }

        var averageLoss: Double { examples > 0 ? lossSum / Double(examples) : 0 }
    }

    let input: Matrix
    let output: Matrix
    let loss: NegativeSamplingLoss

    @inline(__always)
    func update(_ bag: UnsafeBufferPointer<Int32>, target: Int32, lr: Float, state: inout State) {
        guard !bag.isEmpty else { return }
        let n = input.cols
        state.hidden.update(repeating: 0, count: n)
        for id in bag { Kernels.add(input.rowPointer(Int(id)), state.hidden, n) }
        Kernels.scale(state.hidden, 1 / Float(bag.count), n)
        state.grad.update(repeating: 0, count: n)
        let value = loss.forward(
            target: target, hidden: state.hidden, grad: state.grad, output: output, lr: lr, rng: &state.rng)
        state.lossSum += Double(value)
        state.examples += 1
        for id in bag { Kernels.add(state.grad, input.rowPointer(Int(id)), n) }
    }
}

/// The primitives that autograd knows. Every other operation is a composition of these; each has exactly
/// one backward rule, in `Gradients.swift`.
enum Op {
    case add, sub, mul, div
    case addScalar, mulScalar(Float), powScalar(Float)
    case exp, log, tanh, sigmoid, relu, geluTanh, geluErf, sqrt
    case matmul(transposeA: Bool, transposeB: Bool)
    case expand, sumTo
    case max(axis: Int, indices: [Int32])
    case softmax(axis: Int), logSoftmax(axis: Int)
    case reshape, permute([Int])
    case concat(axis: Int), slice(axis: Int, start: Int)
    case embedding(indices: [Int32])
    case maskedFill(mask: [Bool])
    case lstmLayer(LSTMSaved)
}

/// One recorded operation: its inputs and, for rules that need it, its output's storage (not the output
/// tensor itself, which owns the node).
final class Node {
    let op: Op
    let inputs: [Tensor]
    let output: TensorStorage
    let outputShape: [Int]

    init(op: Op, inputs: [Tensor], output: Tensor) {
        self.op = op
        self.inputs = inputs
        self.output = output.storage
        self.outputShape = output.shape
    }

    /// The output's values as a graph-free tensor.
    var outputValue: Tensor { Tensor(shape: outputShape, storage: output) }
}

extension Tensor {
    /// Attaches `op` to `self` (a fresh result) when any input needs gradients.
    @discardableResult
    func recorded(_ op: @autoclosure () -> Op, _ inputs: [Tensor]) -> Tensor {
        if inputs.contains(where: { $0.requiresGrad }) {
            requiresGrad = true
            node = Node(op: op(), inputs: inputs, output: self)
        }
        return self
    }

    /// Reverse-mode differentiation from this tensor. Gradients accumulate into `grad` of leaf tensors that
    /// require them (call `zeroGrad` on the optimizer or set `grad = nil` between steps). The graph is
    /// released afterwards, as PyTorch does without `retain_graph`: intermediate tensors become constants,
    /// so with several losses over one forward pass, call `backward()` once on their sum.
    ///
    /// - Parameter gradient: d(objective)/d(self); defaults to 1 for a one-element tensor.
    public func backward(_ gradient: Tensor? = nil) {
        precondition(
            requiresGrad,
            "backward: this tensor does not require grad (no input requires grad, or an earlier backward() released its graph)"
        )
        precondition(gradient != nil || count == 1, "backward() without a gradient needs a scalar, shape is \(shape)")
        let seed = gradient ?? Tensor(repeating: 1, shape: shape)
        precondition(seed.shape == shape, "backward: gradient shape \(seed.shape) differs from tensor shape \(shape)")

        // Topological order by iterative depth-first search over nodes.
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (t, expanded) = stack.popLast() {
            if expanded {
                order.append(t)
                continue
            }
            guard visited.insert(ObjectIdentifier(t)).inserted else { continue }
            stack.append((t, true))
            for input in t.node?.inputs ?? [] where input.requiresGrad && !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }

        // Pending gradients. `owned` marks buffers this pass allocated and nothing else references, which
        // may be updated in place; others (rules may return views or their input) are copied on write.
        var grads: [ObjectIdentifier: (tensor: Tensor, owned: Bool)] = [ObjectIdentifier(self): (seed, false)]
        for t in order.reversed() {
            guard let g = grads.removeValue(forKey: ObjectIdentifier(t))?.tensor else { continue }
            guard let node = t.node else {
                if t.requiresGrad { t.accumulateGrad(g) }
                continue
            }
            if case .slice(let axis, let start) = node.op {
                // Accumulate straight into the input's gradient region: a full-size zero tensor per slice
                // would make stepping through a sequence quadratic.
                let input = node.inputs[0]
                let key = ObjectIdentifier(input)
                var buffer: Tensor
                if let (existing, owned) = grads[key] {
                    buffer = owned ? existing : existing.copy()
                } else {
                    buffer = Tensor(repeating: 0, shape: input.shape)
                }
                addIntoSlice(buffer, g, axis: axis, start: start)
                grads[key] = (buffer, true)
                t.release()
                continue
            }
            let inputGrads = gradients(node, g)
            for (input, ig) in zip(node.inputs, inputGrads) {
                guard input.requiresGrad, let ig else { continue }
                precondition(
                    ig.shape == input.shape,
                    "gradient shape \(ig.shape) for input \(input.shape) in \(node.op)"
                )
                let key = ObjectIdentifier(input)
                if let (existing, owned) = grads[key] {
                    if owned {
                        addInPlace(existing, ig)
                    } else {
                        grads[key] = (broadcastBinary(existing, ig, "grad", Add()), true)
                    }
                } else {
                    grads[key] = (ig, false)
                }
            }
            t.release()
        }
    }

    /// Drops the recorded operation after backward: the tensor is now a constant, so a second backward
    /// through it traps instead of silently doing nothing.
    private func release() {
        node = nil
        requiresGrad = false
    }

    func accumulateGrad(_ g: Tensor) {
        if let grad {
            addInPlace(grad, g)
        } else {
            grad = g.copy()
        }
    }
}

/// dst += src (same shape).
func addInPlace(_ dst: Tensor, _ src: Tensor) {
    precondition(dst.shape == src.shape, "addInPlace: shapes \(dst.shape) and \(src.shape) differ")
    let d = dst.data, s = src.data
    parallelFor(dst.count) { r in
        for i in r { d[i] += s[i] }
    }
}

/// dst[..., start..<start+n, ...] += src along `axis`.
func addIntoSlice(_ dst: Tensor, _ src: Tensor, axis: Int, start: Int) {
    let (outer, n, inner) = axisLayout(dst.shape, axis)
    let run = src.shape[axis] * inner
    let d = dst.data, s = src.data
    parallelFor(outer * run) { range in
        var i = range.lowerBound
        while i < range.upperBound {
            let o = i / run, k = i % run
            let count = Swift.min(run - k, range.upperBound - i)
            let dp = d + (o * n + start) * inner + k, sp = s + i
            for j in 0..<count { dp[j] += sp[j] }
            i += count
        }
    }
}

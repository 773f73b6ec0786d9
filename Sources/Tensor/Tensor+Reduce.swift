import Foundation

/// `shape` seen as `[outer, n, inner]` around `axis`, the layout every axis kernel walks.
func axisLayout(_ shape: [Int], _ axis: Int) -> (outer: Int, n: Int, inner: Int) {
    (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
}

extension Tensor {
    /// Sum over `axes` (all when nil), like `torch.sum(dim=, keepdim=)`.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axes = Set((axes ?? Array(0..<rank)).map(axis))
        let kept = shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
        let s = sumTo(self, kept).recorded(.sumTo, [self])
        return keepDims ? s : s.reshaped(shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element))
    }

    /// Sum over one axis.
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor { sum(axes: [axis], keepDims: keepDims) }

    /// Mean over `axes` (all when nil).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let n = (axes ?? Array(0..<rank)).map { shape[axis($0)] }.reduce(1, *)
        return sum(axes: axes, keepDims: keepDims) * (1 / Float(n))
    }

    /// Mean over one axis.
    public func mean(axis: Int, keepDims: Bool = false) -> Tensor { mean(axes: [axis], keepDims: keepDims) }

    /// Sums this tensor down to a broadcast-compatible `shape` (the adjoint of `expand`).
    public func sum(toShape target: [Int]) -> Tensor {
        _ = broadcastShape(target, shape, "sum(toShape:)")
        return sumTo(self, target).recorded(.sumTo, [self])
    }

    /// Repeats size-1 axes to `shape` (a copy; PyTorch's `expand` without the aliasing).
    public func expand(_ target: [Int]) -> Tensor { expandCopy(self, target).recorded(.expand, [self]) }

    /// Maximum along `axis`; the gradient flows to the first maximal element.
    public func max(axis: Int, keepDims: Bool = false) -> Tensor {
        let ax = self.axis(axis)
        let (outer, n, inner) = axisLayout(shape, ax)
        var outShape = shape
        outShape[ax] = 1
        let out = Tensor(uninitializedShape: outShape)
        var indices = [Int32](repeating: 0, count: outer * inner)
        let x = data, o = out.data
        for i in 0..<outer {
            for j in 0..<inner {
                var best = -Float.infinity, at = 0
                for k in 0..<n where x[(i * n + k) * inner + j] > best || k == 0 {
                    best = x[(i * n + k) * inner + j]
                    at = k
                }
                o[i * inner + j] = best
                indices[i * inner + j] = Int32(at)
            }
        }
        out.recorded(.max(axis: ax, indices: indices), [self])
        if keepDims { return out }
        var dropped = shape
        dropped.remove(at: ax)
        return out.reshaped(dropped)
    }

    /// Softmax along `axis` (max-subtracted, so large logits do not overflow).
    public func softmax(axis: Int = -1) -> Tensor {
        let ax = self.axis(axis)
        return softmaxForward(ax, log: false).recorded(.softmax(axis: ax), [self])
    }

    /// log(softmax) along `axis`, computed stably as x - max - log Σ exp(x - max).
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let ax = self.axis(axis)
        return softmaxForward(ax, log: true).recorded(.logSoftmax(axis: ax), [self])
    }

    func softmaxForward(_ ax: Int, log: Bool) -> Tensor {
        let (outer, n, inner) = axisLayout(shape, ax)
        let out = Tensor(uninitializedShape: shape)
        let x = data, o = out.data
        parallelFor(outer * inner, grain: Swift.max(1, parallelGrain / n)) { rows in
            for row in rows {
                let i = row / inner, j = row % inner
                let base = i * n * inner + j
                var m = -Float.infinity
                for k in 0..<n { m = Swift.max(m, x[base + k * inner]) }
                var s: Float = 0
                for k in 0..<n {
                    let e = Foundation.exp(x[base + k * inner] - m)
                    o[base + k * inner] = e
                    s += e
                }
                if log {
                    let ls = Foundation.log(s) + m
                    for k in 0..<n { o[base + k * inner] = x[base + k * inner] - ls }
                } else {
                    let inv = 1 / s
                    for k in 0..<n { o[base + k * inner] *= inv }
                }
            }
        }
        return out
    }
}

import Foundation

// The backward rule of every primitive, in one place (as tinygrad's gradient.py). Each rule maps the
// gradient of the node's output to one gradient per input (nil for inputs that do not need one).
// Rules build graph-free tensors: gradients are never differentiated again.

/// z = f(x, g) elementwise over same-shaped tensors.
private func zipMap(_ x: Tensor, _ g: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
    broadcastBinary(x, g, "grad", f)
}

func gradients(_ node: Node, _ g: Tensor) -> [Tensor?] {
    let inputs = node.inputs
    let x = inputs[0]
    let needs = inputs.map(\.requiresGrad)
    func unary(_ f: (Float, Float) -> Float) -> [Tensor?] { [zipMap(node.outputValue, g, f)] }
    func unaryOfInput(_ f: (Float, Float) -> Float) -> [Tensor?] { [zipMap(x, g, f)] }

    switch node.op {
    case .add:
        return [needs[0] ? (x.shape == g.shape ? g : sumTo(g, x.shape)) : nil,
                needs[1] ? (inputs[1].shape == g.shape ? g : sumTo(g, inputs[1].shape)) : nil]
    case .sub:
        return [needs[0] ? sumTo(g, x.shape) : nil,
                needs[1] ? sumTo(g.mapped { -$0 }, inputs[1].shape) : nil]
    case .mul:
        let b = inputs[1]
        return [needs[0] ? sumTo(broadcastBinary(g, b, "grad") { $0 * $1 }, x.shape) : nil,
                needs[1] ? sumTo(broadcastBinary(g, x, "grad") { $0 * $1 }, b.shape) : nil]
    case .div:
        let b = inputs[1]
        let gx = needs[0] ? sumTo(broadcastBinary(g, b, "grad") { $0 / $1 }, x.shape) : nil
        var gb: Tensor?
        if needs[1] {
            let gOut = broadcastBinary(g, node.outputValue, "grad") { $0 * $1 }
            gb = sumTo(broadcastBinary(gOut, b, "grad") { -$0 / $1 }, b.shape)
        }
        return [gx, gb]
    case .addScalar:
        return [g.copy()]
    case .mulScalar(let s):
        return [g.mapped { $0 * s }]
    case .powScalar(let p):
        return unaryOfInput { x, g in g * p * Foundation.pow(x, p - 1) }
    case .exp:
        return unary { y, g in g * y }
    case .log:
        return unaryOfInput { x, g in g / x }
    case .tanh:
        return unary { y, g in g * (1 - y * y) }
    case .sigmoid:
        return unary { y, g in g * y * (1 - y) }
    case .relu:
        return unaryOfInput { x, g in x > 0 ? g : 0 }
    case .sqrt:
        return unary { y, g in g * 0.5 / y }
    case .geluErf:
        return unaryOfInput { x, g in
            let cdf = 0.5 * (1 + Foundation.erf(x * 0.707_106_781))
            let pdf = Foundation.exp(-0.5 * x * x) * 0.398_942_28
            return g * (cdf + x * pdf)
        }
    case .geluTanh:
        return unaryOfInput { x, g in
            let c: Float = 0.797_884_56
            let inner = c * (x + 0.044_715 * x * x * x)
            let t = Foundation.tanh(inner)
            return g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044_715 * x * x))
        }
    case .matmul(let ta, let tb):
        let b = inputs[1]
        var ga: Tensor?, gb: Tensor?
        if needs[0] {
            ga = ta ? matmulForward(b, g, tb, true) : matmulForward(g, b, false, !tb)
            if ga!.rank > x.rank { ga = sumTo(ga!, [1] + x.shape).reshaped(x.shape).detached() }
        }
        if needs[1] {
            if x.rank == 3 && b.rank == 2 {
                // Shared right operand: fold the batch into the GEMM's reduction dimension.
                let a2 = ta ? x : x.detached().reshaped([-1, x.shape[2]])
                let g2 = g.reshaped([-1, g.shape[2]])
                if !ta {
                    gb = tb ? matmulForward(g2, a2, true, false) : matmulForward(a2, g2, true, false)
                } else {
                    let full = tb ? matmulForward(g, x, true, true) : matmulForward(x, g, false, false)
                    gb = sumTo(full, [1] + b.shape).reshaped(b.shape).detached()
                }
            } else {
                gb = tb ? matmulForward(g, x, true, ta) : matmulForward(x, g, !ta, false)
                if gb!.rank > b.rank { gb = sumTo(gb!, [1] + b.shape).reshaped(b.shape).detached() }
            }
        }
        return [ga, gb]
    case .expand:
        return [sumTo(g, x.shape)]
    case .sumTo:
        return [expandCopy(g, x.shape)]
    case .max(let axis, let indices):
        let (outer, n, inner) = axisLayout(x.shape, axis)
        let out = Tensor(repeating: 0, shape: x.shape)
        for i in 0..<outer {
            for j in 0..<inner {
                out.data[(i * n + Int(indices[i * inner + j])) * inner + j] = g.data[i * inner + j]
            }
        }
        return [out]
    case .softmax(let axis):
        // dx = y * (g - Σ g·y)
        let y = node.outputValue
        let gy = broadcastBinary(g, y, "grad") { $0 * $1 }
        let s = sumTo(gy, reducedShape(x.shape, axis))
        return [broadcastBinary(gy, broadcastBinary(y, s, "grad") { $0 * $1 }, "grad") { $0 - $1 }]
    case .logSoftmax(let axis):
        // dx = g - softmax · Σ g
        let s = sumTo(g, reducedShape(x.shape, axis))
        let p = node.outputValue.mapped(Foundation.exp)
        return [broadcastBinary(g, broadcastBinary(p, s, "grad") { $0 * $1 }, "grad") { $0 - $1 }]
    case .reshape:
        return [Tensor(shape: x.shape, storage: g.storage, offset: g.offset)]
    case .permute(let dims):
        var inverse = dims
        for (i, d) in dims.enumerated() { inverse[d] = i }
        return [g.detached().permuted(inverse).detached()]
    case .concat(let axis):
        var start = 0
        return inputs.map { t in
            defer { start += t.shape[axis] }
            return t.requiresGrad ? g.detached().slice(axis: axis, start: start, length: t.shape[axis]).copy() : nil
        }
    case .slice(let axis, let start):
        // The backward pass accumulates slices in place (addIntoSlice); this is the same rule, standalone.
        let out = Tensor(repeating: 0, shape: x.shape)
        addIntoSlice(out, g, axis: axis, start: start)
        return [out]
    case .embedding(let indices):
        let d = x.shape[1]
        let out = Tensor(repeating: 0, shape: x.shape)
        for (row, index) in indices.enumerated() {
            let dst = out.data + Int(index) * d, src = g.data + row * d
            for k in 0..<d { dst[k] += src[k] }
        }
        return [out]
    case .maskedFill(let mask):
        let out = g.copy()
        for i in 0..<mask.count where mask[i] { out.data[i] = 0 }
        return [out]
    }
}

private func reducedShape(_ shape: [Int], _ axis: Int) -> [Int] {
    var s = shape
    s[axis] = 1
    return s
}

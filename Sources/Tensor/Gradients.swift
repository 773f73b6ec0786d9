import Foundation

// The backward rule of every primitive, in one place (as tinygrad's gradient.py). Each rule maps the
// gradient of the node's output to one gradient per input (nil for inputs that do not need one).
// Rules build graph-free tensors: gradients are never differentiated again.

func gradients(_ node: Node, _ g: Tensor) -> [Tensor?] {
    let inputs = node.inputs
    let x = inputs[0]
    let needs = inputs.map(\.requiresGrad)
    /// d = f(y, g) from the node's output y, or f(x, g) from its input x.
    func fromOutput<F: BinaryFunction>(_ f: F) -> [Tensor?] { [broadcastBinary(node.outputValue, g, "grad", f)] }
    func fromInput<F: BinaryFunction>(_ f: F) -> [Tensor?] { [broadcastBinary(x, g, "grad", f)] }

    /// Undoes broadcasting; no copy when nothing was broadcast (the engine copes with aliasing).
    func unbroadcast(_ t: Tensor, _ shape: [Int]) -> Tensor { t.shape == shape ? t : sumTo(t, shape) }

    switch node.op {
    case .add:
        return [needs[0] ? unbroadcast(g, x.shape) : nil, needs[1] ? unbroadcast(g, inputs[1].shape) : nil]
    case .sub:
        return [
            needs[0] ? unbroadcast(g, x.shape) : nil,
            needs[1] ? unbroadcast(g.mapped(MulScalar(s: -1)), inputs[1].shape) : nil,
        ]
    case .mul:
        let b = inputs[1]
        return [
            needs[0] ? unbroadcast(broadcastBinary(g, b, "grad", Mul()), x.shape) : nil,
            needs[1] ? unbroadcast(broadcastBinary(g, x, "grad", Mul()), b.shape) : nil,
        ]
    case .div:
        let b = inputs[1]
        let gx = needs[0] ? unbroadcast(broadcastBinary(g, b, "grad", Div()), x.shape) : nil
        var gb: Tensor?
        if needs[1] {
            let gOut = broadcastBinary(g, node.outputValue, "grad", Mul())
            gb = unbroadcast(broadcastBinary(gOut, b, "grad", NegDiv()), b.shape)
        }
        return [gx, gb]
    case .addScalar:
        return [g]
    case .mulScalar(let s):
        return [g.mapped(MulScalar(s: s))]
    case .powScalar(let p):
        return fromInput(PowerGrad(p: p))
    case .exp:
        return fromOutput(Mul())
    case .log:
        return fromInput(LogGrad())
    case .tanh:
        return fromOutput(TanhGrad())
    case .sigmoid:
        return fromOutput(SigmoidGrad())
    case .relu:
        return fromInput(ReLUGrad())
    case .sqrt:
        return fromOutput(SqrtGrad())
    case .geluErf:
        return fromInput(GELUErfGrad())
    case .geluTanh:
        return fromInput(GELUTanhGrad())
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
        return [unbroadcast(g, x.shape)]
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
        let gy = broadcastBinary(g, y, "grad", Mul())
        let s = sumTo(gy, reducedShape(x.shape, axis))
        return [broadcastBinary(gy, broadcastBinary(y, s, "grad", Mul()), "grad", Sub())]
    case .logSoftmax(let axis):
        // dx = g - softmax · Σ g
        let s = sumTo(g, reducedShape(x.shape, axis))
        let p = node.outputValue.mapped(Exp())
        return [broadcastBinary(g, broadcastBinary(p, s, "grad", Mul()), "grad", Sub())]
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
    case .lstmLayer(let saved):
        // Fused: the step-by-step chain rule of the composed cell lives in lstmLayerBackward (FusedLSTM.swift).
        let (dProjected, dWeight) = lstmLayerBackward(saved, weightHH: inputs[1], g)
        return [dProjected, dWeight]
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

// Derivatives as elementwise functions f(x or y, upstream gradient) (see ElementwiseFunctions.swift for why
// they are structs).

struct NegDiv: BinaryFunction { @inline(__always) func callAsFunction(_ a: Float, _ b: Float) -> Float { -a / b } }
struct PowerGrad: BinaryFunction {
    let p: Float
    @inline(__always) func callAsFunction(_ x: Float, _ g: Float) -> Float { g * p * Foundation.pow(x, p - 1) }
}
struct LogGrad: BinaryFunction { @inline(__always) func callAsFunction(_ x: Float, _ g: Float) -> Float { g / x } }
struct TanhGrad: BinaryFunction {
    @inline(__always) func callAsFunction(_ y: Float, _ g: Float) -> Float { g * (1 - y * y) }
}
struct SigmoidGrad: BinaryFunction {
    @inline(__always) func callAsFunction(_ y: Float, _ g: Float) -> Float { g * y * (1 - y) }
}
struct ReLUGrad: BinaryFunction {
    @inline(__always) func callAsFunction(_ x: Float, _ g: Float) -> Float { x > 0 ? g : 0 }
}
struct SqrtGrad: BinaryFunction {
    @inline(__always) func callAsFunction(_ y: Float, _ g: Float) -> Float { g * 0.5 / y }
}
struct GELUErfGrad: BinaryFunction {
    @inline(__always) func callAsFunction(_ x: Float, _ g: Float) -> Float {
        let cdf = 0.5 * (1 + Foundation.erf(x * 0.707_106_781))
        let pdf = Foundation.exp(-0.5 * x * x) * 0.398_942_28
        return g * (cdf + x * pdf)
    }
}
struct GELUTanhGrad: BinaryFunction {
    @inline(__always) func callAsFunction(_ x: Float, _ g: Float) -> Float {
        let c: Float = 0.797_884_56
        let t = Foundation.tanh(c * (x + 0.044_715 * x * x * x))
        return g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044_715 * x * x))
    }
}

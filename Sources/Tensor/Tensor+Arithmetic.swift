import Foundation

// Broadcasting arithmetic and elementwise functions (forward only; backward rules live in Gradients.swift).

extension Tensor {
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        broadcastBinary(a, b, "add", Add()).recorded(.add, [a, b])
    }
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        broadcastBinary(a, b, "sub", Sub()).recorded(.sub, [a, b])
    }
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        broadcastBinary(a, b, "mul", Mul()).recorded(.mul, [a, b])
    }
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        broadcastBinary(a, b, "div", Div()).recorded(.div, [a, b])
    }

    public static func + (a: Tensor, s: Float) -> Tensor { a.mapped(AddScalar(s: s)).recorded(.addScalar, [a]) }
    public static func + (s: Float, a: Tensor) -> Tensor { a + s }
    public static func - (a: Tensor, s: Float) -> Tensor { a + (-s) }
    public static func - (s: Float, a: Tensor) -> Tensor { -a + s }
    public static func * (a: Tensor, s: Float) -> Tensor { a.mapped(MulScalar(s: s)).recorded(.mulScalar(s), [a]) }
    public static func * (s: Float, a: Tensor) -> Tensor { a * s }
    public static func / (a: Tensor, s: Float) -> Tensor { a * (1 / s) }
    public static prefix func - (a: Tensor) -> Tensor { a * -1 }

    /// Elementwise power with a constant exponent.
    public func pow(_ p: Float) -> Tensor {
        let out: Tensor
        if p == 2 {
            out = mapped(Square())
        } else {
            out = mapped(Power(p: p))
        }
        return out.recorded(.powScalar(p), [self])
    }

    public func exp() -> Tensor { unary(.exp, scalar: Foundation.exp, lanes: exp8) }
    public func log() -> Tensor { mapped(Log()).recorded(.log, [self]) }
    public func tanh() -> Tensor { unary(.tanh, scalar: Foundation.tanh, lanes: tanh8) }
    public func sigmoid() -> Tensor { unary(.sigmoid, scalar: sigmoid1, lanes: sigmoid8) }
    public func relu() -> Tensor {
        unary(.relu, scalar: { Swift.max($0, 0) }, lanes: { $0.replacing(with: 0, where: $0 .< 0) })
    }
    public func sqrt() -> Tensor { mapped(Sqrt()).recorded(.sqrt, [self]) }

    /// How `gelu` approximates the Gaussian CDF (PyTorch's `approximate=` argument).
    public enum GELUApproximation: Sendable { case none, tanh }

    /// Gaussian error linear unit: exact (erf, as BERT) or the tanh approximation (as GPT-2).
    public func gelu(approximate: GELUApproximation = .none) -> Tensor {
        switch approximate {
        case .none:
            return mapped(GELUErf()).recorded(.geluErf, [self])
        case .tanh:
            let c: Float = 0.797_884_56  // sqrt(2/pi)
            return unary(
                .geluTanh,
                scalar: { x in 0.5 * x * (1 + Foundation.tanh(c * (x + 0.044_715 * x * x * x))) },
                lanes: { x in 0.5 * x * (1 + tanh8(c * (x + 0.044_715 * x * x * x))) }
            )
        }
    }

    /// A graph-free copy with `f` applied to every element.
    func mapped<F: UnaryFunction>(_ f: F) -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        let x = data, o = out.data
        parallelFor(count) { r in
            for i in r { o[i] = f(x[i]) }
        }
        return out
    }

    @inline(__always)
    func unary(_ op: Op, scalar: (Float) -> Float, lanes: (F8) -> F8) -> Tensor {
        let out = Tensor(uninitializedShape: shape)
        mapUnary(data, out.data, count, scalar: scalar, lanes: lanes)
        return out.recorded(op, [self])
    }
}

import Foundation
import Tensor

/// Updates parameters from their gradients. Parameters without a gradient (frozen, unused) are skipped.
public protocol Optimizer: AnyObject {
    var learningRate: Float { get set }
    /// Applies one update from the current gradients.
    func step()
    /// The parameters this optimizer updates.
    var parameters: [Tensor] { get }
}

extension Optimizer {
    /// Clears every parameter's gradient (`optimizer.zero_grad(set_to_none=True)`).
    public func zeroGrad() {
        for p in parameters { p.grad = nil }
    }
}

/// Stochastic gradient descent with optional momentum and L2 weight decay (`torch.optim.SGD`).
public final class SGD: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let momentum: Float
    public let weightDecay: Float
    private var velocity: [ObjectIdentifier: [Float]] = [:]

    public init(_ parameters: [Tensor], lr: Float, momentum: Float = 0, weightDecay: Float = 0) {
        self.parameters = parameters
        learningRate = lr
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public func step() {
        for p in parameters {
            guard let g = p.grad else { continue }
            let (x, gp, n) = (p.data, g.data, p.count)
            if momentum == 0 {
                for i in 0..<n { x[i] -= learningRate * (gp[i] + weightDecay * x[i]) }
                continue
            }
            let key = ObjectIdentifier(p)
            var v = velocity[key] ?? []
            if v.isEmpty {
                v = (0..<n).map { gp[$0] + weightDecay * x[$0] }  // first step: buffer = gradient, as PyTorch
            } else {
                for i in 0..<n { v[i] = momentum * v[i] + gp[i] + weightDecay * x[i] }
            }
            for i in 0..<n { x[i] -= learningRate * v[i] }
            velocity[key] = v
        }
    }
}

/// Adam (`torch.optim.Adam`, L2 weight decay added to the gradient) or, with `decoupled`, AdamW.
public final class Adam: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let beta1: Float, beta2: Float, eps: Float, weightDecay: Float
    /// AdamW: decay the weights directly instead of through the gradient.
    public let decoupled: Bool
    private var moments: [ObjectIdentifier: (m: [Float], v: [Float])] = [:]
    private var steps = 0

    public init(
        _ parameters: [Tensor],
        lr: Float = 1e-3,
        betas: (Float, Float) = (0.9, 0.999),
        eps: Float = 1e-8,
        weightDecay: Float = 0,
        decoupled: Bool = false
    ) {
        self.parameters = parameters
        learningRate = lr
        (beta1, beta2) = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.decoupled = decoupled
    }

    public func step() {
        steps += 1
        let c1 = 1 - Foundation.pow(beta1, Float(steps))
        let c2 = 1 - Foundation.pow(beta2, Float(steps))
        for p in parameters {
            guard let g = p.grad else { continue }
            let (x, gp, n) = (p.data, g.data, p.count)
            let key = ObjectIdentifier(p)
            var (m, v) = moments[key] ?? ([Float](repeating: 0, count: n), [Float](repeating: 0, count: n))
            let lr = learningRate
            for i in 0..<n {
                var grad = gp[i]
                if decoupled {
                    x[i] -= lr * weightDecay * x[i]
                } else {
                    grad += weightDecay * x[i]
                }
                m[i] = beta1 * m[i] + (1 - beta1) * grad
                v[i] = beta2 * v[i] + (1 - beta2) * grad * grad
                x[i] -= lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
            }
            moments[key] = (m, v)
        }
    }
}

/// AdamW (`torch.optim.AdamW`): Adam with decoupled weight decay (default 0.01, as PyTorch).
public func AdamW(
    _ parameters: [Tensor],
    lr: Float = 1e-3,
    betas: (Float, Float) = (0.9, 0.999),
    eps: Float = 1e-8,
    weightDecay: Float = 0.01
) -> Adam {
    Adam(parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, decoupled: true)
}

/// Scales all gradients so that their global L2 norm is at most `maxNorm` (`clip_grad_norm_`).
/// - Returns: the norm before clipping.
@discardableResult
public func clipGradNorm(_ parameters: [Tensor], maxNorm: Float) -> Float {
    var total: Double = 0
    for p in parameters {
        guard let g = p.grad else { continue }
        for i in 0..<g.count { total += Double(g.data[i]) * Double(g.data[i]) }
    }
    let norm = Float(total.squareRoot())
    let scale = maxNorm / (norm + 1e-6)
    if scale < 1 {
        for p in parameters {
            guard let g = p.grad else { continue }
            for i in 0..<g.count { g.data[i] *= scale }
        }
    }
    return norm
}

/// A learning-rate schedule: the rate to use at a 0-based optimizer step.
public protocol LearningRateSchedule: Sendable {
    func learningRate(at step: Int) -> Float
}

/// The same rate at every step.
public struct ConstantSchedule: LearningRateSchedule {
    public let rate: Float
    public init(_ rate: Float) { self.rate = rate }
    public func learningRate(at step: Int) -> Float { rate }
}

/// Linear warm-up from 0 to `peak` over `warmupSteps`, then linear decay to 0 at `totalSteps`
/// (Hugging Face's `get_linear_schedule_with_warmup`).
public struct LinearWarmupDecay: LearningRateSchedule {
    public let peak: Float, warmupSteps: Int, totalSteps: Int
    public init(peak: Float, warmupSteps: Int, totalSteps: Int) {
        precondition(
            totalSteps > 0 && warmupSteps >= 0 && warmupSteps <= totalSteps,
            "LinearWarmupDecay: need 0 ≤ warmup ≤ total, total > 0"
        )
        (self.peak, self.warmupSteps, self.totalSteps) = (peak, warmupSteps, totalSteps)
    }
    public func learningRate(at step: Int) -> Float {
        if step < warmupSteps { return peak * Float(step) / Float(Swift.max(1, warmupSteps)) }
        return peak * Swift.max(0, Float(totalSteps - step) / Float(Swift.max(1, totalSteps - warmupSteps)))
    }
}

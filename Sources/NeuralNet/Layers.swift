import Foundation
import Tensor

/// `y = x Wᵀ + b` over the last axis (PyTorch's `nn.Linear`; weight `[out, in]`, Kaiming-uniform init).
public final class Linear: Module {
    public let weight: Tensor
    public let bias: Tensor?
    public var isTraining = true

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, rng: inout SeededGenerator) {
        let bound = 1 / Float(inFeatures).squareRoot()
        weight = .uniform([outFeatures, inFeatures], -bound, bound, requiresGrad: true, using: &rng)
        self.bias = bias ? .uniform([outFeatures], -bound, bound, requiresGrad: true, using: &rng) : nil
    }

    public var localParameters: [(name: String, tensor: Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    /// `x` is `[..., in]` with rank 2 or 3, or rank ≥ 4 (flattened).
    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(
            x.shape.last == weight.shape[1],
            "Linear: input \(x.shape) does not end in \(weight.shape[1]) features (weight \(weight.shape))"
        )
        let flat = x.rank > 3 ? x.reshaped([-1, weight.shape[1]]) : x
        var y = Tensor.matmul(flat, weight, transposeB: true)
        if let bias { y = y + bias }
        return x.rank > 3 ? y.reshaped(Array(x.shape.dropLast()) + [weight.shape[0]]) : y
    }
}

/// A lookup table (`nn.Embedding`): trainable, or frozen when built from a pretrained matrix with `freeze`.
public final class Embedding: Module {
    public let weight: Tensor
    public var isTraining = true

    public init(_ count: Int, _ dimension: Int, rng: inout SeededGenerator) {
        weight = .randn([count, dimension], requiresGrad: true, using: &rng)
    }

    /// Wraps a pretrained `[vocab, dim]` matrix (e.g. fastText vectors); `freeze` keeps it out of training.
    public init(pretrained: Tensor, freeze: Bool = true) {
        precondition(
            pretrained.rank == 2,
            "Embedding: pretrained matrix must be [vocab, dim], shape is \(pretrained.shape)"
        )
        weight = pretrained.copy()
        weight.requiresGrad = !freeze
    }

    public var localParameters: [(name: String, tensor: Tensor)] { [("weight", weight)] }

    /// Rows for `indices` shaped `shape + [dim]`.
    public func callAsFunction(_ indices: [Int], shape: [Int]) -> Tensor {
        Tensor.embedding(weight, indices: indices, shape: shape)
    }
}

/// Inverted dropout in training mode, identity in evaluation mode; seeded for reproducibility.
public final class Dropout: Module {
    public let p: Float
    public var isTraining = true
    private var rng: SeededGenerator

    public init(_ p: Float, seed: UInt64 = 0) {
        self.p = p
        rng = SeededGenerator(seed: seed)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        isTraining && p > 0 ? x.dropout(p: p, using: &rng) : x
    }
}

/// Layer normalisation over the last axis (`nn.LayerNorm`), composed from primitives.
public final class LayerNorm: Module {
    public let weight: Tensor
    public let bias: Tensor
    public let eps: Float
    public var isTraining = true

    public init(_ dimension: Int, eps: Float = 1e-5) {
        weight = .ones([dimension], requiresGrad: true)
        bias = .zeros([dimension], requiresGrad: true)
        self.eps = eps
    }

    public var localParameters: [(name: String, tensor: Tensor)] { [("weight", weight), ("bias", bias)] }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.shape.last == weight.shape[0], "LayerNorm: input \(x.shape) does not end in \(weight.shape[0])")
        let mean = x.mean(axis: -1, keepDims: true)
        let centered = x - mean
        let variance = centered.pow(2).mean(axis: -1, keepDims: true)
        return centered / (variance + eps).sqrt() * weight + bias
    }
}

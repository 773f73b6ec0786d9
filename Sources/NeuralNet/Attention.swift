import Foundation
import Tensor

/// Multi-head self-attention with PyTorch's `nn.MultiheadAttention` parameters (`in_proj_weight` `[3E, E]`,
/// `in_proj_bias`, `out_proj`), batch first, with a key padding mask.
public final class MultiheadAttention: Module {
    public let embedDim: Int
    public let numHeads: Int
    public let inProjWeight: Tensor
    public let inProjBias: Tensor
    public let outProj: Linear
    public let dropout: Dropout
    public var isTraining = true

    public init(embedDim: Int, numHeads: Int, dropout: Float = 0, rng: inout SeededGenerator) {
        precondition(
            embedDim % numHeads == 0,
            "MultiheadAttention: embedDim \(embedDim) is not divisible by \(numHeads) heads"
        )
        self.embedDim = embedDim
        self.numHeads = numHeads
        let bound = (6 / Float(4 * embedDim)).squareRoot()  // xavier_uniform over [3E, E]
        inProjWeight = .uniform([3 * embedDim, embedDim], -bound, bound, requiresGrad: true, using: &rng)
        inProjBias = .zeros([3 * embedDim], requiresGrad: true)
        outProj = Linear(embedDim, embedDim, rng: &rng)
        outProj.bias!.data.update(repeating: 0, count: embedDim)
        self.dropout = Dropout(dropout, seed: rng.next())
    }

    public var localParameters: [(name: String, tensor: Tensor)] {
        [("in_proj_weight", inProjWeight), ("in_proj_bias", inProjBias)]
    }
    public var children: [(name: String, module: any Module)] { [("out_proj", outProj), ("dropout", dropout)] }

    /// Self-attention over `x` `[batch, time, embed]`.
    /// - Parameter keyPaddingMask: `[batch, time]`, non-zero where the position is padding (never attended to).
    public func callAsFunction(_ x: Tensor, keyPaddingMask: Tensor? = nil) -> Tensor {
        precondition(
            x.rank == 3 && x.shape[2] == embedDim,
            "MultiheadAttention: input must be [batch, time, \(embedDim)], shape is \(x.shape)"
        )
        let (batch, time, heads, headDim) = (x.shape[0], x.shape[1], numHeads, embedDim / numHeads)
        let qkv = Tensor.matmul(x, inProjWeight, transposeB: true) + inProjBias
        func split(_ t: Tensor) -> Tensor {  // [B, T, E] → [B·h, T, d]
            t.reshaped([batch, time, heads, headDim]).permuted([0, 2, 1, 3]).reshaped([batch * heads, time, headDim])
        }
        let parts = qkv.chunked(3, axis: 2)
        let (q, k, v) = (split(parts[0]), split(parts[1]), split(parts[2]))
        var scores = Tensor.matmul(q, k, transposeB: true) * (1 / Float(headDim).squareRoot())
        if let keyPaddingMask {
            precondition(
                keyPaddingMask.shape == [batch, time],
                "MultiheadAttention: mask \(keyPaddingMask.shape) must be [\(batch), \(time)]"
            )
            scores = scores.reshaped([batch, heads, time, time])
                .maskedFill(keyPaddingMask.reshaped([batch, 1, 1, time]), value: -.infinity)
                .reshaped([batch * heads, time, time])
        }
        let attention = dropout(scores.softmax(axis: -1))
        let context = Tensor.matmul(attention, v).reshaped([batch, heads, time, headDim]).permuted([0, 2, 1, 3])
        return outProj(context.reshaped([batch, time, embedDim]))
    }
}

/// A post-LN transformer encoder layer as in BERT/RoBERTa (`nn.TransformerEncoderLayer`, `norm_first=False`,
/// batch first): `x = norm1(x + attn(x)); x = norm2(x + linear2(act(linear1(x))))`.
public final class TransformerEncoderLayer: Module {
    public let selfAttention: MultiheadAttention
    public let linear1: Linear, linear2: Linear
    public let norm1: LayerNorm, norm2: LayerNorm
    public let dropout: Dropout, dropout1: Dropout, dropout2: Dropout
    public let activation: Tensor.GELUApproximation?
    public var isTraining = true

    /// - Parameter gelu: the GELU form for the feed-forward activation, or nil for ReLU (PyTorch's default).
    public init(
        dModel: Int,
        numHeads: Int,
        feedForward: Int,
        dropout: Float = 0.1,
        layerNormEps: Float = 1e-5,
        gelu: Tensor.GELUApproximation? = Tensor.GELUApproximation.none,
        rng: inout SeededGenerator
    ) {
        selfAttention = MultiheadAttention(embedDim: dModel, numHeads: numHeads, dropout: dropout, rng: &rng)
        linear1 = Linear(dModel, feedForward, rng: &rng)
        linear2 = Linear(feedForward, dModel, rng: &rng)
        norm1 = LayerNorm(dModel, eps: layerNormEps)
        norm2 = LayerNorm(dModel, eps: layerNormEps)
        self.dropout = Dropout(dropout, seed: rng.next())
        dropout1 = Dropout(dropout, seed: rng.next())
        dropout2 = Dropout(dropout, seed: rng.next())
        activation = gelu
    }

    public var children: [(name: String, module: any Module)] {
        [
            ("self_attn", selfAttention), ("linear1", linear1), ("dropout", dropout), ("linear2", linear2),
            ("norm1", norm1), ("norm2", norm2), ("dropout1", dropout1), ("dropout2", dropout2),
        ]
    }

    public func callAsFunction(_ x: Tensor, keyPaddingMask: Tensor? = nil) -> Tensor {
        let attended = norm1(x + dropout1(selfAttention(x, keyPaddingMask: keyPaddingMask)))
        let hidden = linear1(attended)
        let activated = activation.map { hidden.gelu(approximate: $0) } ?? hidden.relu()
        return norm2(attended + dropout2(linear2(dropout(activated))))
    }
}

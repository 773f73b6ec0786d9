import Tensor

/// A multi-layer, optionally bidirectional LSTM with PyTorch's parameter names and gate order (i, f, g, o).
///
/// Sequences may have different lengths: steps at or past a sequence's length leave its state unchanged
/// and output zeros, so padding never reaches the final state (what `pack_padded_sequence` gives in
/// PyTorch). The reverse direction therefore starts at each sequence's last real token.
/// The cell is a composition of primitives; the input projection of a whole layer is one GEMM.
public final class LSTM: Module {
    public let inputSize: Int
    public let hiddenSize: Int
    public let numLayers: Int
    public let bidirectional: Bool
    public var isTraining = true
    /// Dropout on each layer's output except the last (PyTorch's `dropout=`), active in training mode.
    public let interLayerDropout: Dropout
    /// Use the fused layer primitive (`Tensor.lstmLayer`, default) or the cell composed from primitives,
    /// which is slower but is the reference the fused kernel is tested against.
    public var fused = true
    /// Per layer and direction: weight_ih [4H, in], weight_hh [4H, H], bias_ih [4H], bias_hh [4H].
    let weights: [[(ih: Tensor, hh: Tensor, bih: Tensor, bhh: Tensor)]]

    public init(
        inputSize: Int,
        hiddenSize: Int,
        numLayers: Int = 1,
        bidirectional: Bool = false,
        dropout: Float = 0,
        rng: inout SeededGenerator
    ) {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.bidirectional = bidirectional
        let bound = 1 / Float(hiddenSize).squareRoot()
        let directions = bidirectional ? 2 : 1
        interLayerDropout = Dropout(dropout, seed: rng.next())
        weights = (0..<numLayers).map { layer in
            let layerInput = layer == 0 ? inputSize : hiddenSize * directions
            return (0..<directions).map { _ in
                (
                    Tensor.uniform([4 * hiddenSize, layerInput], -bound, bound, requiresGrad: true, using: &rng),
                    Tensor.uniform([4 * hiddenSize, hiddenSize], -bound, bound, requiresGrad: true, using: &rng),
                    Tensor.uniform([4 * hiddenSize], -bound, bound, requiresGrad: true, using: &rng),
                    Tensor.uniform([4 * hiddenSize], -bound, bound, requiresGrad: true, using: &rng)
                )
            }
        }
    }

    public var localParameters: [(name: String, tensor: Tensor)] {
        var out: [(name: String, tensor: Tensor)] = []
        for (layer, directions) in weights.enumerated() {
            for (d, w) in directions.enumerated() {
                let suffix = "_l\(layer)" + (d == 1 ? "_reverse" : "")
                out += [
                    ("weight_ih" + suffix, w.ih), ("weight_hh" + suffix, w.hh), ("bias_ih" + suffix, w.bih),
                    ("bias_hh" + suffix, w.bhh),
                ]
            }
        }
        return out
    }

    public var children: [(name: String, module: any Module)] { [("dropout", interLayerDropout)] }

    /// Runs the LSTM over `input` `[batch, time, features]` (batch first).
    ///
    /// - Parameter lengths: real length of each sequence (default: all `time`); must be in 1...time.
    /// - Returns: `output` `[batch, time, H × directions]` (zeros past each length), and the final
    ///   `h`, `c` `[layers × directions, batch, H]` taken at each sequence's last real step.
    public func callAsFunction(_ input: Tensor, lengths: [Int]? = nil) -> (output: Tensor, h: Tensor, c: Tensor) {
        precondition(
            input.rank == 3 && input.shape[2] == inputSize,
            "LSTM: input must be [batch, time, \(inputSize)], shape is \(input.shape)"
        )
        let (batch, time) = (input.shape[0], input.shape[1])
        let lengths = lengths ?? Array(repeating: time, count: batch)
        precondition(
            lengths.count == batch && lengths.allSatisfy { (1...time).contains($0) },
            "LSTM: lengths \(lengths) must be \(batch) values in 1...\(time) for input \(input.shape)"
        )
        // masks[t] is [batch, 1]: 1 while t < length. nil when every sequence is full (no masking work).
        let masks: [Tensor]? =
            lengths.allSatisfy({ $0 == time })
            ? nil
            : (0..<time).map { t in
                Tensor(lengths.map { t < $0 ? 1 : 0 }, shape: [batch, 1])
            }
        var layerInput = input.permuted([1, 0, 2])  // time-major: a step is a cheap leading-axis view
        var hs: [Tensor] = [], cs: [Tensor] = []
        for (layer, directions) in weights.enumerated() {
            if layer > 0 { layerInput = interLayerDropout(layerInput) }
            var outputs: [Tensor] = []
            for (d, w) in directions.enumerated() {
                let (out, h, c) = runDirection(layerInput, w, reverse: d == 1, lengths: lengths, masks: masks)
                outputs.append(out)
                hs.append(h)
                cs.append(c)
            }
            layerInput = outputs.count == 1 ? outputs[0] : Tensor.concat(outputs, axis: 2)
        }
        return (layerInput.permuted([1, 0, 2]), Tensor.stack(hs), Tensor.stack(cs))
    }

    private func runDirection(
        _ x: Tensor,
        _ w: (ih: Tensor, hh: Tensor, bih: Tensor, bhh: Tensor),
        reverse: Bool,
        lengths: [Int],
        masks: [Tensor]?
    ) -> (Tensor, Tensor, Tensor) {
        let (time, batch, hidden) = (x.shape[0], x.shape[1], hiddenSize)
        // One GEMM for every step's input projection, both biases folded in.
        let projected = Tensor.matmul(x, w.ih, transposeB: true) + (w.bih + w.bhh)
        if fused {
            let packed = Tensor.lstmLayer(
                projected: projected,
                weightHH: w.hh,
                lengths: masks == nil ? nil : lengths,
                reverse: reverse
            )
            return (
                packed.slice(axis: 0, start: 0, length: time),
                packed.slice(axis: 0, start: time, length: 1).squeezed(0),
                packed.slice(axis: 0, start: time + 1, length: 1).squeezed(0)
            )
        }
        var h = Tensor.zeros([batch, hidden])
        var c = Tensor.zeros([batch, hidden])
        var outputs = [Tensor?](repeating: nil, count: time)
        for t in reverse ? Array((0..<time).reversed()) : Array(0..<time) {
            let gates =
                projected.slice(axis: 0, start: t, length: 1).squeezed(0) + Tensor.matmul(h, w.hh, transposeB: true)
            let g4 = gates.chunked(4, axis: 1)
            let (i, f, g, o) = (g4[0].sigmoid(), g4[1].sigmoid(), g4[2].tanh(), g4[3].sigmoid())
            var cNew = f * c + i * g
            var hNew = o * cNew.tanh()
            if let masks {
                // Padded steps keep the previous state and emit zeros.
                let m = masks[t]
                cNew = c + m * (cNew - c)
                let hMasked = m * hNew
                outputs[t] = hMasked
                hNew = h + m * (hNew - h)
            } else {
                outputs[t] = hNew
            }
            h = hNew
            c = cNew
        }
        return (Tensor.stack(outputs.map { $0! }), h, c)
    }
}

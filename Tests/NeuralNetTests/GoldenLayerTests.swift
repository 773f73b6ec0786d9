import Foundation
import Testing
import Tensor

@testable import NeuralNet

/// LSTM and transformer encoder layer against PyTorch (Fixtures/generate_nn.py): outputs, final states, and
/// the gradient of every parameter and of the input.
@Suite struct GoldenLayerTests {
    /// Both the fused layer kernel and the composed cell it is checked against.
    @Test(arguments: [("bi", 2, true), ("uni", 1, false)], [true, false])
    func lstmMatchesPyTorch(_ config: (tag: String, layers: Int, bidirectional: Bool), fused: Bool) throws {
        let (tag, layers, bidirectional) = config
        let f = entries(try fixture("lstm"), under: tag)
        var rng = SeededGenerator(seed: 1)
        let lstm = LSTM(inputSize: 5, hiddenSize: 4, numLayers: layers, bidirectional: bidirectional, rng: &rng)
        lstm.fused = fused
        try lstm.loadStateDict(entries(f, under: "param"))
        let input = f["input"]!.copy()
        input.requiresGrad = true
        let lengths = f["lengths"]!.scalars.map { Int($0) }
        let (out, h, c) = lstm(input, lengths: lengths)
        // Float32 on both sides through up to 12 recurrent steps.
        expectClose(out, f["out"]!, atol: 1e-5, "\(tag) output")
        expectClose(h, f["h"]!, atol: 1e-5, "\(tag) h_n")
        expectClose(c, f["c"]!, atol: 1e-5, "\(tag) c_n")
        let objective = (out * f["g_out"]!).sum() + (h * f["g_h"]!).sum() + (c * f["g_c"]!).sum()
        objective.backward()
        expectClose(input.grad!, f["grad.input"]!, atol: 5e-5, "\(tag) input gradient")
        for (name, p) in lstm.namedParameters() {
            expectClose(p.grad!, f["grad.\(name)"]!, atol: 5e-5, "\(tag) gradient of \(name)")
        }
    }

    @Test(arguments: [true, false])
    func paddingNeverLeaksIntoTheFinalState(fused: Bool) {
        var rng = SeededGenerator(seed: 7)
        let lstm = LSTM(inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true, rng: &rng)
        lstm.fused = fused
        let short = Tensor.randn([1, 3, 3], using: &rng)
        let padded = Tensor.concat([short, Tensor.randn([1, 4, 3], std: 50, using: &rng)], axis: 1)
        let a = lstm(short)
        let b = lstm(padded, lengths: [3])
        expectClose(b.h, a.h, atol: 1e-6, "h_n with garbage padding")
        expectClose(b.c, a.c, atol: 1e-6, "c_n with garbage padding")
        expectClose(b.output.slice(axis: 1, start: 0, length: 3), a.output, atol: 1e-6, "real steps")
        #expect(b.output.slice(axis: 1, start: 3, length: 4).scalars.allSatisfy { $0 == 0 })
    }

    /// The fused kernel against the composed cell on a larger random case (gradients of everything).
    /// The large case has enough batch rows for the fused kernel to split its per-step work over two workers.
    @Test(arguments: [(batch: 5, hidden: 9), (batch: 520, hidden: 32)])
    func fusedKernelMatchesComposedCell(batch: Int, hidden: Int) {
        var rng = SeededGenerator(seed: 11)
        let lstm = LSTM(inputSize: 6, hiddenSize: hidden, numLayers: 2, bidirectional: true, rng: &rng)
        let x = Tensor.randn([batch, 8, 6], using: &rng)
        let weights = Tensor.randn([batch, 8, 2 * hidden], using: &rng)
        let lengths = batch == 5 ? [8, 3, 1, 8, 5] : (0..<batch).map { 1 + ($0 * 5) % 8 }
        var results: [[Tensor]] = []
        for fused in [true, false] {
            lstm.fused = fused
            lstm.zeroGrad()
            let input = x.copy()
            input.requiresGrad = true
            let (out, h, c) = lstm(input, lengths: lengths)
            ((out * weights).sum() + h.pow(2).sum() + c.sum()).backward()
            results.append(
                [out.detached(), h.detached(), c.detached(), input.grad!] + lstm.parameters().map { $0.grad! }
            )
        }
        for (k, (a, b)) in zip(results[0], results[1]).enumerated() {
            expectClose(a, b, atol: 2e-5, rtol: 1e-4, "fused vs composed, tensor \(k)")  // same maths, other order
        }
    }

    @Test func encoderLayerMatchesPyTorch() throws {
        let f = try fixture("encoder")
        var rng = SeededGenerator(seed: 1)
        let layer = TransformerEncoderLayer(dModel: 8, numHeads: 2, feedForward: 16, dropout: 0, rng: &rng)
        try layer.loadStateDict(entries(f, under: "param"))
        let input = f["input"]!.copy()
        input.requiresGrad = true
        let out = layer(input, keyPaddingMask: f["mask"]!)
        expectClose(out, f["out"]!, atol: 2e-5, "encoder output")
        (out * f["g_out"]!).sum().backward()
        expectClose(input.grad!, f["grad.input"]!, atol: 1e-4, "encoder input gradient")
        for (name, p) in layer.namedParameters() {
            expectClose(p.grad!, f["grad.\(name)"]!, atol: 1e-4, "encoder gradient of \(name)")
        }
    }

    @Test func maskedKeysGetNoAttention() {
        var rng = SeededGenerator(seed: 3)
        let attention = MultiheadAttention(embedDim: 4, numHeads: 2, rng: &rng)
        let x = Tensor.randn([1, 4, 4], using: &rng)
        let changed = x.copy()
        for k in 0..<4 { changed.data[3 * 4 + k] = 99 }  // the masked (last) position
        let mask = Tensor([0, 0, 0, 1], shape: [1, 4])
        let a = attention(x, keyPaddingMask: mask).slice(axis: 1, start: 0, length: 3)
        let b = attention(changed, keyPaddingMask: mask).slice(axis: 1, start: 0, length: 3)
        expectClose(a, b, atol: 1e-6, "unpadded outputs must not see the padded key")
    }
}

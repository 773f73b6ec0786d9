import Foundation
import Testing
import Tensor

@testable import NeuralNet

@Suite struct ModuleTests {
    @Test func parameterNamesFollowPyTorch() {
        var rng = SeededGenerator(seed: 0)
        let lstm = LSTM(inputSize: 3, hiddenSize: 2, numLayers: 2, bidirectional: true, rng: &rng)
        let names = lstm.namedParameters().map(\.name)
        #expect(names.count == 16)
        #expect(names.contains("weight_ih_l1_reverse") && names.contains("bias_hh_l0"))
        let layer = TransformerEncoderLayer(dModel: 4, numHeads: 2, feedForward: 8, rng: &rng)
        #expect(
            Set(layer.namedParameters().map(\.name)) == [
                "self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
                "self_attn.out_proj.bias",
                "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
                "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias",
            ]
        )
    }

    @Test func saveAndLoadRoundTrip() throws {
        var rng = SeededGenerator(seed: 1)
        let a = TinyMLP(rng: &rng), b = TinyMLP(rng: &rng)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "atelier-\(UUID().uuidString).safetensors"
        )
        defer { try? FileManager.default.removeItem(at: url) }
        try a.save(to: url)
        #expect(a.first.weight.scalars != b.first.weight.scalars)
        try b.load(from: url)
        for ((na, pa), (nb, pb)) in zip(a.namedParameters(), b.namedParameters()) {
            #expect(na == nb && pa.scalars == pb.scalars)
        }
    }

    @Test func loadingNamesTheOffendingTensor() {
        var rng = SeededGenerator(seed: 2)
        let model = TinyMLP(rng: &rng)
        var state = model.stateDict()
        state["2.weight"] = Tensor.zeros([3, 8])
        #expect { try model.loadStateDict(state) } throws: {
            "\($0)".contains("'2.weight'") && "\($0)".contains("[3, 8]")
        }
        state["2.weight"] = nil
        #expect { try model.loadStateDict(state) } throws: {
            "\($0)".contains("'2.weight'") && "\($0)".contains("missing")
        }
        state = model.stateDict()
        state["extra"] = Tensor.zeros([1])
        #expect { try model.loadStateDict(state) } throws: { "\($0)".contains("'extra'") }
        #expect(throws: Never.self) { try model.loadStateDict(state, strict: false) }
    }

    @Test func dropoutIsIdentityInEvalModeAndSeededInTraining() {
        var rng = SeededGenerator(seed: 3)
        let layer = TransformerEncoderLayer(dModel: 4, numHeads: 2, feedForward: 8, dropout: 0.5, rng: &rng)
        let x = Tensor.randn([2, 3, 4], using: &rng)
        layer.eval()
        #expect(layer.dropout1.isTraining == false && layer.selfAttention.dropout.isTraining == false)
        #expect(layer(x).scalars == layer(x).scalars)
        let d1 = Dropout(0.5, seed: 9), d2 = Dropout(0.5, seed: 9)
        let ones = Tensor.ones([1000])
        let y = d1(ones)
        #expect(y.scalars == d2(ones).scalars)
        let kept = y.scalars.filter { $0 != 0 }
        #expect(kept.allSatisfy { $0 == 2 } && (400...600).contains(kept.count))
    }

    @Test func frozenEmbeddingGetsNoGradient() {
        let pretrained = Tensor([1, 2, 3, 4, 5, 6], shape: [3, 2])
        let frozen = Embedding(pretrained: pretrained, freeze: true)
        let trainable = Embedding(pretrained: pretrained, freeze: false)
        let out = frozen([2, 0, 2], shape: [3]).sum() + trainable([2, 0, 2], shape: [3]).sum()
        out.backward()
        #expect(frozen.weight.grad == nil)
        #expect(trainable.weight.grad!.scalars == [1, 1, 0, 0, 2, 2])  // scatter-add of repeated index 2
        #expect(frozen([1], shape: [1]).scalars == [3, 4])
    }
}

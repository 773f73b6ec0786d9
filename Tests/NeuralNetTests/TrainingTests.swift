import Foundation
import Testing
import Tensor

@testable import NeuralNet

/// `nn.Sequential(Linear(4, 8), Tanh(), Linear(8, 2))` with PyTorch's parameter names.
final class TinyMLP: Module {
    let first: Linear, second: Linear
    var isTraining = true
    init(rng: inout SeededGenerator) {
        first = Linear(4, 8, rng: &rng)
        second = Linear(8, 2, rng: &rng)
    }
    var children: [(name: String, module: any Module)] { [("0", first), ("2", second)] }
    func callAsFunction(_ x: Tensor) -> Tensor { second(first(x).tanh()) }
}

@Suite struct TrainingTests {
    /// Same initial weights, data, optimizer, clipping and schedule as PyTorch: the losses of the first six
    /// steps must agree (each step's update depends on every earlier one).
    @Test(arguments: ["sgd", "adam", "adamw"])
    func firstStepsMatchPyTorch(_ tag: String) throws {
        let f = try fixture("training")
        var rng = SeededGenerator(seed: 0)
        let model = TinyMLP(rng: &rng)
        try model.loadStateDict(entries(f, under: "init"))
        let optimizer: any Optimizer =
            switch tag {
            case "sgd": SGD(model.parameters(), lr: 0.5, momentum: 0.9)
            case "adam": Adam(model.parameters(), lr: 0.05)
            default: AdamW(model.parameters(), lr: 0.05, weightDecay: 0.1)
            }
        let base = optimizer.learningRate
        let schedule = LinearWarmupDecay(peak: 1, warmupSteps: 2, totalSteps: 6)
        var losses: [Float] = []
        for step in 0..<6 {
            optimizer.learningRate = base * schedule.learningRate(at: step)
            optimizer.zeroGrad()
            let loss = binaryCrossEntropyWithLogits(model(f["x"]!), f["y"]!)
            loss.backward()
            clipGradNorm(model.parameters(), maxNorm: 0.5)
            optimizer.step()
            losses.append(loss.item)
        }
        expectClose(Tensor(losses, shape: [6]), f["\(tag).losses"]!, atol: 2e-6, rtol: 1e-5, "\(tag) losses")
    }

    /// Each optimizer must fit y = 2·x₀ - x₁ + 0.5 to MSE < 1e-3 within 300 seeded full-batch steps.
    @Test(arguments: ["sgd", "adam", "adamw"])
    func optimizerConverges(_ tag: String) {
        var rng = SeededGenerator(seed: 42)
        let x = Tensor.randn([64, 2], using: &rng)
        let y = Tensor((0..<64).map { 2 * x.data[2 * $0] - x.data[2 * $0 + 1] + 0.5 }, shape: [64, 1])
        let model = Linear(2, 1, rng: &rng)
        let optimizer: any Optimizer =
            switch tag {
            case "sgd": SGD(model.parameters(), lr: 0.05, momentum: 0.9)
            case "adam": Adam(model.parameters(), lr: 0.05)
            default: AdamW(model.parameters(), lr: 0.05, weightDecay: 1e-4)
            }
        var last: Float = .infinity
        for _ in 0..<300 {
            optimizer.zeroGrad()
            let loss = mseLoss(model(x), y)
            loss.backward()
            optimizer.step()
            last = loss.item
        }
        #expect(last < 1e-3, "\(tag) reached MSE \(last)")
    }

    @Test func lstmClassifierLearnsToCountOnes() {
        // Is the number of ones in a 0/1 sequence above half? Needs the recurrence to carry state.
        var rng = SeededGenerator(seed: 5)
        let embedding = Embedding(2, 4, rng: &rng)
        let lstm = LSTM(inputSize: 4, hiddenSize: 8, rng: &rng)
        let head = Linear(8, 1, rng: &rng)
        let parameters = embedding.parameters() + lstm.parameters() + head.parameters()
        let optimizer = Adam(parameters, lr: 0.03)
        var loss: Float = 1
        for _ in 0..<150 {
            let tokens = (0..<32 * 7).map { _ in Int(rng.next() % 2) }
            let labels = (0..<32).map { b in Float(tokens[(b * 7)..<(b * 7 + 7)].reduce(0, +) > 3 ? 1 : 0) }
            optimizer.zeroGrad()
            let (_, h, _) = lstm(embedding(tokens, shape: [32, 7]))
            let l = binaryCrossEntropyWithLogits(head(h.squeezed(0)), Tensor(labels, shape: [32, 1]))
            l.backward()
            clipGradNorm(parameters, maxNorm: 1)
            optimizer.step()
            loss = l.item
        }
        #expect(loss < 0.25, "final loss \(loss)")
    }

    @Test func scheduleWarmsUpThenDecays() {
        let s = LinearWarmupDecay(peak: 1e-3, warmupSteps: 10, totalSteps: 110)
        #expect(s.learningRate(at: 0) == 0)
        #expect(abs(s.learningRate(at: 5) - 5e-4) < 1e-9)
        #expect(s.learningRate(at: 10) == 1e-3)
        #expect(abs(s.learningRate(at: 60) - 5e-4) < 1e-9)
        #expect(s.learningRate(at: 110) == 0 && s.learningRate(at: 500) == 0)
        #expect(ConstantSchedule(0.1).learningRate(at: 99) == 0.1)
    }

    @Test func clippingScalesToTheGlobalNorm() {
        let a = Tensor.zeros([2], requiresGrad: true), b = Tensor.zeros([1], requiresGrad: true)
        a.grad = Tensor([3, 0], shape: [2])
        b.grad = Tensor([4], shape: [1])
        let norm = clipGradNorm([a, b], maxNorm: 1)
        #expect(norm == 5)
        #expect(abs(a.grad!.data[0] - 0.6) < 1e-5 && abs(b.grad!.data[0] - 0.8) < 1e-5)
    }
}

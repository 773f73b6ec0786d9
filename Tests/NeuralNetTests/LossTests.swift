import Testing
import Tensor

@testable import NeuralNet

/// Loss values and logit gradients against PyTorch's functional losses.
@Suite struct LossTests {
    @Test(arguments: ["bce", "bce_pos", "bce_pos_weight"])
    func bceWithLogitsMatchesPyTorch(_ tag: String) throws {
        let f = try fixture("losses")
        let logits = f["bce.logits"]!.copy()
        logits.requiresGrad = true
        let loss = binaryCrossEntropyWithLogits(
            logits,
            f["bce.targets"]!,
            weight: tag == "bce_pos_weight" ? f["bce.weight"] : nil,
            posWeight: tag == "bce" ? nil : f["bce.pos_weight"]
        )
        expectClose(loss.reshaped([1]), f["\(tag).loss"]!, atol: 1e-6, rtol: 1e-5, "\(tag) loss")
        loss.backward()
        expectClose(logits.grad!, f["\(tag).grad"]!, atol: 1e-6, rtol: 1e-5, "\(tag) gradient")
    }

    @Test func bceIsStableForHugeLogits() {
        let loss = binaryCrossEntropyWithLogits(
            Tensor([1000, -1000], shape: [2]),
            Tensor([0, 1], shape: [2]),
            reduction: .none
        )
        #expect(loss.scalars == [1000, 1000])
    }

    @Test(arguments: ["ce", "ce_weight", "ce_smooth", "ce_ignore_weight_smooth"])
    func crossEntropyMatchesPyTorch(_ tag: String) throws {
        let f = try fixture("losses")
        let logits = f["ce.logits"]!.copy()
        logits.requiresGrad = true
        let targets = f["ce.targets"]!.scalars.map { Int($0) }
        let weighted = tag == "ce_weight" || tag == "ce_ignore_weight_smooth"
        let loss = crossEntropy(
            logits,
            targets,
            weight: weighted ? f["ce.weight"]!.scalars : nil,
            ignoreIndex: tag == "ce_ignore_weight_smooth" ? 1 : nil,
            labelSmoothing: tag == "ce_smooth" ? 0.1 : tag == "ce_ignore_weight_smooth" ? 0.2 : 0
        )
        expectClose(loss.reshaped([1]), f["\(tag).loss"]!, atol: 1e-6, rtol: 1e-5, "\(tag) loss")
        loss.backward()
        expectClose(logits.grad!, f["\(tag).grad"]!, atol: 1e-6, rtol: 1e-5, "\(tag) gradient")
    }

    @Test func mseMatchesPyTorch() throws {
        let f = try fixture("losses")
        let pred = f["mse.pred"]!.copy()
        pred.requiresGrad = true
        let loss = mseLoss(pred, f["mse.target"]!)
        expectClose(loss.reshaped([1]), f["mse.loss"]!, atol: 1e-6, rtol: 1e-5, "mse loss")
        loss.backward()
        expectClose(pred.grad!, f["mse.grad"]!, atol: 1e-6, rtol: 1e-5, "mse gradient")
    }
}

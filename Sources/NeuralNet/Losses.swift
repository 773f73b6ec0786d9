import Tensor

/// How a loss reduces its per-element values (PyTorch's `reduction=`).
public enum Reduction: Sendable { case mean, sum, none }

private func reduce(_ loss: Tensor, _ reduction: Reduction) -> Tensor {
    switch reduction {
    case .mean: loss.mean()
    case .sum: loss.sum()
    case .none: loss
    }
}

/// Binary cross-entropy on logits (`BCEWithLogitsLoss`), stable for large |logits|.
///
/// Targets may be soft (fractions in [0, 1], e.g. the share of annotators who flagged a comment).
/// - Parameters:
///   - weight: rescales each element's loss (broadcast to the logits; e.g. per-label class weights `[C]`).
///   - posWeight: weight of the positive term per label (`[C]`, broadcast over the batch).
public func binaryCrossEntropyWithLogits(
    _ logits: Tensor,
    _ targets: Tensor,
    weight: Tensor? = nil,
    posWeight: Tensor? = nil,
    reduction: Reduction = .mean
) -> Tensor {
    precondition(
        logits.shape == targets.shape,
        "BCEWithLogits: logits \(logits.shape) and targets \(targets.shape) differ"
    )
    // log(1 + exp(-|x|)) + max(-x, 0) = -log σ(x), written without overflow.
    let negX = -logits
    let softplusNeg = (-(logits.relu() + negX.relu())).exp() + 1
    let logSigmoidNeg = softplusNeg.log() + negX.relu()
    var loss: Tensor
    if let posWeight {
        // (1 - y) x + (1 + (pw - 1) y) (-log σ(x))
        loss = (1 - targets) * logits + (1 + (posWeight - 1) * targets) * logSigmoidNeg
    } else {
        loss = (1 - targets) * logits + logSigmoidNeg
    }
    if let weight { loss = loss * weight }
    return reduce(loss, reduction)
}

/// Cross-entropy over class logits `[N, C]` with integer targets (`CrossEntropyLoss`).
///
/// - Parameters:
///   - weight: per-class weights; the mean is then weighted (divided by the targets' total weight), as PyTorch.
///   - ignoreIndex: samples with this target contribute nothing (and do not count in the mean).
///   - labelSmoothing: ε: the target distribution is (1 − ε)·one-hot + ε/C (PyTorch's `label_smoothing`).
public func crossEntropy(
    _ logits: Tensor,
    _ targets: [Int],
    weight: [Float]? = nil,
    ignoreIndex: Int? = nil,
    labelSmoothing: Float = 0,
    reduction: Reduction = .mean
) -> Tensor {
    precondition(
        logits.rank == 2 && logits.shape[0] == targets.count,
        "crossEntropy: logits \(logits.shape) need [N, C] with N = \(targets.count) targets"
    )
    let (n, classes) = (logits.shape[0], logits.shape[1])
    precondition(
        weight == nil || weight!.count == classes,
        "crossEntropy: \(weight?.count ?? 0) weights for \(classes) classes"
    )
    precondition(
        labelSmoothing >= 0 && labelSmoothing <= 1,
        "crossEntropy: labelSmoothing \(labelSmoothing) not in [0, 1]"
    )
    // Row i of `coefficients` is the (weighted) target distribution: loss_i = -Σ_c coefficients[i, c]·log p[i, c].
    var coefficients = [Float](repeating: 0, count: n * classes)
    var totalWeight: Float = 0
    for (row, target) in targets.enumerated() where target != ignoreIndex {
        precondition(
            target >= 0 && target < classes,
            "crossEntropy: target \(target) out of range for \(classes) classes"
        )
        let w = weight?[target] ?? 1
        coefficients[row * classes + target] += (1 - labelSmoothing) * w
        for c in 0..<classes { coefficients[row * classes + c] += labelSmoothing / Float(classes) * (weight?[c] ?? 1) }
        totalWeight += w
    }
    let perSample = -(logits.logSoftmax(axis: 1) * Tensor(coefficients, shape: [n, classes])).sum(axis: 1)
    switch reduction {
    case .mean: return perSample.sum() * (1 / totalWeight)
    case .sum: return perSample.sum()
    case .none: return perSample
    }
}

/// Mean squared error (`MSELoss`).
public func mseLoss(_ prediction: Tensor, _ target: Tensor, reduction: Reduction = .mean) -> Tensor {
    precondition(
        prediction.shape == target.shape,
        "mseLoss: prediction \(prediction.shape) and target \(target.shape) differ"
    )
    return reduce((prediction - target).pow(2), reduction)
}

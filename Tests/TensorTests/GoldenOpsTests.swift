import Foundation
import Testing

@testable import Tensor

/// Every primitive (and the layer-norm composition) against PyTorch: outputs and input gradients.
/// Fixtures: Fixtures/ops.safetensors, written by Fixtures/generate_ops.py.
@Suite struct GoldenOpsTests {
    static var fixtures: [String: Tensor] {
        get throws {
            let url = try #require(Bundle.module.url(forResource: "Fixtures/ops", withExtension: "safetensors"))
            return try Safetensors.read(contentsOf: url)
        }
    }

    static var cases: [String: ([Tensor]) -> Tensor] {
        [
            "add_broadcast": { $0[0] + $0[1] },
            "sub_broadcast": { $0[0] - $0[1] },
            "mul_broadcast": { $0[0] * $0[1] },
            "div_broadcast": { $0[0] / $0[1] },
            "exp": { $0[0].exp() },
            "log": { $0[0].log() },
            "tanh": { $0[0].tanh() },
            "sigmoid": { $0[0].sigmoid() },
            "relu": { $0[0].relu() },
            "gelu_tanh": { $0[0].gelu(approximate: .tanh) },
            "gelu_erf": { $0[0].gelu() },
            "sqrt": { $0[0].sqrt() },
            "pow2": { $0[0].pow(2) },
            "matmul": { $0[0].matmul($0[1]) },
            "bmm": { $0[0].matmul($0[1]) },
            "matmul_3d_2d": { $0[0].matmul($0[1]) },
            "matmul_transpose_b": { Tensor.matmul($0[0], $0[1], transposeB: true) },
            "matmul_transpose_a": { Tensor.matmul($0[0], $0[1], transposeA: true) },
            "matmul_3d_t_2d": { Tensor.matmul($0[0], $0[1], transposeA: true) },
            "bmm_transpose_both": { Tensor.matmul($0[0], $0[1], transposeA: true, transposeB: true) },
            "matmul_2d_3d": { $0[0].matmul($0[1]) },
            "sum_axis1": { $0[0].sum(axis: 1) },
            "mean_axes02": { $0[0].mean(axes: [0, 2], keepDims: true) },
            "max_axis1": { $0[0].max(axis: 1) },
            "softmax_last": { $0[0].softmax(axis: -1) },
            "softmax_axis0": { $0[0].softmax(axis: 0) },
            "log_softmax_axis1": { $0[0].logSoftmax(axis: 1) },
            "layer_norm": { x in
                let mean = x[0].mean(axis: -1, keepDims: true)
                let centered = x[0] - mean
                let variance = centered.pow(2).mean(axis: -1, keepDims: true)
                return centered / (variance + 1e-5).sqrt() * x[1] + x[2]
            },
            "concat_axis1": { Tensor.concat([$0[0], $0[1]], axis: 1) },
            "slice_axis2": { $0[0].slice(axis: 2, start: 1, length: 2) },
            "stack_axis1": { Tensor.stack([$0[0], $0[1]], axis: 1) },
            "permute": { $0[0].permuted([2, 0, 1]) },
            "transpose": { $0[0].transposed(0, 1) },
            "reshape": { $0[0].reshaped([6, 4]) * 2 },
            "expand": { $0[0].expand([2, 3, 4]) },
            "masked_fill": { $0[0].maskedFill(Tensor([1, 0, 1], shape: [3, 1]), value: -3) },
            "embedding": { Tensor.embedding($0[0], indices: [1, 3, 1, 0, 5, 1], shape: [2, 3]) },
        ]
    }

    @Test func everyFixtureCaseIsCovered() throws {
        let names = Set(try Self.fixtures.keys.compactMap { $0.hasSuffix(".out") ? String($0.dropLast(4)) : nil })
        #expect(names == Set(Self.cases.keys))
    }

    @Test(arguments: cases.keys.sorted())
    func matchesPyTorch(_ name: String) throws {
        let f = try Self.fixtures
        var inputs: [Tensor] = []
        while let t = f["\(name).in\(inputs.count)"] {
            inputs.append(t.copy())
            inputs[inputs.count - 1].requiresGrad = true
        }
        let out = Self.cases[name]!(inputs)
        // Float32 against PyTorch's float32: differences come from summation order and exp/tanh polynomials.
        expectClose(out, f["\(name).out"]!, atol: 2e-5, rtol: 1e-4, "\(name) output")
        out.backward(f["\(name).gout"]!)
        for (i, input) in inputs.enumerated() {
            guard let grad = input.grad else {
                Issue.record("\(name): no gradient for input \(i)")
                continue
            }
            expectClose(grad, f["\(name).grad\(i)"]!, atol: 5e-5, rtol: 1e-4, "\(name) grad\(i)")
        }
    }
}

/// |a - b| ≤ atol + rtol·|b| elementwise, with the same shape.
func expectClose(
    _ a: Tensor,
    _ b: Tensor,
    atol: Float,
    rtol: Float,
    _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(a.shape == b.shape, "\(what): shape \(a.shape) vs \(b.shape)", sourceLocation: sourceLocation)
    guard a.shape == b.shape else { return }
    var worst: (Int, Float) = (-1, 0)
    for i in 0..<a.count {
        let excess = abs(a.data[i] - b.data[i]) - (atol + rtol * abs(b.data[i]))
        if !(excess <= worst.1) { worst = (i, excess.isNaN ? .infinity : excess) }
    }
    #expect(
        worst.0 < 0,
        "\(what): element \(worst.0) is \(worst.0 >= 0 ? a.data[worst.0] : 0), expected \(worst.0 >= 0 ? b.data[worst.0] : 0)",
        sourceLocation: sourceLocation
    )
}

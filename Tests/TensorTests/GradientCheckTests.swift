import Foundation
import Testing

@testable import Tensor

/// Central finite differences against every backward rule, independently of PyTorch.
///
/// The objective is L = Σ f(x)·w with w fixed; it is accumulated in Float64 so that the only Float32 error
/// is the forward pass itself. With eps = 1e-3 that error bounds the numeric gradient to about 1e-3.
@Suite struct GradientCheckTests {
    @Test(arguments: GoldenOpsTests.cases.keys.sorted())
    func finiteDifferencesMatchBackward(_ name: String) throws {
        let fixtures = try GoldenOpsTests.fixtures
        let f = GoldenOpsTests.cases[name]!
        var inputs: [Tensor] = []
        while let t = fixtures["\(name).in\(inputs.count)"] { inputs.append(t.copy()) }
        let w = try #require(fixtures["\(name).gout"])

        for input in inputs { input.requiresGrad = true }
        f(inputs).backward(w)
        let analytic = inputs.map { $0.grad! }
        for input in inputs { input.requiresGrad = false; input.grad = nil }

        func objective() -> Double {
            let out = f(inputs)
            var s = 0.0
            for i in 0..<out.count { s += Double(out.data[i]) * Double(w.data[i]) }
            return s
        }
        let eps: Float = 1e-3
        for (k, input) in inputs.enumerated() {
            for i in 0..<input.count {
                let saved = input.data[i]
                input.data[i] = saved + eps
                let plus = objective()
                input.data[i] = saved - eps
                let minus = objective()
                input.data[i] = saved
                let numeric = (plus - minus) / Double(2 * eps)
                let a = Double(analytic[k].data[i])
                // Tolerance: Float32 forward rounding amplified by 1/(2·eps), plus 1% for curvature.
                #expect(
                    abs(a - numeric) <= 2e-3 + 1e-2 * abs(numeric),
                    "\(name) input \(k)[\(i)]: backward \(a), numeric \(numeric)"
                )
            }
        }
    }
}

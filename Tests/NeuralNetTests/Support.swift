import Foundation
import Testing
import Tensor

func fixture(_ name: String) throws -> [String: Tensor] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "safetensors"))
    return try Safetensors.read(contentsOf: url)
}

/// Entries under `prefix.`, with the prefix removed.
func entries(_ all: [String: Tensor], under prefix: String) -> [String: Tensor] {
    Dictionary(
        uniqueKeysWithValues: all.compactMap { key, value in
            key.hasPrefix(prefix + ".") ? (String(key.dropFirst(prefix.count + 1)), value) : nil
        }
    )
}

/// |a - b| ≤ atol + rtol·|b| elementwise, with the same shape.
func expectClose(
    _ a: Tensor,
    _ b: Tensor,
    atol: Float,
    rtol: Float = 0,
    _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(a.shape == b.shape, "\(what): shape \(a.shape) vs \(b.shape)", sourceLocation: sourceLocation)
    guard a.shape == b.shape else { return }
    for i in 0..<a.count {
        let tolerance = atol + rtol * abs(b.data[i])
        if !(abs(a.data[i] - b.data[i]) <= tolerance) {
            Issue.record(
                "\(what): element \(i) is \(a.data[i]), expected \(b.data[i]) (tolerance \(tolerance))",
                sourceLocation: sourceLocation
            )
            return
        }
    }
}

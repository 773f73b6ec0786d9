import Foundation

/// A small, fast, seedable generator (SplitMix64) so that initialisation and dropout are reproducible.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func nextFloat() -> Float { Float(next() >> 40) * 0x1p-24 }
}

extension Tensor {
    /// Uniform values in `[low, high)`.
    public static func uniform(
        _ shape: [Int],
        _ low: Float,
        _ high: Float,
        requiresGrad: Bool = false,
        using rng: inout SeededGenerator
    ) -> Tensor {
        let t = Tensor(uninitializedShape: shape)
        for i in 0..<t.count { t.data[i] = low + (high - low) * rng.nextFloat() }
        t.requiresGrad = requiresGrad
        return t
    }

    /// Normal values (Box–Muller).
    public static func randn(
        _ shape: [Int],
        std: Float = 1,
        requiresGrad: Bool = false,
        using rng: inout SeededGenerator
    ) -> Tensor {
        let t = Tensor(uninitializedShape: shape)
        var i = 0
        while i < t.count {
            let u1 = Swift.max(rng.nextFloat(), 1e-12), u2 = rng.nextFloat()
            let r = (-2 * Foundation.log(u1)).squareRoot()
            t.data[i] = std * r * Foundation.cos(2 * .pi * u2)
            if i + 1 < t.count { t.data[i + 1] = std * r * Foundation.sin(2 * .pi * u2) }
            i += 2
        }
        t.requiresGrad = requiresGrad
        return t
    }

    /// Inverted dropout: zeroes each element with probability `p` and scales the rest by 1/(1-p).
    /// A composition (multiply by a constant mask), so it needs no backward rule of its own.
    public func dropout(p: Float, using rng: inout SeededGenerator) -> Tensor {
        precondition(p >= 0 && p < 1, "dropout: p must be in [0, 1), got \(p)")
        if p == 0 { return self }
        let mask = Tensor(uninitializedShape: shape)
        let scale = 1 / (1 - p)
        for i in 0..<count { mask.data[i] = rng.nextFloat() < p ? 0 : scale }
        return self * mask
    }
}

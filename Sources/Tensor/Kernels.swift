import Foundation

// Elementwise kernels. Contiguous loops over pointers vectorise (the compiler emits SIMD for the
// target's baseline ISA); transcendental functions use an explicit SIMD8 polynomial because libm's
// scalar calls do not vectorise.

typealias F8 = SIMD8<Float>

/// exp on 8 lanes (Cephes single-precision polynomial; relative error ~1e-7 over the clamped range).
/// Rounding and 2ⁿ use the 1.5·2²³ magic-number trick: Swift's generic SIMD float↔int conversions
/// are not specialised and cost more than the polynomial.
@inline(__always)
func exp8(_ v: F8) -> F8 {
    var x = v.replacing(with: 88.3, where: v .> 88.3)
    x.replace(with: -87.3, where: x .< -87.3)
    let magic: Float = 12_582_912  // 1.5·2²³: adding it rounds to an integer held in the low mantissa bits
    let t = x * 1.442_695_04 + magic
    let n = t - magic
    let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
    var p = F8(repeating: 1.987_569_15e-4)
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_59e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_12e-1
    p = p * r * r + r + 1
    let exponent = (unsafeBitCast(t, to: SIMD8<Int32>.self) &- 0x4B40_0000 &+ 127) &<< 23
    return p * unsafeBitCast(exponent, to: F8.self)
}

@inline(__always) func sigmoid8(_ x: F8) -> F8 { 1 / (1 + exp8(-x)) }
@inline(__always) func tanh8(_ x: F8) -> F8 { 2 / (1 + exp8(-2 * x)) - 1 }
@inline(__always) func sigmoid1(_ x: Float) -> Float { 1 / (1 + Foundation.exp(-x)) }

/// Applies `lanes` to runs of 8 and `scalar` to the tail, in parallel for large inputs.
@inline(__always)
func mapUnary(
    _ x: UnsafePointer<Float>,
    _ out: UnsafeMutablePointer<Float>,
    _ count: Int,
    scalar: (Float) -> Float,
    lanes: (F8) -> F8
) {
    parallelFor(count) { range in
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: F8.self)
            UnsafeMutableRawPointer(out + i).storeBytes(of: lanes(v), as: F8.self)
            i += 8
        }
        while i < range.upperBound {
            out[i] = scalar(x[i])
            i += 1
        }
    }
}

/// Broadcast result shape (NumPy rules); traps naming both shapes when they are incompatible.
func broadcastShape(_ a: [Int], _ b: [Int], _ op: String) -> [Int] {
    let r = Swift.max(a.count, b.count)
    var out = [Int](repeating: 1, count: r)
    for i in 0..<r {
        let da = i < r - a.count ? 1 : a[i - (r - a.count)]
        let db = i < r - b.count ? 1 : b[i - (r - b.count)]
        precondition(da == db || da == 1 || db == 1, "\(op): shapes \(a) and \(b) do not broadcast")
        out[i] = Swift.max(da, db)
    }
    return out
}

/// Contiguous strides of `shape` laid out in `outShape` (same rank after left-padding), 0 where broadcast.
func broadcastStrides(_ shape: [Int], to outShape: [Int]) -> [Int] {
    let pad = outShape.count - shape.count
    var strides = [Int](repeating: 0, count: outShape.count)
    var s = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[i + pad] = shape[i] == 1 && outShape[i + pad] != 1 ? 0 : s
        s *= shape[i]
    }
    return strides
}

func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var s = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[i] = s
        s *= shape[i]
    }
    return strides
}

/// A walk over `shape` for three operands with element strides, merged into as few long runs as possible.
struct StridedWalk {
    var shape: [Int]
    var strides: [[Int]]  // [operand][axis]

    init(shape: [Int], strides: [[Int]]) {
        // Coalesce axes i-1, i where every operand is contiguous across them (broadcast axes included).
        var dims: [Int] = []
        var st: [[Int]] = strides.map { _ in [] }
        for i in 0..<shape.count where shape[i] != 1 {
            if let last = dims.last,
                strides.indices.allSatisfy({ st[$0].last! == strides[$0][i] * shape[i] })
            {
                dims[dims.count - 1] = last * shape[i]
                for k in strides.indices { st[k][st[k].count - 1] = strides[k][i] }
            } else {
                dims.append(shape[i])
                for k in strides.indices { st[k].append(strides[k][i]) }
            }
        }
        if dims.isEmpty {
            dims = [1]
            st = strides.map { _ in [1] }
        }
        self.shape = dims
        self.strides = st
    }

    var runLength: Int { shape[shape.count - 1] }
    var runs: Int { shape.dropLast().reduce(1, *) }
    func innerStride(_ k: Int) -> Int { strides[k][shape.count - 1] }

    /// Start offset of operand `k` for run number `run`.
    @inline(__always)
    func offset(_ k: Int, run: Int) -> Int {
        var rem = run
        var off = 0
        var axis = shape.count - 2
        while axis >= 0 {
            let d = shape[axis]
            off += (rem % d) * strides[k][axis]
            rem /= d
            axis -= 1
        }
        return off
    }
}

/// out = f(a, b) with broadcasting; specialised per function type so that `f` inlines and vectorises.
func broadcastBinary<F: BinaryFunction>(_ a: Tensor, _ b: Tensor, _ name: String, _ f: F) -> Tensor {
    let outShape = a.shape == b.shape ? a.shape : broadcastShape(a.shape, b.shape, name)
    let out = Tensor(uninitializedShape: outShape)
    let pa = a.data, pb = b.data, po = out.data
    if a.shape == b.shape {
        parallelFor(out.count) { r in
            for i in r { po[i] = f(pa[i], pb[i]) }
        }
        return out
    }
    let walk = StridedWalk(
        shape: outShape,
        strides: [
            broadcastStrides(a.shape, to: outShape), broadcastStrides(b.shape, to: outShape),
            contiguousStrides(outShape),
        ]
    )
    let n = walk.runLength, sa = walk.innerStride(0), sb = walk.innerStride(1)
    parallelFor(walk.runs, grain: Swift.max(1, parallelGrain / n)) { runs in
        for run in runs {
            let a0 = pa + walk.offset(0, run: run), b0 = pb + walk.offset(1, run: run)
            let o0 = po + walk.offset(2, run: run)
            if sa == 1 && sb == 1 {
                for i in 0..<n { o0[i] = f(a0[i], b0[i]) }
            } else if sa == 1 {
                let bv = b0[0]
                for i in 0..<n { o0[i] = f(a0[i], bv) }
            } else if sb == 1 {
                let av = a0[0]
                for i in 0..<n { o0[i] = f(av, b0[i]) }
            } else {
                for i in 0..<n { o0[i] = f(a0[i * sa], b0[i * sb]) }
            }
        }
    }
    return out
}

/// Sums `x` down to `shape` (the inverse of broadcasting); identity when shapes match.
func sumTo(_ x: Tensor, _ shape: [Int]) -> Tensor {
    if x.shape == shape { return x.copy() }
    let out = Tensor(repeating: 0, shape: shape)
    let walk = StridedWalk(
        shape: x.shape,
        strides: [contiguousStrides(x.shape), broadcastStrides(shape, to: x.shape)]
    )
    let n = walk.runLength, so = walk.innerStride(1)
    let px = x.data, po = out.data
    for run in 0..<walk.runs {
        let x0 = px + walk.offset(0, run: run), o0 = po + walk.offset(1, run: run)
        if so == 0 {
            var s: Float = 0
            for i in 0..<n { s += x0[i] }
            o0[0] += s
        } else {
            for i in 0..<n { o0[i] += x0[i] }
        }
    }
    return out
}

/// Copies `x` broadcast to `shape`.
func expandCopy(_ x: Tensor, _ shape: [Int]) -> Tensor {
    let zero = Tensor(repeating: 0, shape: shape)
    let out = broadcastBinary(x, zero, "expand", First())
    precondition(out.shape == shape, "expand: shape \(x.shape) cannot expand to \(shape)")
    return out
}

/// Strided copy: `out` (contiguous, shape `shape`) reads `x` with `strides`.
func stridedCopy(_ x: UnsafePointer<Float>, strides: [Int], shape: [Int], into out: UnsafeMutablePointer<Float>) {
    let walk = StridedWalk(shape: shape, strides: [strides, contiguousStrides(shape)])
    let n = walk.runLength, sx = walk.innerStride(0)
    parallelFor(walk.runs, grain: Swift.max(1, parallelGrain / n)) { runs in
        for run in runs {
            let x0 = x + walk.offset(0, run: run), o0 = out + walk.offset(1, run: run)
            if sx == 1 {
                o0.update(from: x0, count: n)
            } else {
                for i in 0..<n { o0[i] = x0[i * sx] }
            }
        }
    }
}

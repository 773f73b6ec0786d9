/// fastText's `DenseMatrix`: a row-major `rows × cols` block of Float32 shared by the training threads.
///
/// Training is hogwild: threads read and write rows without locks, as fastText does, so the storage is
/// an unsafe pointer and the type is `@unchecked Sendable` on purpose.
public final class Matrix: @unchecked Sendable {
    public let rows: Int
    public let cols: Int
    let data: UnsafeMutablePointer<Float>

    /// A zero-filled matrix.
    public init(rows: Int, cols: Int) {
        precondition(rows >= 0 && cols >= 0, "Matrix: negative shape \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        data = .allocate(capacity: max(1, rows * cols))
        data.initialize(repeating: 0, count: max(1, rows * cols))
    }

    deinit { data.deallocate() }

    /// Fills with uniform values in `-bound...bound` (fastText: `1/dim` for the input matrix).
    func uniform(bound: Float, seed: UInt64) {
        var rng = FastRandom(seed: seed)
        for i in 0..<(rows * cols) { data[i] = (rng.nextUnitFloat() * 2 - 1) * bound }
    }

    /// Element `(row, col)`.
    public subscript(row: Int, col: Int) -> Float {
        get {
            precondition(row >= 0 && row < rows && col >= 0 && col < cols, "Matrix: (\(row), \(col)) outside \(rows)×\(cols)")
            return data[row * cols + col]
        }
        set {
            precondition(row >= 0 && row < rows && col >= 0 && col < cols, "Matrix: (\(row), \(col)) outside \(rows)×\(cols)")
            data[row * cols + col] = newValue
        }
    }

    /// A copy of one row.
    public func row(_ index: Int) -> [Float] {
        precondition(index >= 0 && index < rows, "Matrix: row \(index) outside \(rows)×\(cols)")
        return Array(UnsafeBufferPointer(start: data + index * cols, count: cols))
    }

    @inline(__always)
    func rowPointer(_ index: Int) -> UnsafeMutablePointer<Float> { data + index &* cols }
}

/// Vector kernels of the hot loop. SIMD8 lowers to plain SSE on the baseline x86-64 target (no -march),
/// and a multiply followed by an add avoids the per-lane libm call that a fused `addProduct` becomes there.
enum Kernels {
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc0 = SIMD8<Float>()
        var acc1 = SIMD8<Float>()
        var i = 0
        while i &+ 16 <= n {
            acc0 = acc0 + load(a + i) * load(b + i)
            acc1 = acc1 + load(a + (i &+ 8)) * load(b + (i &+ 8))
            i &+= 16
        }
        if i &+ 8 <= n {
            acc0 = acc0 + load(a + i) * load(b + i)
            i &+= 8
        }
        var sum = (acc0 + acc1).sum()
        while i < n {
            sum += a[i] * b[i]
            i &+= 1
        }
        return sum
    }

    /// `y += alpha * x`
    @inline(__always)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        let a = SIMD8<Float>(repeating: alpha)
        var i = 0
        while i &+ 8 <= n {
            store(load(y + i) + a * load(x + i), y + i)
            i &+= 8
        }
        while i < n {
            y[i] += alpha * x[i]
            i &+= 1
        }
    }

    /// `y += x`, element by element in order (the mean of word vectors must match fastText bit for bit).
    @inline(__always)
    static func add(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        while i &+ 8 <= n {
            store(load(y + i) + load(x + i), y + i)
            i &+= 8
        }
        while i < n {
            y[i] += x[i]
            i &+= 1
        }
    }

    @inline(__always)
    static func scale(_ y: UnsafeMutablePointer<Float>, _ alpha: Float, _ n: Int) {
        for i in 0..<n { y[i] *= alpha }
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
}

/// xorshift64*: fast per-thread randomness for the hot loop (fastText uses `minstd_rand`; hogwild training
/// is not reproducible across runs anyway).
struct FastRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    @inline(__always)
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    /// Uniform in `[0, 1)`.
    @inline(__always)
    mutating func nextUnitFloat() -> Float { Float(next() >> 40) * (1.0 / 16_777_216.0) }

    /// Uniform in `0..<bound` (bound > 0), by multiply-shift.
    @inline(__always)
    mutating func next(below bound: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt32(truncatingIfNeeded: next() >> 32)) &* UInt64(bound)) >> 32)
    }
}

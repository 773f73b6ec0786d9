extension Tensor {
    /// Matrix product through cblas_sgemm, PyTorch's `matmul` for ranks 2 and 3: `[M,K]·[K,N]`,
    /// batched `[B,M,K]·[B,K,N]`, and `[B,M,K]·[K,N]` (shared right operand, as in a linear layer).
    public func matmul(_ other: Tensor) -> Tensor { Tensor.matmul(self, other) }

    /// `op(a)·op(b)` where op transposes the last two axes when asked, without materialising the transpose.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        matmulForward(a, b, transposeA, transposeB).recorded(
            .matmul(transposeA: transposeA, transposeB: transposeB),
            [a, b]
        )
    }
}

/// Forward of the matmul primitive (graph-free).
func matmulForward(_ a: Tensor, _ b: Tensor, _ ta: Bool, _ tb: Bool) -> Tensor {
    let shapes = "matmul: shapes \(a.shape)\(ta ? "ᵀ" : "") and \(b.shape)\(tb ? "ᵀ" : "")"
    precondition((2...3).contains(a.rank) && (2...3).contains(b.rank), "\(shapes): ranks must be 2 or 3")
    let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
    let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
    let (m, k) = ta ? (ac, ar) : (ar, ac)
    let (k2, n) = tb ? (bc, br) : (br, bc)
    precondition(k == k2, "\(shapes): inner dimensions \(k) and \(k2) differ")
    let batchA = a.rank == 3 ? a.shape[0] : 1
    let batchB = b.rank == 3 ? b.shape[0] : 1
    precondition(a.rank == 2 || b.rank == 2 || batchA == batchB, "\(shapes): batch sizes differ")
    let batch = Swift.max(batchA, batchB)
    let blas = BLAS.shared

    // A 3-D left operand times a shared 2-D right operand is one big GEMM when A is not transposed.
    if a.rank == 3 && b.rank == 2 && !ta {
        let out = Tensor(uninitializedShape: [batch, m, n])
        blas.sgemm(
            transA: false,
            transB: tb,
            m: batch * m,
            n: n,
            k: k,
            alpha: 1,
            a: a.data,
            lda: ac,
            b: b.data,
            ldb: bc,
            beta: 0,
            c: out.data,
            ldc: n
        )
        return out
    }
    let out = Tensor(uninitializedShape: a.rank == 2 && b.rank == 2 ? [m, n] : [batch, m, n])
    for i in 0..<batch {
        let pa = a.data + (a.rank == 3 ? i * ar * ac : 0)
        let pb = b.data + (b.rank == 3 ? i * br * bc : 0)
        blas.sgemm(
            transA: ta,
            transB: tb,
            m: m,
            n: n,
            k: k,
            alpha: 1,
            a: pa,
            lda: ac,
            b: pb,
            ldb: bc,
            beta: 0,
            c: out.data + i * m * n,
            ldc: n
        )
    }
    return out
}

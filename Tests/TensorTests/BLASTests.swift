import Foundation
import Testing

@testable import Tensor

@Suite struct BLASTests {
    @Test func kernelIsChosenFromCPUFeatures() {
        let blas = BLAS.shared
        let features = CPUFeatures.current()
        print(
            "OpenBLAS core type: \(blas.coreType) (selection: \(blas.selection), requested: \(blas.requestedCoreType ?? "-"))"
        )
        switch blas.selection {
        case .automatic:
            // OpenBLAS must report the kernel we asked for, not its own (possibly wrong) detection.
            #expect(blas.coreType.lowercased() == features.openBLASCoreType?.lowercased())
            #expect(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil)
        case .user:
            #expect(blas.requestedCoreType == ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"])
        case .openBLAS:
            #expect(
                ProcessInfo.processInfo.environment["ATELIER_BLAS_AUTOSELECT"] == "0"
                    || features.openBLASCoreType == nil
            )
        case .alreadyLoaded:
            // Only possible if something linked OpenBLAS into this binary, which would defeat the selection.
            Issue.record("OpenBLAS was loaded before Atelier chose its kernel: is it linked (DT_NEEDED)?")
        }
        #expect(blas.coreType != "unknown")
    }

    @Test func avx512ImpliesAVX2() {
        let f = CPUFeatures.current()
        if f.avx512f { #expect(f.avx2 && f.avx) }
        if f.avx2 { #expect(f.avx) }
    }

    /// The selected kernel must compute the same product as a plain Float64 triple loop.
    @Test(arguments: [(1, 1, 1), (7, 5, 3), (64, 33, 130), (129, 257, 65)])
    func sgemmMatchesReference(m: Int, n: Int, k: Int) {
        var rng = SeededGenerator(seed: UInt64(m * 1000 + n * 10 + k))
        let a = Tensor.uniform([m, k], -1, 1, using: &rng)
        let b = Tensor.uniform([k, n], -1, 1, using: &rng)
        let c = a.matmul(b)
        var maxErr: Double = 0
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k { s += Double(a.data[i * k + p]) * Double(b.data[p * n + j]) }
                maxErr = Swift.max(maxErr, abs(s - Double(c.data[i * n + j])))
            }
        }
        #expect(maxErr < 1e-5 * Double(k))  // Float32 accumulation error grows with k
    }
}

@Suite struct AutogradTests {
    @Test func gradientsAccumulateAcrossUsesAndBackwardCalls() {
        let x = Tensor([2, 3], shape: [2], requiresGrad: true)
        (x * x + x).sum().backward()  // d/dx = 2x + 1
        #expect(x.grad!.scalars == [5, 7])
        (x * 3).sum().backward()  // accumulates, as PyTorch
        #expect(x.grad!.scalars == [8, 10])
    }

    @Test func constantsRecordNothing() {
        let a = Tensor([1, 2], shape: [2]), b = Tensor([3, 4], shape: [2])
        let c = (a * b).exp()
        #expect(!c.requiresGrad && c.node == nil)
    }

    @Test func graphIsReleasedAfterBackward() {
        let x = Tensor([1], shape: [1], requiresGrad: true)
        let y = (x * 2).exp().sum()
        y.backward()
        #expect(y.node == nil && !y.requiresGrad)
        #expect(x.requiresGrad, "leaves keep requiring grad")
    }
}

import CBLAS

/// The x86-64 features that decide which OpenBLAS kernel family can run, read with `cpuid` and `xgetbv`.
///
/// A feature only counts when the OS also saves the registers it needs (XCR0), as OpenBLAS's own
/// `dynamic.c` checks: a CPU with AVX-512 under a kernel that does not enable ZMM state must not get it.
public struct CPUFeatures: Sendable, Equatable {
    public var avx = false
    public var avx2 = false
    public var fma = false
    public var avx512f = false
    public var avx512bw = false
    public var avx512dq = false
    public var avx512vl = false
    public var avx512bf16 = false
    public var sse42 = false

    /// Probes the CPU this process runs on (all `false` on non-x86 CPUs).
    public static func current() -> CPUFeatures {
        var features = CPUFeatures()
        var regs: [UInt32] = [0, 0, 0, 0]
        guard atelier_cpuid(0, 0, &regs) != 0 else { return features }
        let maxLeaf = regs[0]
        guard maxLeaf >= 1 else { return features }
        atelier_cpuid(1, 0, &regs)
        let ecx1 = regs[2]
        features.sse42 = ecx1 & (1 << 20) != 0
        let osxsave = ecx1 & (1 << 27) != 0
        let xcr0 = osxsave ? atelier_xgetbv0() : 0
        let osYMM = xcr0 & 0b110 == 0b110
        let osZMM = osYMM && xcr0 & 0b1110_0000 == 0b1110_0000
        features.avx = osYMM && ecx1 & (1 << 28) != 0
        features.fma = osYMM && ecx1 & (1 << 12) != 0
        if maxLeaf >= 7 {
            atelier_cpuid(7, 0, &regs)
            let ebx7 = regs[1]
            features.avx2 = osYMM && ebx7 & (1 << 5) != 0
            features.avx512f = osZMM && ebx7 & (1 << 16) != 0
            features.avx512dq = osZMM && ebx7 & (1 << 17) != 0
            features.avx512bw = osZMM && ebx7 & (1 << 30) != 0
            features.avx512vl = osZMM && ebx7 & (1 << 31) != 0
            let subleaves = regs[0]
            if subleaves >= 1 {
                atelier_cpuid(7, 1, &regs)
                features.avx512bf16 = osZMM && regs[0] & (1 << 5) != 0
            }
        }
        return features
    }

    /// The OpenBLAS `OPENBLAS_CORETYPE` whose kernels suit these features, or nil to leave the choice to OpenBLAS.
    ///
    /// SkylakeX kernels need AVX-512 F/BW/DQ/VL (Cooperlake adds BF16, as OpenBLAS's own detection
    /// prefers; its SGEMM kernel is SkylakeX's); Haswell kernels AVX2 + FMA; SandyBridge AVX; Nehalem SSE4.2.
    public var openBLASCoreType: String? {
        if avx512f && avx512bw && avx512dq && avx512vl && avx2 && fma { return avx512bf16 ? "Cooperlake" : "SkylakeX" }
        if avx2 && fma { return "Haswell" }
        if avx { return "SandyBridge" }
        if sse42 { return "Nehalem" }
        return nil
    }
}

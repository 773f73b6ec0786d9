import CBLAS
import Foundation

/// The OpenBLAS library, loaded lazily with `dlopen` after its kernel has been chosen from the CPU's features.
///
/// Why dlopen: Debian's OpenBLAS (0.3.21, DYNAMIC_ARCH) does not recognise recent Xeons and falls back to its
/// slowest "Prescott" kernel (about 1/5 of the speed). It reads `OPENBLAS_CORETYPE` in a library constructor,
/// which for a linked library runs before `main`. Loading it on first use, after setting the variable, is the
/// only in-process way to choose; re-executing the process would surprise servers and tests. A user-set
/// `OPENBLAS_CORETYPE` is respected; `ATELIER_BLAS_AUTOSELECT=0` turns selection off (for benchmarks).
/// The binary itself is never compiled for a particular CPU. The variable is set only around the `dlopen`
/// (first BLAS use, once per process) and then removed again; `setenv` is not thread-safe against concurrent
/// `getenv`, so a process that reads its environment from other threads at that moment should touch
/// `BLAS.shared` early (e.g. at start-up).
public struct BLAS: @unchecked Sendable {
    /// How the core type was decided.
    public enum Selection: String, Sendable {
        /// Atelier chose it from cpuid.
        case automatic
        /// `OPENBLAS_CORETYPE` was set by the user and left alone.
        case user
        /// Selection was disabled or found no better choice; OpenBLAS detected the CPU itself.
        case openBLAS
        /// OpenBLAS was already loaded by something else when Atelier first used it.
        case alreadyLoaded
    }

    /// The process's one OpenBLAS: a library is process-wide, so this is too (initialised once, thread-safely).
    public static let shared = BLAS.load()

    let sgemmFunction: atelier_sgemm_fn
    let getCoreName: atelier_get_corename_fn?
    let getThreads: atelier_get_num_threads_fn?
    let setThreads: atelier_set_num_threads_fn?
    /// How `coreType` was chosen.
    public let selection: Selection
    /// The core type Atelier asked for, if it asked.
    public let requestedCoreType: String?
    /// The path or soname that was loaded.
    public let library: String

    /// The kernel family OpenBLAS actually uses (`openblas_get_corename`), e.g. "SkylakeX" or "Prescott".
    public var coreType: String {
        guard let getCoreName, let name = getCoreName() else { return "unknown" }
        return String(cString: name)
    }

    /// OpenBLAS's thread count.
    public var threads: Int {
        get { Int(getThreads?() ?? 1) }
        nonmutating set { setThreads?(Int32(newValue)) }
    }

    private static let candidates = [
        "libopenblas.so.0", "libopenblas.so", "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/libopenblas.so.0", "libopenblas.dylib",
        "/opt/homebrew/opt/openblas/lib/libopenblas.dylib",
    ]

    private static func load() -> BLAS {
        let env = ProcessInfo.processInfo.environment
        var selection = Selection.openBLAS
        var requested: String?
        var preloaded: (UnsafeMutableRawPointer, String)?
        for name in candidates {
            if let handle = dlopen(name, RTLD_NOW | RTLD_NOLOAD) { preloaded = (handle, name); break }
        }
        if preloaded != nil {
            selection = .alreadyLoaded
        } else if let user = env["OPENBLAS_CORETYPE"], !user.isEmpty {
            selection = .user
            requested = user
        } else if env["ATELIER_BLAS_AUTOSELECT"] != "0", let core = CPUFeatures.current().openBLASCoreType {
            selection = .automatic
            requested = core
            // Set only for the load, then restore, so child processes make their own choice.
            setenv("OPENBLAS_CORETYPE", core, 1)
        }
        var loaded = preloaded
        if loaded == nil {
            for name in candidates {
                if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) { loaded = (handle, name); break }
            }
        }
        if selection == .automatic { unsetenv("OPENBLAS_CORETYPE") }
        guard let (handle, name) = loaded, let sgemm = dlsym(handle, "cblas_sgemm") else {
            fatalError("Atelier needs OpenBLAS: install it with `apt-get install libopenblas-dev` (or `libopenblas0`)")
        }
        return BLAS(
            sgemmFunction: unsafeBitCast(sgemm, to: atelier_sgemm_fn.self),
            getCoreName: dlsym(handle, "openblas_get_corename").map {
                unsafeBitCast($0, to: atelier_get_corename_fn.self)
            },
            getThreads: dlsym(handle, "openblas_get_num_threads").map {
                unsafeBitCast($0, to: atelier_get_num_threads_fn.self)
            },
            setThreads: dlsym(handle, "openblas_set_num_threads").map {
                unsafeBitCast($0, to: atelier_set_num_threads_fn.self)
            },
            selection: selection,
            requestedCoreType: requested,
            library: name
        )
    }

    /// Row-major `C = alpha * op(A) * op(B) + beta * C` (cblas_sgemm), with op = transpose when asked.
    public func sgemm(
        transA: Bool,
        transB: Bool,
        m: Int,
        n: Int,
        k: Int,
        alpha: Float,
        a: UnsafePointer<Float>,
        lda: Int,
        b: UnsafePointer<Float>,
        ldb: Int,
        beta: Float,
        c: UnsafeMutablePointer<Float>,
        ldc: Int
    ) {
        sgemmFunction(
            CblasRowMajor,
            transA ? CblasTrans : CblasNoTrans,
            transB ? CblasTrans : CblasNoTrans,
            Int32(m),
            Int32(n),
            Int32(k),
            alpha,
            a,
            Int32(lda),
            b,
            Int32(ldb),
            beta,
            c,
            Int32(ldc)
        )
    }
}

// Benchmarks for Tensor and NeuralNet; see BENCHMARKS.md for the commands and recorded results.
//   TensorBench sgemm [reps]   GFLOP/s of Tensor.matmul vs a raw cblas_sgemm call at 128² (per-call cost), 512², 1024², 2048²
//   TensorBench lstm [iters]   LSTM forward+backward tokens/s (batch 128, 2 layers, hidden 200, input 300, seq 100)
import Foundation
import NeuralNet
import Tensor

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// CPU seconds used by the whole process (all threads): unlike wall time, not inflated while other
/// processes hold the cores, so the Tensor-vs-raw comparison survives a busy machine.
func cpuSeconds(_ body: () -> Void) -> Double {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start)
    body()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

// TENSORBENCH_MALLOC=default measures with glibc's default (mmap for every large temporary).
let retained =
    ProcessInfo.processInfo.environment["TENSORBENCH_MALLOC"] == "default" ? false : TensorAllocator.retainFreedMemory()
let blas = BLAS.shared
let arguments = CommandLine.arguments
let mode = arguments.count > 1 ? arguments[1] : "sgemm"
print(
    "OpenBLAS core type: \(blas.coreType) (selection: \(blas.selection.rawValue)), threads: \(blas.threads), malloc retains freed memory: \(retained)"
)

switch mode {
case "sgemm":
    let reps = arguments.count > 2 ? Int(arguments[2])! : 15
    print("size\traw GFLOP/s\tTensor GFLOP/s\toverhead (wall)\toverhead (process CPU time)")
    for n in [128, 512, 1024, 2048] {
        var rng = SeededGenerator(seed: UInt64(n))
        let a = Tensor.uniform([n, n], -1, 1, using: &rng), b = Tensor.uniform([n, n], -1, 1, using: &rng)
        let c = Tensor.zeros([n, n])
        let flops = 2 * Double(n * n * n)
        var raw: [Double] = [], wrapped: [Double] = [], rawCPU: [Double] = [], wrappedCPU: [Double] = []
        // Each sample repeats the call for ~5 GFLOP (tens of ms), longer than a scheduler time slice, so that
        // small sizes are not at the mercy of a single preemption on a shared machine.
        let calls = max(1, Int(5e9 / flops))
        _ = a.matmul(b)  // warm-up: OpenBLAS threads and buffers
        func rawCalls() {
            for _ in 0..<calls {
                blas.sgemm(
                    transA: false,
                    transB: false,
                    m: n,
                    n: n,
                    k: n,
                    alpha: 1,
                    a: a.data,
                    lda: n,
                    b: b.data,
                    ldb: n,
                    beta: 0,
                    c: c.data,
                    ldc: n
                )
            }
        }
        func tensorCalls() {
            for _ in 0..<calls { _ = a.matmul(b) }
        }
        for _ in 0..<reps {
            // Interleaved so that both see the same machine state.
            raw.append(seconds(rawCalls) / Double(calls))
            wrapped.append(seconds(tensorCalls) / Double(calls))
            rawCPU.append(cpuSeconds(rawCalls) / Double(calls))
            wrappedCPU.append(cpuSeconds(tensorCalls) / Double(calls))
        }
        let (r, w) = (flops / median(raw) / 1e9, flops / median(wrapped) / 1e9)
        let cpuOverhead = median(wrappedCPU) / median(rawCPU) - 1
        print(
            "\(n)\t\(String(format: "%.1f", r))\t\(String(format: "%.1f", w))\t\(String(format: "%+.1f%%", (r / w - 1) * 100))"
                + "\t\(String(format: "%+.1f%%", cpuOverhead * 100))"
        )
    }
case "lstm":
    let iterations = arguments.count > 2 ? Int(arguments[2])! : 5
    let (batch, time, input, hidden) = (128, 100, 300, 200)
    var rng = SeededGenerator(seed: 0)
    let lstm = LSTM(inputSize: input, hiddenSize: hidden, numLayers: 2, rng: &rng)
    let x = Tensor.randn([batch, time, input], using: &rng)
    var times: [Double] = []
    for i in 0...iterations {
        lstm.zeroGrad()
        let t = seconds {
            let (out, _, _) = lstm(x)
            out.sum().backward()
        }
        if i > 0 { times.append(t) }  // the first iteration warms up
    }
    let m = median(times)
    print(
        "LSTM fwd+bwd median \(String(format: "%.3f", m)) s over \(iterations) iterations: \(String(format: "%.0f", Double(batch * time) / m)) tokens/s"
    )
default:
    print("usage: TensorBench sgemm|lstm [repetitions]")
}

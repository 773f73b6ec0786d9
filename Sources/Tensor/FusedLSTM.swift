import Foundation

/// What the fused LSTM layer keeps for its backward pass (activations of every step).
final class LSTMSaved {
    let time: Int, batch: Int, hidden: Int
    let lengths: [Int]?
    let reverse: Bool
    /// Per step: gate activations i, f, g, o `[T, B, 4H]`; cell before and tanh(cell after) `[T, B, H]`;
    /// h before `[T, B, H]`.
    let gates: Tensor, cellBefore: Tensor, tanhCell: Tensor, hiddenBefore: Tensor

    init(time: Int, batch: Int, hidden: Int, lengths: [Int]?, reverse: Bool) {
        (self.time, self.batch, self.hidden, self.lengths, self.reverse) = (time, batch, hidden, lengths, reverse)
        gates = Tensor(uninitializedShape: [time, batch, 4 * hidden])
        cellBefore = Tensor(uninitializedShape: [time, batch, hidden])
        tanhCell = Tensor(uninitializedShape: [time, batch, hidden])
        hiddenBefore = Tensor(uninitializedShape: [time, batch, hidden])
    }

    /// Whether step `t` is real (not padding) for sequence `b`.
    @inline(__always) func active(_ t: Int, _ b: Int) -> Bool { lengths.map { t < $0[b] } ?? true }
    var steps: [Int] { reverse ? Array((0..<time).reversed()) : Array(0..<time) }
}

extension Tensor {
    /// One LSTM layer direction as a single primitive (the fast path of `NeuralNet.LSTM`), the same maths
    /// as the composed cell it is tested against: gates = projected[t] + h·W_hhᵀ (order i, f, g, o),
    /// c = f·c + i·g, h = o·tanh(c); steps at or past a sequence's length keep the state and output 0.
    ///
    /// - Parameters:
    ///   - projected: `[T, B, 4H]`, the input projection of every step with both biases added.
    ///   - weightHH: `[4H, H]`.
    /// - Returns: `[T + 2, B, H]`: the outputs of every step, then the final h, then the final c.
    ///   Its backward computes dW_hh with one GEMM over all steps instead of one per step.
    public static func lstmLayer(projected: Tensor, weightHH: Tensor, lengths: [Int]?, reverse: Bool) -> Tensor {
        precondition(
            projected.rank == 3 && weightHH.rank == 2 && weightHH.shape[0] == projected.shape[2]
                && weightHH.shape[0] == 4 * weightHH.shape[1],
            "lstmLayer: projected \(projected.shape) must be [T, B, 4H] and weightHH \(weightHH.shape) [4H, H]"
        )
        let (time, batch, hidden) = (projected.shape[0], projected.shape[1], weightHH.shape[1])
        precondition(
            lengths.map { $0.count == batch && $0.allSatisfy { (0...time).contains($0) } } ?? true,
            "lstmLayer: lengths \(lengths ?? []) must be \(batch) values in 0...\(time) for projected \(projected.shape)"
        )
        let saved = LSTMSaved(time: time, batch: batch, hidden: hidden, lengths: lengths, reverse: reverse)
        // Every step's output row is written below; only the initial state needs zeros.
        let out = Tensor(uninitializedShape: [time + 2, batch, hidden])
        let h = out.data + time * batch * hidden, c = out.data + (time + 1) * batch * hidden
        h.update(repeating: 0, count: 2 * batch * hidden)
        let g4 = 4 * hidden
        let (savedGates, cBefore, tanhC, hBefore) =
            (saved.gates.data, saved.cellBefore.data, saved.tanhCell.data, saved.hiddenBefore.data)
        for t in saved.steps {
            // Gates are computed straight into the saved buffer: projection, plus h·W_hhᵀ, then activations.
            let gp = savedGates + t * batch * g4
            gp.update(from: projected.data + t * batch * g4, count: batch * g4)
            BLAS.shared.sgemm(
                transA: false,
                transB: true,
                m: batch,
                n: g4,
                k: hidden,
                alpha: 1,
                a: h,
                lda: hidden,
                b: weightHH.data,
                ldb: hidden,
                beta: 1,
                c: gp,
                ldc: g4
            )
            // Everything after the GEMM is per batch row: one fused pass per row, rows split over the cores.
            let base = t * batch * hidden
            let step = out.data + base
            parallelFor(batch, grain: lstmRowGrain(hidden)) { rows in
                for b in rows {
                    let row = gp + b * g4, off = b * hidden
                    mapUnary(row, row, 2 * hidden, scalar: sigmoid1, lanes: sigmoid8)
                    mapUnary(row + 2 * hidden, row + 2 * hidden, hidden, scalar: Foundation.tanh, lanes: tanh8)
                    mapUnary(row + 3 * hidden, row + 3 * hidden, hidden, scalar: sigmoid1, lanes: sigmoid8)
                    let cb = c + off, hb = h + off, at = tanhC + base + off
                    cBefore.advanced(by: base + off).update(from: cb, count: hidden)
                    hBefore.advanced(by: base + off).update(from: hb, count: hidden)
                    for k in 0..<hidden { at[k] = row[hidden + k] * cb[k] + row[k] * row[2 * hidden + k] }
                    // Active rows take the new cell; the saved cell then becomes tanh(c), all backward needs.
                    let active = saved.active(t, b)
                    if active { cb.update(from: at, count: hidden) }
                    mapUnary(at, at, hidden, scalar: Foundation.tanh, lanes: tanh8)
                    let o = step + off
                    if active {
                        for k in 0..<hidden { o[k] = row[3 * hidden + k] * at[k] }
                        hb.update(from: o, count: hidden)
                    } else {
                        o.update(repeating: 0, count: hidden)
                    }
                }
            }
        }
        return out.recorded(.lstmLayer(saved), [projected, weightHH])
    }
}

/// Batch rows per worker for the per-step elementwise work: about 8K elements, so that tiny layers stay on
/// one thread and the benchmark-sized ones (hundreds of rows of 200) use both cores.
@inline(__always) func lstmRowGrain(_ hidden: Int) -> Int { Swift.max(1, 8192 / Swift.max(hidden, 1)) }

/// Backward of `lstmLayer`: returns d(projected) and d(weightHH).
func lstmLayerBackward(_ s: LSTMSaved, weightHH: Tensor, _ gradOut: Tensor) -> (Tensor, Tensor) {
    let (time, batch, hidden) = (s.time, s.batch, s.hidden)
    let g4 = 4 * hidden
    let dProjected = Tensor(uninitializedShape: [time, batch, g4])  // every row is written below
    let go = gradOut.data
    // Running d(loss)/d(h) and d(loss)/d(c) of the state entering the current step, seeded by the final ones.
    let dhState = Tensor(uninitializedShape: [batch, hidden]), dcState = Tensor(uninitializedShape: [batch, hidden])
    dhState.data.update(from: go + time * batch * hidden, count: batch * hidden)
    dcState.data.update(from: go + (time + 1) * batch * hidden, count: batch * hidden)
    let (dh, dc) = (dhState.data, dcState.data)
    let (gates, cBefore, tanhCell) = (s.gates.data, s.cellBefore.data, s.tanhCell.data)
    for t in s.steps.reversed() {
        let base = t * batch * hidden
        let dG = dProjected.data + t * batch * g4
        parallelFor(batch, grain: lstmRowGrain(hidden)) { rows in
            for b in rows {
                let row = b * hidden
                let gate = gates + t * batch * g4 + b * g4, d = dG + b * g4
                // Padding: state and gradients pass through, dG is 0.
                guard s.active(t, b) else {
                    d.update(repeating: 0, count: g4)
                    continue
                }
                let (gob, tcb, cbb) = (go + base + row, tanhCell + base + row, cBefore + base + row)
                let (dhb, dcb) = (dh + row, dc + row)
                for k in 0..<hidden {
                    let (i, f) = (gate[k], gate[hidden + k])
                    let (g, o) = (gate[2 * hidden + k], gate[3 * hidden + k])
                    let dhTotal = dhb[k] + gob[k]
                    let tc = tcb[k]
                    let dcTotal = dcb[k] + dhTotal * o * (1 - tc * tc)
                    d[k] = dcTotal * g * i * (1 - i)
                    d[hidden + k] = dcTotal * cbb[k] * f * (1 - f)
                    d[2 * hidden + k] = dcTotal * i * (1 - g * g)
                    d[3 * hidden + k] = dhTotal * tc * o * (1 - o)
                    dcb[k] = dcTotal * f
                    dhb[k] = 0  // replaced below by dG·W_hh
                }
            }
        }
        // dh ← dG·W_hh + dh: active rows were zeroed above, padded rows (dG = 0) pass their gradient through.
        BLAS.shared.sgemm(
            transA: false,
            transB: false,
            m: batch,
            n: hidden,
            k: g4,
            alpha: 1,
            a: dG,
            lda: g4,
            b: weightHH.data,
            ldb: hidden,
            beta: 1,
            c: dh,
            ldc: hidden
        )
    }
    // dW_hh = Σ_t dG_tᵀ · h_{t-1}: one GEMM over all steps.
    let dW = Tensor(uninitializedShape: weightHH.shape)
    BLAS.shared.sgemm(
        transA: true,
        transB: false,
        m: g4,
        n: hidden,
        k: time * batch,
        alpha: 1,
        a: dProjected.data,
        lda: g4,
        b: s.hiddenBefore.data,
        ldb: hidden,
        beta: 0,
        c: dW.data,
        ldc: hidden
    )
    return (dProjected, dW)
}

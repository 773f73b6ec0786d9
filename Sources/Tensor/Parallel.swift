import Dispatch
import Foundation

/// Wraps a value that is safe to share for the duration of one parallel kernel (disjoint ranges).
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
}

/// Elements below which a kernel stays on one thread: thread hand-off costs more than it saves.
let parallelGrain = 1 << 15
let workerCount = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

/// Runs `body` over disjoint sub-ranges of `0..<count`, on several cores when the work is large.
func parallelFor(_ count: Int, grain: Int = parallelGrain, _ body: (Range<Int>) -> Void) {
    let workers = Swift.min(workerCount, count / Swift.max(grain, 1))
    if workers <= 1 {
        body(0..<count)
        return
    }
    withoutActuallyEscaping(body) { escaping in
        let box = UncheckedSendable(value: escaping)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            box.value((count * w / workers)..<(count * (w + 1) / workers))
        }
    }
}

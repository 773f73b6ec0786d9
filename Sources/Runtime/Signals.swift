#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Dispatch

let SIGKILL_VALUE: Int32 = SIGKILL
let SIGTERM_VALUE: Int32 = SIGTERM

/// Escalates to SIGKILL if the process is still alive after `grace`. Uses a GCD timer because it
/// is armed from a cancellation handler, which cannot await.
func killAfter(grace: Duration, process: SupervisedProcess) {
    let (seconds, attoseconds) = grace.components
    let nanos = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanos)) {
        if process.termination == nil { process.signalGroup(SIGKILL) }
    }
}

import Logging

/// Runs a `ProcessSpec` to completion under supervision: streams its output lines, enforces the
/// timeout, and stops the whole process group if the calling task is cancelled — so a caller that
/// fails or is interrupted never leaves a process behind.
public struct ProcessRunner<C: Clock>: Sendable where C.Duration == Duration {
    public let clock: C
    public let logger: Logger

    public init(clock: C, logger: Logger = Logger(label: "atelier.runtime")) {
        self.clock = clock
        self.logger = logger
    }

    /// Starts `spec`, hands the live process to `started` (so that others can signal it), passes
    /// each output line to `onLine`, and returns once the process has exited.
    public func run(
        _ spec: ProcessSpec,
        started: @Sendable (SupervisedProcess) async -> Void = { _ in },
        onLine: @escaping @Sendable (String) async -> Void
    ) async throws(RuntimeError) -> ProcessOutcome {
        let process = try SupervisedProcess(spec: spec)
        logger.debug("started", metadata: ["pid": "\(process.pid)", "executable": "\(spec.executable)"])
        await started(process)
        let grace = spec.terminationGrace
        let clock = self.clock
        let outcome = await withTaskCancellationHandler {
            await withTaskGroup(of: RunnerEvent.self) { group in
                group.addTask {
                    for await line in process.lines { await onLine(line) }
                    return .outputDone
                }
                group.addTask { .exited(await process.waitForExit()) }
                if let timeout = spec.timeout {
                    group.addTask {
                        do { try await clock.sleep(for: timeout) } catch { return .cancelledTimer }
                        return .timedOut
                    }
                }
                var timedOut = false
                var termination: ProcessTermination?
                var outputDone = false
                while let event = await group.next() {
                    switch event {
                    case .exited(let status):
                        termination = status
                        // The leader is gone; helpers it left in the group must not keep the
                        // output pipe open forever.
                        process.signalGroup(SIGKILL_VALUE)
                    case .timedOut:
                        if termination == nil {
                            timedOut = true
                            _ = await process.terminate(grace: grace, clock: clock)
                        }
                    case .outputDone: outputDone = true
                    case .cancelledTimer: break
                    }
                    if termination != nil && outputDone { break }
                }
                group.cancelAll()
                return ProcessOutcome(
                    termination: termination ?? process.termination ?? .signalled(SIGKILL_VALUE),
                    timedOut: timedOut,
                    cancelled: Task.isCancelled
                )
            }
        } onCancel: {
            // Runs concurrently with the body: SIGTERM now, SIGKILL after the grace period via
            // the waiter below. The body then sees the exit and returns.
            process.signalGroup(SIGTERM_VALUE)
            killAfter(grace: grace, process: process)
        }
        logger.debug("finished", metadata: ["pid": "\(process.pid)", "status": "\(outcome.termination)"])
        return outcome
    }
}

private enum RunnerEvent: Sendable { case exited(ProcessTermination), timedOut, outputDone, cancelledTimer }

import Foundation
import Logging
import Runtime

/// Runs each trial as a local process (Syne Tune's `LocalBackend` protocol): the command plus
/// `--name value` per hyperparameter and `--st_checkpoint_dir DIR`, in its own working directory
/// `trials/<id>/` with output in `trials/<id>/std.out`; results are the `[tune-metric]: {json}`
/// lines it prints.
///
/// Use it through `withLocalBackend`, which owns the supervising tasks: when that scope ends (or
/// is cancelled) every trial process group is stopped.
public actor LocalBackend<C: Clock>: TrialBackend where C.Duration == Duration {
    public struct Options: Sendable {
        public var command: [String]
        /// Experiment directory; trials go to `trials/<id>/`.
        public var directory: URL
        /// Order of the command-line arguments (constants and hyperparameters).
        public var space: ConfigSpace
        public var environment: [String: String] = [:]
        /// A trial running longer than this (per launch) fails.
        public var trialTimeout: Duration?
        /// Config keys the backend consumes instead of passing them on.
        public var consumedKeys: Set<String> = ["st_instance_type"]
        public var tickInterval: Duration = .milliseconds(500)

        public init(command: [String], directory: URL, space: ConfigSpace) {
            self.command = command
            self.directory = directory
            self.space = space
        }
    }

    let options: Options
    let clock: C
    let logger: Logger
    private let origin: C.Instant
    private let launches: AsyncStream<TrialLaunch>.Continuation
    private var events: [TrialEvent] = []
    private var waiter: CheckedContinuation<TrialEvent?, Never>?
    private var processes: [Int: SupervisedProcess] = [:]
    private var live: Set<Int> = []
    private var requestedEnd: Set<Int> = []
    private var malformed: [Int: String] = [:]
    private var cpuLoad: [Int]
    private var closed = false

    init(options: Options, clock: C, logger: Logger, launches: AsyncStream<TrialLaunch>.Continuation) {
        self.options = options
        self.clock = clock
        self.logger = logger
        self.launches = launches
        self.origin = clock.now
        self.cpuLoad = Array(repeating: 0, count: onlineCPUCount())
    }

    public func elapsed() -> Double { seconds(origin.duration(to: clock.now)) }

    public func start(_ launch: TrialLaunch) throws {
        guard !closed else { throw TuningError("the local backend is shut down") }
        live.insert(launch.trialID)
        requestedEnd.remove(launch.trialID)
        malformed[launch.trialID] = nil
        launches.yield(launch)
    }

    public func pause(trialID: Int) { end(trialID) }
    public func stop(trialID: Int) { end(trialID) }

    private func end(_ trialID: Int) {
        guard live.contains(trialID) else { return }
        requestedEnd.insert(trialID)
        processes[trialID]?.signalGroup(SIGTERM)
    }

    public func nextEvent() async -> TrialEvent? {
        if !events.isEmpty { return events.removeFirst() }
        if live.isEmpty || closed { return nil }
        return await withCheckedContinuation { waiter = $0 }
    }

    public func cleanUp(staleHandles: [String]) {
        for handle in staleHandles {
            let parts = handle.split(separator: ":")
            guard parts.count == 2, let pid = Int32(parts[0]) else { continue }
            if killStaleProcessGroup(pid: pid, startTicks: UInt64(parts[1])) {
                logger.info("killed a trial left by an earlier session", metadata: ["pid": "\(pid)"])
            }
        }
    }

    func deliver(_ event: TrialEvent) {
        if case .tick = event {
            // Ticks only wake a waiting tuner; they are never queued.
            if let waiter {
                self.waiter = nil
                waiter.resume(returning: .tick)
            }
            return
        }
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: event)
        } else {
            events.append(event)
        }
    }

    func shutDown() {
        closed = true
        launches.finish()
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: nil)
        }
    }

    func register(_ trialID: Int, _ process: SupervisedProcess) {
        processes[trialID] = process
        deliver(.launched(trialID: trialID, handle: "\(process.pid):\(process.startTicks.map(String.init) ?? "")"))
        // A pause or stop that arrived before the process existed.
        if requestedEnd.contains(trialID) { process.signalGroup(SIGTERM) }
    }

    func markMalformed(_ trialID: Int, _ line: String) {
        guard malformed[trialID] == nil else { return }
        malformed[trialID] = "malformed [tune-metric] line: \(line.prefix(200))"
        processes[trialID]?.signalGroup(SIGTERM)
    }

    func allocateCPUs(_ count: Int) -> [Int] {
        let chosen = cpuLoad.indices.sorted { (cpuLoad[$0], $0) < (cpuLoad[$1], $1) }.prefix(min(count, cpuLoad.count))
        for cpu in chosen { cpuLoad[cpu] += 1 }
        return Array(chosen).sorted()
    }

    func finished(_ trialID: Int, cpus: [Int], outcome: Result<ProcessOutcome, TuningError>, timeout: Duration?) {
        for cpu in cpus { cpuLoad[cpu] -= 1 }
        processes[trialID] = nil
        live.remove(trialID)
        let exit: TrialExit
        if requestedEnd.remove(trialID) != nil {
            exit = .endedOnRequest
        } else if let reason = malformed[trialID] {
            exit = .failed(reason)
        } else {
            switch outcome {
            case .failure(let error): exit = .failed("\(error)")
            case .success(let outcome) where outcome.timedOut:
                exit = .failed("timed out after \(timeout.map { seconds($0) } ?? 0) s")
            case .success(let outcome) where outcome.termination.isSuccess: exit = .succeeded
            case .success(let outcome): exit = .failed("\(outcome.termination); see std.out")
            }
        }
        deliver(.ended(trialID: trialID, exit: exit))
    }
}

func seconds(_ duration: Duration) -> Double {
    let (whole, fraction) = duration.components
    return Double(whole) + Double(fraction) / 1e18
}

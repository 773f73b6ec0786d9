/// A named resource profile ("instance type"): CPU threads a trial may use and its price.
public struct InstanceType: Sendable, Equatable {
    public var name: String
    /// CPU threads (cores the trial is pinned to, and `OMP_NUM_THREADS`).
    public var threads: Int
    public var pricePerHour: Double

    public init(name: String, threads: Int, pricePerHour: Double) {
        self.name = name
        self.threads = threads
        self.pricePerHour = pricePerHour
    }
}

/// Everything a backend needs to start or resume one trial.
public struct TrialLaunch: Sendable, Equatable {
    public var trialID: Int
    public var config: Configuration
    /// True when the trial continues from its checkpoint directory (promotion, or after a crash).
    public var resume: Bool
    public var instanceType: InstanceType?
    /// Worker seconds the trial used before this launch (so `st_worker_time` keeps counting).
    public var workerTimeSoFar: Double

    public init(
        trialID: Int,
        config: Configuration,
        resume: Bool,
        instanceType: InstanceType? = nil,
        workerTimeSoFar: Double = 0
    ) {
        self.trialID = trialID
        self.config = config
        self.resume = resume
        self.instanceType = instanceType
        self.workerTimeSoFar = workerTimeSoFar
    }
}

/// How a trial's process ended.
public enum TrialExit: Sendable, Equatable {
    /// Exited with status 0.
    case succeeded
    /// Crashed, timed out or printed a malformed `[tune-metric]` line.
    case failed(String)
    /// Ended because the tuner paused or stopped it.
    case endedOnRequest
}

/// What a backend reports to the tuner.
public enum TrialEvent: Sendable, Equatable {
    /// A `[tune-metric]` report, with `st_worker_time` and `st_worker_cost` added by the backend.
    case result(trialID: Int, result: TrialResult)
    case ended(trialID: Int, exit: TrialExit)
    /// The trial's process (or job) is up; `handle` lets a later session clean it up after a crash.
    case launched(trialID: Int, handle: String)
    /// Nothing happened for a while; lets the tuner check its stop criteria and redraw status.
    case tick
}

/// The acting side of tuning: runs trials where the scheduler says (local processes, a simulator,
/// later Slurm). Backends are actors; the tuner calls them from one task, one call at a time.
public protocol TrialBackend: Actor {
    /// Starts (or resumes) a trial. Throws if it could not be started at all.
    func start(_ launch: TrialLaunch) async throws
    /// Stops a running trial's process, keeping its checkpoint; an `.ended(…, .endedOnRequest)`
    /// event follows.
    func pause(trialID: Int) async
    /// Stops a running trial for good; an `.ended(…, .endedOnRequest)` event follows.
    func stop(trialID: Int) async
    /// The next event, waiting for one; nil when no trial is running and none will report.
    func nextEvent() async -> TrialEvent?
    /// Seconds since the backend started, on its clock (virtual for the simulator).
    func elapsed() async -> Double
    /// Ends processes a crashed earlier session left behind (handles from `.launched` events).
    func cleanUp(staleHandles: [String]) async
}

extension TrialBackend {
    public func cleanUp(staleHandles: [String]) async {}
}

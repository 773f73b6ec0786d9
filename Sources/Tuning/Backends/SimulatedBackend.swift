/// A discrete-event backend with virtual time: each trial replays a learning curve (one result
/// per epoch, a fixed virtual duration each), so whole experiments run in milliseconds and
/// deterministically. Used by tests and by the overhead benchmark.
public actor SimulatedBackend: TrialBackend {
    /// Metrics reported by a trial with this config after `epoch` epochs (1-based); nil ends the
    /// trial (its curve is exhausted). A closure returning a `TrialResult` with NaN is a crash.
    public typealias Curve = @Sendable (_ config: Configuration, _ epoch: Int) -> TrialResult?
    /// Virtual seconds one epoch takes for a config.
    public typealias EpochDuration = @Sendable (_ config: Configuration, _ instance: InstanceType?) -> Double

    private struct Pending: Comparable {
        var time: Double
        var sequence: Int
        var trialID: Int
        var epoch: Int
        static func < (a: Pending, b: Pending) -> Bool { (a.time, a.sequence) < (b.time, b.sequence) }
    }

    private let curve: Curve
    private let epochDuration: EpochDuration
    private let timeAttribute: String
    private var now = 0.0
    private var sequence = 0
    private var queue: [Pending] = []
    private var running:
        [Int: (config: Configuration, instance: InstanceType?, startedAt: Double, workerTime: Double)] = [:]
    private var workerTime: [Int: Double] = [:]
    /// Epoch each trial reached; a resumed trial continues after it (perfect checkpointing).
    private var epochsDone: [Int: Int] = [:]
    private var endedOnRequest: [Int] = []

    public init(timeAttribute: String = "epoch", curve: @escaping Curve, epochDuration: @escaping EpochDuration) {
        self.curve = curve
        self.epochDuration = epochDuration
        self.timeAttribute = timeAttribute
    }

    public func start(_ launch: TrialLaunch) {
        let start = launch.resume ? epochsDone[launch.trialID] ?? 0 : 0
        epochsDone[launch.trialID] = start
        running[launch.trialID] = (
            launch.config, launch.instanceType, now, max(launch.workerTimeSoFar, workerTime[launch.trialID] ?? 0)
        )
        schedule(trialID: launch.trialID, epoch: start + 1)
    }

    public func pause(trialID: Int) { end(trialID) }
    public func stop(trialID: Int) { end(trialID) }

    public func elapsed() -> Double { now }

    public func nextEvent() -> TrialEvent? {
        if !endedOnRequest.isEmpty { return .ended(trialID: endedOnRequest.removeFirst(), exit: .endedOnRequest) }
        guard let index = queue.indices.min(by: { queue[$0] < queue[$1] }) else { return nil }
        let event = queue.remove(at: index)
        now = max(now, event.time)
        guard let trial = running[event.trialID] else { return nextEvent() }
        let time = trial.workerTime + (now - trial.startedAt)
        workerTime[event.trialID] = time
        guard var result = curve(trial.config, event.epoch) else {
            running[event.trialID] = nil
            return .ended(trialID: event.trialID, exit: .succeeded)
        }
        if result.values.contains(where: { $0.isNaN }) {
            running[event.trialID] = nil
            return .ended(trialID: event.trialID, exit: .failed("simulated crash at epoch \(event.epoch)"))
        }
        epochsDone[event.trialID] = event.epoch
        result[timeAttribute] = Double(event.epoch)
        result["st_worker_time"] = time
        if let instance = trial.instance { result["st_worker_cost"] = time * instance.pricePerHour / 3600 }
        schedule(trialID: event.trialID, epoch: event.epoch + 1)
        return .result(trialID: event.trialID, result: result)
    }

    private func schedule(trialID: Int, epoch: Int) {
        guard let trial = running[trialID] else { return }
        sequence += 1
        // A trial whose curve is exhausted ends at once rather than one epoch later.
        let duration = curve(trial.config, epoch) == nil ? 0 : epochDuration(trial.config, trial.instance)
        queue.append(Pending(time: now + duration, sequence: sequence, trialID: trialID, epoch: epoch))
    }

    private func end(_ trialID: Int) {
        guard let trial = running.removeValue(forKey: trialID) else { return }
        workerTime[trialID] = trial.workerTime + (now - trial.startedAt)
        queue.removeAll { $0.trialID == trialID }
        endedOnRequest.append(trialID)
    }
}

/// Everything known about an experiment, rebuilt from its event log. Pure data.
public struct ExperimentState: Sendable {
    public internal(set) var trials: [Int: TrialRecord] = [:]
    public internal(set) var rows: [ResultRow] = []
    public internal(set) var nextTrialID = 0
    /// Tuner seconds at the last event (over all sessions).
    public internal(set) var time = 0.0
    public internal(set) var finished = false
    /// Backend handles of processes that were running when the log was written.
    var handles: [Int: String] = [:]
    /// Trials whose process runs (or ran when the tuner died; a session resets this).
    public internal(set) var active: Set<Int> = []

    public init() {}

    public var trialsStarted: Int { trials.count }

    public func count(_ status: TrialStatus) -> Int { trials.values.filter { $0.status == status }.count }

    /// Sum of the latest `st_worker_cost` of every trial.
    public var totalCost: Double { trials.values.reduce(0) { $0 + $1.workerCost } }

    mutating func apply(_ event: LogEvent) {
        switch event {
        case .header: break
        case .suggest(let trial, let config, let time):
            self.time = max(self.time, time)
            if let config {
                trials[trial] = TrialRecord(trialID: trial, config: config, status: .inProgress)
                nextTrialID = max(nextTrialID, trial + 1)
            } else {
                trials[trial]?.status = .inProgress
            }
            active.insert(trial)
        case .result(let trial, let result, let decision, let status, let time):
            self.time = max(self.time, time)
            rows.append(ResultRow(trialID: trial, result: result, tunerTime: time, decision: decision, status: status))
            trials[trial]?.status = status
            trials[trial]?.lastResult = result
            trials[trial]?.resultCount += 1
            if let workerTime = result["st_worker_time"] { trials[trial]?.workerTime = workerTime }
            if let cost = result["st_worker_cost"] { trials[trial]?.workerCost = cost }
        case .ended(let trial, let status, let reason, let time):
            self.time = max(self.time, time)
            active.remove(trial)
            handles[trial] = nil
            if let status {
                trials[trial]?.status = status
                if let reason { trials[trial]?.failure = reason }
            }
        case .launched(let trial, let handle):
            handles[trial] = handle
        case .finished(let time):
            self.time = max(self.time, time)
            finished = true
        }
    }

    /// Trials that were running (or about to be resumed) when the previous session died: their
    /// process is gone, and the scheduler still counts them as running.
    var interrupted: [Int] {
        trials.values.filter { $0.status == .inProgress }.map(\.trialID).sorted()
    }
}

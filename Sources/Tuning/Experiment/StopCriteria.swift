/// When an experiment ends (Syne Tune's `StoppingCriterion`). All optional; the experiment also
/// ends when the searcher is exhausted and no trial runs.
public struct StopCriteria: Sendable, Equatable {
    /// Tuner seconds, over all sessions of the experiment.
    public var maxWallclockTime: Double?
    /// No new trial starts after this many (running ones finish).
    public var maxNumTrialsStarted: Int?
    /// Ends once this many trials are completed or stopped by the scheduler (failed ones excluded).
    public var maxNumTrialsCompleted: Int?
    /// Total `st_worker_cost` over all trials.
    public var maxCost: Double?
    /// Ends when a reported value of the metric is at or below this (`min_metric_value`).
    public var minMetricValue: [String: Double]
    /// Ends when a reported value of the metric is at or above this (`max_metric_value`).
    public var maxMetricValue: [String: Double]

    public init(
        maxWallclockTime: Double? = nil,
        maxNumTrialsStarted: Int? = nil,
        maxNumTrialsCompleted: Int? = nil,
        maxCost: Double? = nil,
        minMetricValue: [String: Double] = [:],
        maxMetricValue: [String: Double] = [:]
    ) {
        self.maxWallclockTime = maxWallclockTime
        self.maxNumTrialsStarted = maxNumTrialsStarted
        self.maxNumTrialsCompleted = maxNumTrialsCompleted
        self.maxCost = maxCost
        self.minMetricValue = minMetricValue
        self.maxMetricValue = maxMetricValue
    }
}

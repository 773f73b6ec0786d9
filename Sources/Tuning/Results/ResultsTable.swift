import Foundation

/// The results table of an experiment: one row per reported result, with Syne Tune's column names
/// (`trial_id`, `config_*`, the metrics, `st_worker_time`, `st_worker_cost`, `st_tuner_time`,
/// `st_decision`, `st_status`).
public struct ResultsTable: Sendable {
    public let columns: [String]
    public let rows: [[String]]

    public init(state: ExperimentState, space: ConfigSpace) {
        var configNames = space.names
        for trial in state.trials.values {
            for name in trial.config.keys where !configNames.contains(name) { configNames.append(name) }
        }
        var metricNames = Set<String>()
        for row in state.rows { metricNames.formUnion(row.result.keys) }
        let workerColumns = ["st_worker_time", "st_worker_cost"].filter { metricNames.contains($0) }
        let metrics = metricNames.subtracting(workerColumns).sorted()
        columns =
            ["trial_id"] + configNames.map { "config_\($0)" } + metrics + workerColumns
            + ["st_tuner_time", "st_decision", "st_status"]
        rows = state.rows.map { row in
            let config = state.trials[row.trialID]?.config ?? [:]
            return [String(row.trialID)] + configNames.map { config[$0]?.description ?? "" }
                + (metrics + workerColumns).map { row.result[$0].map(formatNumber) ?? "" }
                + [formatNumber(row.tunerTime), row.decision.rawValue, row.status.rawValue]
        }
    }

    /// RFC 4180 CSV.
    public var csv: String {
        ([columns] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}

func formatNumber(_ value: Double) -> String {
    value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
}

private func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// The best reported result of a single-objective experiment.
public struct BestResult: Sendable, Equatable {
    public var trialID: Int
    public var config: Configuration
    public var result: TrialResult
    public var metric: String
    public var value: Double
    public var tunerTime: Double
}

extension ExperimentState {
    /// Best result over all rows for `metric` (ties: earliest).
    public func best(metric: String, mode: Mode) -> BestResult? {
        var best: ResultRow?
        for row in rows {
            guard let value = row.result[metric], value.isFinite else { continue }
            if best == nil || mode.better(value, best!.result[metric]!) { best = row }
        }
        guard let best, let value = best.result[metric] else { return nil }
        return BestResult(
            trialID: best.trialID,
            config: trials[best.trialID]?.config ?? [:],
            result: best.result,
            metric: metric,
            value: value,
            tunerTime: best.tunerTime
        )
    }

    /// Best value so far against tuner time: one point per improvement.
    public func bestSoFar(metric: String, mode: Mode) -> [(time: Double, value: Double)] {
        var points: [(Double, Double)] = []
        for row in rows.sorted(by: { $0.tunerTime < $1.tunerTime }) {
            guard let value = row.result[metric], value.isFinite else { continue }
            if points.isEmpty || mode.better(value, points.last!.1) { points.append((row.tunerTime, value)) }
        }
        return points
    }

    /// Non-dominated results over all rows for the given objectives; each result (a model after
    /// some epochs) is a candidate. Sorted by the first objective.
    public func paretoSet(_ objectives: [(metric: String, mode: Mode)]) -> [ResultRow] {
        let candidates = rows.filter { objectiveVector($0.result, objectives) != nil }
        let values = candidates.map { objectiveVector($0.result, objectives)! }
        guard let front = nonDominatedFronts(values).first else { return [] }
        var seen = Set<[Double]>()
        return front.filter { seen.insert(values[$0]).inserted }.map { candidates[$0] }
            .sorted { objectiveVector($0.result, objectives)![0] < objectiveVector($1.result, objectives)![0] }
    }
}

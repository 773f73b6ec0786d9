import Logging

extension Session {
    mutating func handle(_ event: TrialEvent, backend: some TrialBackend) async throws {
        switch event {
        case .tick: return
        case .launched(let trial, let handle):
            try record(.launched(trial: trial, handle: handle))
        case .result(let trial, let result):
            // Results that arrive after a pause/stop (printed before the signal landed) are dropped.
            guard state.trials[trial]?.status == .inProgress, state.active.contains(trial),
                !deferredResumes.contains(trial)
            else { return }
            let decision = scheduler.onTrialResult(trialID: trial, result: result)
            let status: TrialStatus
            switch decision {
            case .continue: status = .inProgress
            case .pause: status = .paused
            case .stop:
                if let resource = scheduler.resource, let level = result[resource.attribute], level >= resource.max {
                    status = .completed
                } else {
                    status = .stopped
                }
            }
            try record(
                .result(trial: trial, result: result, decision: decision, status: status, time: await now(backend))
            )
            if decision == .pause { await backend.pause(trialID: trial) }
            if decision == .stop { await backend.stop(trialID: trial) }
        case .ended(let trial, let exit):
            guard state.active.contains(trial) else { return }
            let time = await now(backend)
            if deferredResumes.remove(trial) != nil {
                // The paused process is gone; now start the promoted one.
                try record(.ended(trial: trial, status: nil, reason: nil, time: time))
                if let config = state.trials[trial]?.config {
                    try await launch(trial, config: config, resume: true, backend: backend, logged: true)
                }
                return
            }
            let running = state.trials[trial]?.status == .inProgress
            switch exit {
            case .succeeded where running:
                scheduler.onTrialComplete(trialID: trial)
                try record(.ended(trial: trial, status: .completed, reason: nil, time: time))
            case .failed(let reason) where running:
                tuner.logger.warning("trial failed", metadata: ["trial": "\(trial)", "reason": "\(reason)"])
                scheduler.onTrialError(trialID: trial)
                try record(.ended(trial: trial, status: .failed, reason: reason, time: time))
            default:
                try record(.ended(trial: trial, status: nil, reason: nil, time: time))
            }
        }
    }

    /// The stop criterion that holds now, if any.
    func stopReason(_ backend: some TrialBackend) async -> String? {
        let criteria = tuner.stop
        if let limit = criteria.maxWallclockTime, await now(backend) >= limit { return "max_wallclock_time" }
        if let limit = criteria.maxNumTrialsCompleted,
            state.trials.values.filter({ $0.status == .completed || $0.status == .stopped }).count >= limit
        {
            return "max_num_trials_completed"
        }
        if let limit = criteria.maxCost, state.totalCost >= limit { return "max_cost" }
        for (metric, threshold) in criteria.minMetricValue
        where state.rows.contains(where: { ($0.result[metric] ?? .infinity) <= threshold }) {
            return "min_metric_value"
        }
        for (metric, threshold) in criteria.maxMetricValue
        where state.rows.contains(where: { ($0.result[metric] ?? -.infinity) >= threshold }) {
            return "max_metric_value"
        }
        return nil
    }

    /// Stops what still runs (recorded as Stopped) and marks the experiment finished.
    mutating func finish(_ backend: some TrialBackend) async throws {
        let running = state.active.sorted()
        for trial in running { await backend.stop(trialID: trial) }
        while !state.active.isEmpty, let event = await backend.nextEvent() {
            if case .ended(let trial, _) = event, state.active.contains(trial) {
                let status: TrialStatus? = state.trials[trial]?.status == .inProgress ? .stopped : nil
                try record(.ended(trial: trial, status: status, reason: nil, time: await now(backend)))
            }
        }
        for trial in state.active.sorted() {
            let status: TrialStatus? = state.trials[trial]?.status == .inProgress ? .stopped : nil
            try record(.ended(trial: trial, status: status, reason: nil, time: await now(backend)))
        }
        // Paused trials will never be resumed now: the experiment is over for them too.
        for trial in state.trials.keys.sorted() where state.trials[trial]?.status == .paused {
            try record(.ended(trial: trial, status: .stopped, reason: nil, time: await now(backend)))
        }
        try record(.finished(time: await now(backend)))
    }
}

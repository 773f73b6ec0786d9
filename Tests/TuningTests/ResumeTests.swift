import Foundation
import Testing

@testable import Tuning

@Suite("Durable experiments (simulated backend)")
struct ResumeTests {
    func ashaPromotion() -> any TrialScheduler {
        ASHAScheduler(
            searcher: RandomSearcher(space: conformanceSpace, seed: 5),
            objectives: [("loss", .min)],
            timeAttribute: "epoch",
            maxT: 9,
            type: .promotion
        )
    }

    /// Cuts the event log of a finished run at many points (a crash at any moment, including a
    /// torn last line) and resumes each cut: what was logged survives, the rest completes.
    @Test func resumesFromAnyPrefixOfTheLog() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let complete = try await simulate(
            ashaPromotion(),
            stop: StopCriteria(maxNumTrialsStarted: 20),
            directory: directory
        )
        let lines = try String(contentsOf: directory.appendingPathComponent("events.jsonl"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        #expect(complete.finished)
        for cut in stride(from: 2, to: lines.count - 2, by: max(1, lines.count / 12)) {
            let resumed = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: resumed) }
            let prefix = lines.prefix(cut).joined(separator: "\n") + "\n" + lines[cut].prefix(7)  // torn line
            try Data(prefix.utf8).write(to: resumed.appendingPathComponent("events.jsonl"))
            var before = ExperimentState()
            for event in try EventLog.read(resumed.appendingPathComponent("events.jsonl")) { before.apply(event) }

            let state = try await simulate(
                ashaPromotion(),
                stop: StopCriteria(maxNumTrialsStarted: 20),
                directory: resumed
            )
            #expect(state.finished)
            #expect(Array(state.rows.prefix(before.rows.count)) == before.rows, "cut \(cut)")
            #expect(state.trialsStarted == 20)
            #expect(state.trials.values.allSatisfy { $0.status.isTerminal })
            for (id, trial) in before.trials { #expect(state.trials[id]?.config == trial.config) }
            // The same log read back gives the same state (the log is the state).
            var reread = ExperimentState()
            for event in try EventLog.read(resumed.appendingPathComponent("events.jsonl")) { reread.apply(event) }
            #expect(reread.rows == state.rows)
        }
    }

    @Test func refusesToResumeWithADifferentScheduler() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await simulate(ashaPromotion(), stop: StopCriteria(maxNumTrialsStarted: 5), directory: directory)
        let text = try String(contentsOf: directory.appendingPathComponent("events.jsonl"), encoding: .utf8)
        let unfinished =
            text.split(separator: "\n").filter { !$0.contains("\"finished\"") }.joined(separator: "\n") + "\n"
        try Data(unfinished.utf8).write(to: directory.appendingPathComponent("events.jsonl"))
        let other = ASHAScheduler(
            searcher: RandomSearcher(space: conformanceSpace, seed: 6),
            objectives: [("loss", .min)],
            timeAttribute: "epoch",
            maxT: 9,
            type: .promotion
        )
        await #expect(throws: TuningError.self) { _ = try await simulate(other, directory: directory) }
    }

    @Test func rejectsALogThatIsNotOurs() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("events.jsonl")
        try Data("{\"hello\": 1}\n{}\n".utf8).write(to: url)
        #expect(throws: TuningError.self) { _ = try EventLog.read(url) }
    }

    @Test func resultsTableUsesSyneTuneColumns() async throws {
        let state = try await simulate(schedulerFactories[2].1(), stop: StopCriteria(maxNumTrialsStarted: 6))
        let table = ResultsTable(state: state, space: conformanceSpace)
        #expect(
            table.columns == [
                "trial_id", "config_x", "config_lr", "cost", "epoch", "loss", "st_worker_time", "st_tuner_time",
                "st_decision", "st_status",
            ]
        )
        #expect(table.rows.count == state.rows.count)
        #expect(table.csv.hasPrefix("trial_id,config_x,config_lr,"))
        let best = try #require(state.best(metric: "loss", mode: .min))
        #expect(state.rows.allSatisfy { $0.result["loss"]! >= best.value })
        let front = state.paretoSet([("loss", .min), ("cost", .min)])
        for row in front {
            for other in state.rows {
                #expect(
                    !dominates(
                        [other.result["loss"]!, other.result["cost"]!],
                        [row.result["loss"]!, row.result["cost"]!]
                    )
                )
            }
        }
        let svg = Plots.bestSoFar(state.bestSoFar(metric: "loss", mode: .min), metric: "loss", endTime: state.time)
        #expect(svg.hasPrefix("<svg") && svg.contains("<path"))
    }
}

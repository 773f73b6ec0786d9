import Foundation
import Testing

@testable import Tuning

let trainScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Scripts/train_curve.py").path

/// Process ids the experiment launched (from `launched` events).
func launchedPIDs(_ directory: URL) throws -> [Int32] {
    let text = try String(contentsOf: directory.appendingPathComponent("events.jsonl"), encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
        guard let range = line.range(of: "\"handle\":\"") else { return nil }
        return Int32(line[range.upperBound...].prefix { $0.isNumber })
    }
}

func processIsGone(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0 else { return true }
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    return stat.contains(") Z")
}

func liveSpec(name: String, body: String) -> String {
    """
    name: \(name)
    command: [python3, \(trainScript)]
    \(body)
    """
}

@Suite("Live experiments with a Python training script", .serialized)
struct LiveTests {
    @Test func failuresAreRecordedAndTheExperimentGoesOn() async throws {
        let data = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let spec = liveSpec(
            name: "failures",
            body: """
                config_space:
                  x: {choice: [0.1, 0.3, 0.5, 0.7, 0.9, 0.2]}
                  lr: 0.01
                  epochs: 3
                  sleep: 0.05
                  crash_x: 0.5
                  malformed_x: 0.7
                  hang_x: 0.9
                scheduler: {type: grid_search, metric: val_error, mode: min}
                n_workers: 3
                trial_timeout: 6
                """
        )
        let state = try await Experiments.run(specText: spec, specDirectory: data, dataDirectory: data)
        let directory = Experiments.directory(dataDirectory: data, name: "failures")
        #expect(state.finished)
        #expect(state.trials.count == 6)
        func trial(_ x: Double) -> TrialRecord { state.trials.values.first { $0.config["x"] == .double(x) }! }
        for x in [0.1, 0.3, 0.2] {
            #expect(trial(x).status == .completed)
            #expect(state.rows.filter { $0.trialID == trial(x).trialID }.map { $0.result["epoch"]! } == [1, 2, 3])
        }
        #expect(trial(0.5).status == .failed && trial(0.5).failure?.contains("exited with status 1") == true)
        let crashLog = try String(
            contentsOf: directory.appendingPathComponent("trials/\(trial(0.5).trialID)/std.out"),
            encoding: .utf8
        )
        #expect(crashLog.contains("deliberate crash"))
        #expect(trial(0.7).status == .failed && trial(0.7).failure?.contains("malformed") == true)
        #expect(trial(0.9).status == .failed && trial(0.9).failure?.contains("timed out") == true)
        // The trial saw its checkpoint directory, as a Syne Tune script does.
        let checkpoint = directory.appendingPathComponent("trials/\(trial(0.1).trialID)/checkpoints/state.json")
        #expect(FileManager.default.fileExists(atPath: checkpoint.path))
        let csv = try String(contentsOf: directory.appendingPathComponent("results.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("trial_id,config_x,config_lr,config_epochs,"))
        #expect(csv.split(separator: "\n").count == state.rows.count + 1)
        let best = try #require(state.best(metric: "val_error", mode: .min))
        #expect(best.config["x"] == .double(0.3))
        for pid in try launchedPIDs(directory) { #expect(processIsGone(pid), "pid \(pid) left behind") }
    }

    @Test func resumesAfterTheTunerIsKilled() async throws {
        let data = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let spec = liveSpec(
            name: "resume",
            body: """
                config_space:
                  x: {choice: [0.1, 0.3, 0.5, 0.7, 0.2]}
                  lr: {choice: [0.01]}
                  epochs: 5
                  sleep: 0.15
                scheduler: {type: grid_search, metric: val_error, mode: min}
                n_workers: 2
                """
        )
        let (progress, continuation) = AsyncStream<ExperimentState>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let run = Task {
            try await Experiments.run(
                specText: spec,
                specDirectory: data,
                dataDirectory: data,
                onProgress: { continuation.yield($0) }
            )
        }
        defer { run.cancel() }
        // Kill the tuner once a trial has finished and another is midway.
        for await state in progress {
            let midway = state.trials.values.contains { $0.status == .inProgress && $0.resultCount >= 2 }
            if state.count(.completed) >= 1 && midway { break }
        }
        run.cancel()
        await #expect(throws: CancellationError.self) { _ = try await run.value }
        let directory = Experiments.directory(dataDirectory: data, name: "resume")
        for pid in try launchedPIDs(directory) { #expect(processIsGone(pid), "pid \(pid) left behind") }
        let before = try Experiments.load(name: "resume", dataDirectory: data).state
        #expect(!before.finished)
        let interrupted = before.trials.values.filter { $0.status == .inProgress }.map(\.trialID)
        #expect(!interrupted.isEmpty)

        let state = try await Experiments.resume(name: "resume", dataDirectory: data)
        #expect(state.finished)
        #expect(state.trials.count == 5)
        #expect(state.trials.values.allSatisfy { $0.status == .completed })
        #expect(Array(state.rows.prefix(before.rows.count)) == before.rows)
        for id in state.trials.keys {
            let epochs = state.rows.filter { $0.trialID == id }.map { $0.result["epoch"]! }
            // Resumed trials continue from their checkpoint: no epoch twice, and they finish. The
            // script checkpoints before it reports, so a kill between the two loses that epoch's
            // report (as with Syne Tune); only an interrupted trial's last report may be epoch 4.
            #expect(zip(epochs, epochs.dropFirst()).allSatisfy { $0 < $1 }, "trial \(id): \(epochs)")
            let lastEpochs: ClosedRange<Double> = interrupted.contains(id) ? 4...5 : 5...5
            #expect(epochs.last.map(lastEpochs.contains) == true, "trial \(id): \(epochs)")
        }
        for id in interrupted {
            // Relaunched from its checkpoint (a second run in its log) and finished.
            let log = try String(contentsOf: directory.appendingPathComponent("trials/\(id)/std.out"), encoding: .utf8)
            // 5 epochs, none replayed; one may be lost if the kill fell between checkpoint and print.
            #expect((4...5).contains(log.components(separatedBy: "[tune-metric]").count - 1))
            #expect(state.trials[id]?.status == .completed)
        }
        for pid in try launchedPIDs(directory) { #expect(processIsGone(pid), "pid \(pid) left behind") }
    }

    @Test func ashaWithSeveralWorkersAndInstanceTypes() async throws {
        let data = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let spec = liveSpec(
            name: "asha",
            body: """
                config_space:
                  x: {uniform: [0.0, 1.0]}
                  lr: {loguniform: [1.0e-4, 1.0]}
                  st_instance_type: {choice: [small, large]}
                  epochs: 9
                  sleep: 0.02
                scheduler: {type: moasha, metrics: [val_error, st_worker_cost], modes: [min, min], max_t: 9, reduction_factor: 3}
                instance_types:
                  small: {threads: 1, price_per_hour: 0.5}
                  large: {threads: 2, price_per_hour: 2.0}
                n_workers: 3
                stop: {max_num_trials_started: 12}
                seed: 3
                """
        )
        let state = try await Experiments.run(specText: spec, specDirectory: data, dataDirectory: data)
        let directory = Experiments.directory(dataDirectory: data, name: "asha")
        #expect(state.trials.count == 12)
        #expect(state.trials.values.allSatisfy { $0.status == .completed || $0.status == .stopped })
        #expect(state.count(.stopped) > 0)
        for row in state.rows {
            let instance = state.trials[row.trialID]!.config["st_instance_type"]!.description
            let price = instance == "large" ? 2.0 : 0.5
            let cost = try #require(row.result["st_worker_cost"])
            #expect(abs(cost - row.result["st_worker_time"]! * price / 3600) < 1e-12)
        }
        // Results arrive as they are printed, not in a burst at exit: the worker time spans at
        // least half the script's sleeps (slack for a loaded machine).
        for id in state.trials.keys {
            let times = state.rows.filter { $0.trialID == id }.map { $0.result["st_worker_time"]! }
            #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "trial \(id): \(times)")
            #expect(times.last! - times.first! >= 0.25 * 0.02 * Double(times.count - 1), "trial \(id): \(times)")
        }
        let svg = try String(contentsOf: directory.appendingPathComponent("pareto.svg"), encoding: .utf8)
        #expect(svg.contains("polyline") && svg.contains("small") && svg.contains("large"))
        for pid in try launchedPIDs(directory) { #expect(processIsGone(pid)) }
    }

    @Test func promotionPausesAndResumesFromCheckpoints() async throws {
        let data = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let spec = liveSpec(
            name: "promotion",
            body: """
                config_space:
                  x: {choice: [0.9, 0.1, 0.7, 0.3, 0.5, 0.2, 0.8, 0.4, 0.6]}
                  lr: 0.01
                  epochs: 9
                  sleep: 0.05
                scheduler: {type: asha, asha_type: promotion, searcher: grid, metric: val_error, mode: min, max_t: 9}
                n_workers: 3
                """
        )
        let state = try await Experiments.run(specText: spec, specDirectory: data, dataDirectory: data)
        let directory = Experiments.directory(dataDirectory: data, name: "promotion")
        #expect(state.finished && state.trials.count == 9)
        #expect(state.trials.values.allSatisfy { $0.status == .completed || $0.status == .stopped })
        #expect(state.rows.contains { $0.decision == .pause })
        for id in state.trials.keys {
            let epochs = state.rows.filter { $0.trialID == id }.map { $0.result["epoch"]! }
            #expect(zip(epochs, epochs.dropFirst()).allSatisfy { $0 < $1 }, "trial \(id): \(epochs)")
        }
        // The best configuration (x = 0.3) was promoted all the way.
        let best = try #require(state.trials.values.first { $0.config["x"] == .double(0.3) })
        #expect(best.status == .completed && best.lastResult?["epoch"] == 9)
        for pid in try launchedPIDs(directory) { #expect(processIsGone(pid)) }
    }
}

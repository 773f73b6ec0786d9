import Foundation
import Testing

@testable import Tuning

@Suite("Crash recovery")
struct CrashRecoveryTests {
    /// A tuner that died hard (SIGKILL) leaves its trial running and the trial "in progress" in the
    /// log. Resume must kill that orphan (identified by pid and start time) and rerun the trial.
    @Test func resumeKillsOrphansOfADeadTunerAndFinishes() async throws {
        let data = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let text = liveSpec(
            name: "crashed",
            body: """
                config_space:
                  x: {choice: [0.1, 0.3]}
                  lr: 0.01
                  epochs: 3
                  sleep: 0.02
                scheduler: {type: grid_search, metric: val_error, mode: min}
                n_workers: 1
                """
        )
        let spec = try TuningSpec.parse(text)
        let directory = Experiments.directory(dataDirectory: data, name: "crashed")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: directory.appendingPathComponent("spec.yaml"))
        try JSONSerialization.data(withJSONObject: ["spec_directory": data.path]).write(
            to: directory.appendingPathComponent("experiment.json")
        )

        // The orphan: a process group leader, as the local backend's trials are.
        let orphan = Process()
        orphan.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        orphan.arguments = [
            "python3", "-c", "import os, time\ntry:\n    os.setsid()\nexcept OSError:\n    pass\ntime.sleep(60)",
        ]
        try orphan.run()
        defer { if orphan.isRunning { kill(orphan.processIdentifier, SIGKILL) } }
        let pid = orphan.processIdentifier
        var ticks = ""
        for _ in 0..<250 {
            // Wait until it leads its own process group.
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
            if fields.count > 19, fields[2] == "\(pid)" {
                ticks = String(fields[19])
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(!ticks.isEmpty)

        // The log as the dead tuner left it: trial 0 started, launched, one result.
        var scheduler = try spec.makeScheduler()
        guard case .start(let config) = scheduler.suggest(trialID: 0) else {
            Issue.record("grid search did not start a trial")
            return
        }
        let result: TrialResult = ["epoch": 1, "val_error": 0.5, "st_worker_time": 0.3]
        let decision = scheduler.onTrialResult(trialID: 0, result: result)
        let log = try EventLog(url: directory.appendingPathComponent("events.jsonl"))
        try log.append(.suggest(trial: 0, config: config, time: 0))
        try log.append(.launched(trial: 0, handle: "\(pid):\(ticks)"))
        try log.append(.result(trial: 0, result: result, decision: decision, status: .inProgress, time: 0.4))

        let state = try await Experiments.resume(name: "crashed", dataDirectory: data)
        orphan.waitUntilExit()
        #expect(orphan.terminationReason == .uncaughtSignal && orphan.terminationStatus == SIGKILL)
        #expect(state.finished && state.trials.count == 2)
        #expect(state.trials.values.allSatisfy { $0.status == .completed })
        #expect(
            state.rows.first
                == ResultRow(trialID: 0, result: result, tunerTime: 0.4, decision: decision, status: .inProgress)
        )
        // Trial 0 was rerun (its checkpoint directory was empty), so it reported epochs 1-3 again.
        #expect(state.rows.filter { $0.trialID == 0 }.map { $0.result["epoch"]! } == [1, 1, 2, 3])
        #expect(state.time >= 0.4)
    }
}

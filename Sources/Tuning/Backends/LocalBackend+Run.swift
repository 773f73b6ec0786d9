import Foundation
import Logging
import Runtime

/// Runs `body` with a local backend whose trial processes are supervised by child tasks of this
/// call: when `body` returns or throws (or the task is cancelled) every trial is stopped before
/// this function returns.
public func withLocalBackend<C: Clock, R: Sendable>(
    _ options: LocalBackend<C>.Options,
    clock: C,
    logger: Logger = Logger(label: "atelier.tuning.local"),
    body: (LocalBackend<C>) async throws -> R
) async throws -> R where C.Duration == Duration {
    let (launches, continuation) = AsyncStream<TrialLaunch>.makeStream()
    let backend = LocalBackend(options: options, clock: clock, logger: logger, launches: continuation)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            await withDiscardingTaskGroup { trials in
                for await launch in launches {
                    trials.addTask { await backend.runTrial(launch) }
                }
            }
        }
        group.addTask {
            while !Task.isCancelled {
                do { try await clock.sleep(for: options.tickInterval) } catch { break }
                await backend.deliver(.tick)
            }
        }
        let result: Result<R, any Error>
        do { result = .success(try await body(backend)) } catch { result = .failure(error) }
        await backend.shutDown()
        group.cancelAll()
        try await group.waitForAll()
        return try result.get()
    }
}

extension LocalBackend {
    /// Runs one launch of a trial to its end and reports results and the exit as events.
    func runTrial(_ launch: TrialLaunch) async {
        let trialDirectory = options.directory.appendingPathComponent("trials/\(launch.trialID)")
        let checkpoints = trialDirectory.appendingPathComponent("checkpoints")
        let cpus = launch.instanceType.map { allocateCPUs($0.threads) } ?? []
        var outcome: Result<ProcessOutcome, TuningError>
        do {
            try FileManager.default.createDirectory(at: checkpoints, withIntermediateDirectories: true)
            var config = launch.config
            for key in options.consumedKeys { config[key] = nil }
            var environment = options.environment
            environment["ST_TRIAL_ID"] = String(launch.trialID)
            environment["ST_CHECKPOINT_DIR"] = checkpoints.path
            if let instance = launch.instanceType {
                environment["ST_INSTANCE_TYPE"] = instance.name
                environment["OMP_NUM_THREADS"] = String(instance.threads)
            } else if ProcessInfo.processInfo.environment["OMP_NUM_THREADS"] == nil
                && environment["OMP_NUM_THREADS"] == nil
            {
                environment["OMP_NUM_THREADS"] = "1"  // as Syne Tune's local backend does
            }
            let spec = ProcessSpec(
                executable: options.command[0],
                arguments: Array(options.command.dropFirst()) + options.space.arguments(for: config)
                    + ["--st_checkpoint_dir", checkpoints.path],
                environment: environment,
                workingDirectory: trialDirectory.path,
                logFile: trialDirectory.appendingPathComponent("std.out").path,
                cpuAffinity: cpus.isEmpty ? nil : cpus,
                timeout: options.trialTimeout
            )
            let start = clock.now
            let trialID = launch.trialID
            let price = launch.instanceType?.pricePerHour
            let before = launch.workerTimeSoFar
            let clock = self.clock
            let runner = ProcessRunner(clock: clock, logger: logger)
            outcome = .success(
                try await runner.run(
                    spec,
                    started: { process in await self.register(trialID, process) },
                    onLine: { line in
                        guard let parsed = parseMetricLine(line) else { return }
                        guard var result = parsed else {
                            await self.markMalformed(trialID, line)
                            return
                        }
                        let workerTime = before + seconds(start.duration(to: clock.now))
                        result["st_worker_time"] = workerTime
                        if let price { result["st_worker_cost"] = workerTime * price / 3600 }
                        await self.deliver(.result(trialID: trialID, result: result))
                    }
                )
            )
        } catch {
            outcome = .failure(TuningError("\(error)"))
        }
        finished(launch.trialID, cpus: cpus, outcome: outcome, timeout: options.trialTimeout)
    }
}

private let metricTag = "[tune-metric]: "

/// nil: not a metric line. `.some(nil)`: a metric line that is not a JSON object. Otherwise the
/// numeric values (booleans as 0/1 via NSNumber; strings, nulls and NaN dropped — Python's json writes `NaN`).
func parseMetricLine(_ line: String) -> TrialResult?? {
    guard let range = line.range(of: metricTag) else { return nil }
    var json = String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces)
    guard json.hasPrefix("{"), json.hasSuffix("}") else { return .some(nil) }
    if json.contains("NaN") || json.contains("Infinity") {
        json = json.replacingOccurrences(of: "-Infinity", with: "null").replacingOccurrences(
            of: "Infinity",
            with: "null"
        )
        .replacingOccurrences(of: "NaN", with: "null")
    }
    guard let data = json.data(using: .utf8),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return .some(nil) }
    var result = TrialResult()
    for (key, value) in object {
        if let number = value as? NSNumber { result[key] = number.doubleValue }
    }
    return .some(result)
}

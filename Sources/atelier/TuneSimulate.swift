import ArgumentParser
import Foundation
import Tuning

/// `atelier tune simulate SPEC`: runs the spec's scheduler against a simulated backend with virtual
/// time and a synthetic learning curve — a dry run that shows how the scheduler spends a budget,
/// and the benchmark of scheduler overhead per decision.
struct TuneSimulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Dry-run a spec's scheduler on a synthetic learning curve in virtual time.",
        discussion: """
            The curve is the one in Tests/TuningTests/Scripts/train_curve.py, read from the
            hyperparameters `x` (default 0.5) and `lr` (default 0.01); each epoch takes `sleep`
            virtual seconds (default 0.1). No processes are started and nothing is written.
            """
    )

    @Argument(help: "The tuning spec file.") var spec: String
    @Option(help: "Override the spec's seed.") var seed: UInt64?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        guard let text = try? String(contentsOfFile: spec, encoding: .utf8) else {
            throw ValidationError("cannot read \(spec)")
        }
        var parsed = try TuningSpec.parse(text)
        if let seed { parsed.seed = seed }
        let metric = parsed.scheduler.objectives[0].metric
        let attribute = parsed.scheduler.timeAttribute
        let backend = SimulatedBackend(
            timeAttribute: attribute,
            curve: { config, epoch in
                let epochs = Int(config["epochs"]?.number ?? 9)
                guard epoch <= epochs else { return nil }
                return [
                    metric: syntheticValError(
                        x: config["x"]?.number ?? 0.5,
                        lr: config["lr"]?.number ?? 0.01,
                        epoch: epoch
                    )
                ]
            },
            epochDuration: { config, _ in config["sleep"]?.number ?? 0.1 }
        )
        let tuner = Tuner(
            scheduler: TimedScheduler(try parsed.makeScheduler()),
            nWorkers: parsed.nWorkers,
            stop: parsed.stop,
            instanceTypes: parsed.instanceTypes
        )
        let wall = ContinuousClock.now
        let (state, scheduler) = try await tuner.runReturningScheduler(backend: backend)
        let wallSeconds =
            Double(wall.duration(to: .now).components.attoseconds) / 1e18
            + Double(wall.duration(to: .now).components.seconds)
        let timed = scheduler as! TimedScheduler
        let micros =
            Double(timed.elapsed.components.seconds) * 1e6 + Double(timed.elapsed.components.attoseconds) / 1e12
        let perDecision = micros / Double(max(timed.decisions, 1))
        let best = state.best(metric: metric, mode: parsed.scheduler.objectives[0].mode)
        if json {
            var object: [String: Any] = [
                "trials": state.trialsStarted, "results": state.rows.count, "decisions": timed.decisions,
                "scheduler_us_per_decision": perDecision, "virtual_seconds": state.time, "wall_seconds": wallSeconds,
            ]
            if let best { object["best"] = best.value }
            try printJSON(object)
        } else {
            print(
                "trials \(state.trialsStarted), results \(state.rows.count), virtual time \(String(format: "%.1f", state.time)) s"
            )
            print("scheduler: \(timed.decisions) decisions, \(String(format: "%.2f", perDecision)) µs per decision")
            if let best { print("best \(metric) = \(best.value) (trial \(best.trialID))") }
        }
    }
}

/// The synthetic learning curve of the tuning benchmark (same formula as train_curve.py).
func syntheticValError(x: Double, lr: Double, epoch: Int) -> Double {
    let floor = 0.05 + 0.4 * (x - 0.3) * (x - 0.3) + 0.1 * abs(log10(lr) + 2)
    let speed = 0.3 + 0.7 * exp(-abs(log10(lr) + 2))
    return floor + (1 - floor) * exp(-speed * Double(epoch))
}

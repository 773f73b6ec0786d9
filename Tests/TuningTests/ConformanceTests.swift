import Foundation
import Synchronization
import Testing

@testable import Tuning

/// A learning curve per config: the loss approaches a floor set by x; trials with x > 0.9 crash
/// at epoch 3 (NaN), to exercise failure handling.
let curve: SimulatedBackend.Curve = { config, epoch in
    guard epoch <= 9 else { return nil }
    let x = config["x"]?.number ?? 0.5
    if x > 0.9 && epoch == 3 { return ["loss": .nan] }
    let floor = 0.1 + (x - 0.3) * (x - 0.3)
    return ["loss": floor + (1 - floor) * exp(-0.5 * Double(epoch)), "cost": Double(epoch) * (0.5 + x)]
}

let conformanceSpace = ConfigSpace([("x", .uniform(0, 1)), ("lr", .choice([.double(0.1), .double(0.01)]))])

/// Every scheduler, by name, built fresh.
let schedulerFactories: [(String, @Sendable () -> any TrialScheduler)] = [
    (
        "random",
        { FIFOScheduler(searcher: RandomSearcher(space: conformanceSpace, seed: 1), metric: "loss", mode: .min) }
    ),
    (
        "grid",
        {
            FIFOScheduler(
                searcher: GridSearcher(space: conformanceSpace, samplesForContinuous: 6),
                metric: "loss",
                mode: .min
            )
        }
    ),
    (
        "asha-stopping",
        {
            ASHAScheduler(
                searcher: RandomSearcher(space: conformanceSpace, seed: 1),
                objectives: [("loss", .min)],
                timeAttribute: "epoch",
                maxT: 9
            )
        }
    ),
    (
        "asha-promotion",
        {
            ASHAScheduler(
                searcher: RandomSearcher(space: conformanceSpace, seed: 1),
                objectives: [("loss", .min)],
                timeAttribute: "epoch",
                maxT: 9,
                type: .promotion
            )
        }
    ),
    (
        "hyperband-stopping",
        {
            HyperbandScheduler(
                searcher: RandomSearcher(space: conformanceSpace, seed: 1),
                objectives: [("loss", .min)],
                timeAttribute: "epoch",
                maxT: 9,
                seed: 1
            )
        }
    ),
    (
        "hyperband-promotion",
        {
            HyperbandScheduler(
                searcher: RandomSearcher(space: conformanceSpace, seed: 1),
                objectives: [("loss", .min)],
                timeAttribute: "epoch",
                maxT: 9,
                type: .promotion,
                seed: 1
            )
        }
    ),
    (
        "moasha",
        {
            ASHAScheduler(
                searcher: RandomSearcher(space: conformanceSpace, seed: 1),
                objectives: [("loss", .min), ("cost", .min)],
                timeAttribute: "epoch",
                maxT: 9
            )
        }
    ),
    (
        "median",
        {
            MedianStoppingRule(
                searcher: RandomSearcher(space: conformanceSpace, seed: 1),
                metric: "loss",
                mode: .min,
                timeAttribute: "epoch",
                maxT: 9
            )
        }
    ),
]

func simulate(
    _ scheduler: any TrialScheduler,
    workers: Int = 4,
    stop: StopCriteria = StopCriteria(maxNumTrialsStarted: 40),
    directory: URL? = nil,
    onProgress: (@Sendable (ExperimentState) -> Void)? = nil
) async throws -> ExperimentState {
    let backend = SimulatedBackend(curve: curve, epochDuration: { config, _ in 1 + (config["x"]?.number ?? 0) })
    let tuner = Tuner(scheduler: scheduler, nWorkers: workers, stop: stop, directory: directory, onProgress: onProgress)
    return try await tuner.run(backend: backend)
}

@Suite("Scheduler conformance (simulated backend)")
struct ConformanceTests {
    @Test(arguments: schedulerFactories.map(\.0))
    func everyDecisionIsLegalAndEveryTrialEnds(name: String) async throws {
        let make = schedulerFactories.first { $0.0 == name }!.1
        let scheduler = make()
        let maxActive = MaxCounter()
        let state = try await simulate(scheduler, onProgress: { maxActive.observe($0.active.count) })
        let pauses = name.hasSuffix("promotion")
        #expect(maxActive.value <= 4 && maxActive.value >= 2)
        #expect(!state.trials.isEmpty)
        for (id, trial) in state.trials {
            #expect(trial.status.isTerminal, "trial \(id) ended \(trial.status)")
            let rows = state.rows.filter { $0.trialID == id }
            // After stop nothing; after pause, results only from a resumed launch at later epochs.
            for (index, row) in rows.enumerated() {
                if !pauses { #expect(row.decision != .pause, "\(name) paused trial \(id)") }
                if row.decision == .stop { #expect(index == rows.count - 1, "trial \(id) reported after stop") }
                if index > 0 { #expect(row.result["epoch"]! > rows[index - 1].result["epoch"]!) }
                #expect(row.result["epoch"]! <= 9)
            }
            if trial.status == .completed { #expect(rows.last?.result["epoch"] == 9 || trial.failure == nil) }
            if (trial.config["x"]?.number ?? 0) > 0.9 && (rows.last?.result["epoch"] ?? 0) >= 2
                && rows.last?.decision == .continue
            {
                #expect(trial.status == .failed && trial.failure?.contains("crash") == true)
            }
        }
        #expect(state.finished)
        if name != "grid" { #expect(state.trialsStarted == 40) }
    }

    @Test func simulationIsDeterministicAndFast() async throws {
        let started = ContinuousClock.now
        let a = try await simulate(schedulerFactories[2].1(), stop: StopCriteria(maxNumTrialsStarted: 300))
        let b = try await simulate(schedulerFactories[2].1(), stop: StopCriteria(maxNumTrialsStarted: 300))
        #expect(a.rows == b.rows)
        #expect(a.rows.count > 300)
        // Virtual time: hundreds of trial-epochs, far more virtual seconds than wall seconds.
        #expect(a.time > 100)
        #expect(started.duration(to: .now) < .seconds(a.time))
    }

    @Test func ashaBeatsItsOwnBudgetOfRandomSearchInVirtualTime() async throws {
        let stop = StopCriteria(maxWallclockTime: 200)
        let asha = try await simulate(schedulerFactories[2].1(), stop: stop)
        let random = try await simulate(schedulerFactories[0].1(), stop: stop)
        let bestASHA = try #require(asha.best(metric: "loss", mode: .min)).value
        let bestRandom = try #require(random.best(metric: "loss", mode: .min)).value
        #expect(asha.trialsStarted > random.trialsStarted)
        #expect(bestASHA <= bestRandom + 1e-9)
    }

    @Test func stopCriteria() async throws {
        let make = schedulerFactories[0].1
        let completed = try await simulate(make(), stop: StopCriteria(maxNumTrialsCompleted: 5))
        #expect(completed.trials.values.filter { $0.status == .completed }.count >= 5)
        #expect(completed.trialsStarted < 12)
        let wall = try await simulate(make(), stop: StopCriteria(maxWallclockTime: 30))
        #expect(wall.rows.allSatisfy { $0.tunerTime <= 30 })
        let threshold = try await simulate(make(), stop: StopCriteria(minMetricValue: ["loss": 0.5]))
        #expect(threshold.rows.last!.result["loss"]! <= 0.5)
        #expect(threshold.rows.dropLast().allSatisfy { $0.result["loss"]! > 0.5 })
    }
}

final class MaxCounter: Sendable {
    private let storage = Mutex(0)
    func observe(_ value: Int) { storage.withLock { $0 = max($0, value) } }
    var value: Int { storage.withLock { $0 } }
}

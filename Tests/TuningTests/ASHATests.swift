import Testing

@testable import Tuning

@Suite("ASHA rung bookkeeping")
struct ASHATests {
    func asha(_ type: ASHAType) -> ASHAScheduler {
        ASHAScheduler(
            searcher: CountingSearcher(),
            objectives: [("loss", .min)],
            timeAttribute: "epoch",
            maxT: 9,
            gracePeriod: 1,
            reductionFactor: 3,
            type: type
        )
    }

    @Test func rungLevelsAreGraceTimesEtaToTheKBelowMaxT() {
        #expect(RungSystem.levels(gracePeriod: 1, reductionFactor: 3, maxT: 9) == [1, 3])
        #expect(RungSystem.levels(gracePeriod: 1, reductionFactor: 3, maxT: 10) == [1, 3, 9])
        #expect(RungSystem.levels(gracePeriod: 2, reductionFactor: 2, maxT: 20) == [2, 4, 8, 16])
    }

    /// Stopping: with n results at the rung (the new one included) and r strictly better than
    /// the new one, it continues iff r·η ≤ n.
    @Test func stoppingStepByStep() {
        var s = asha(.stopping)
        for id in 0..<8 { #expect(s.suggest(trialID: id) == .start(["x": .int(id)])) }
        let steps: [(trial: Int, epoch: Int, loss: Double, expected: SchedulerDecision)] = [
            (0, 1, 0.5, .continue),  // rung 1: n=1, r=0
            (1, 1, 0.7, .stop),  // n=2, r=1: 3 > 2
            (2, 1, 0.3, .continue),  // n=3, r=0
            (3, 1, 0.6, .stop),  // n=4, r=2: 6 > 4
            (4, 1, 0.4, .continue),  // n=5, r=1: 3 <= 5
            (0, 2, 0.45, .continue),  // not a rung
            (0, 3, 0.4, .continue),  // rung 3: n=1
            (5, 1, 0.45, .continue),  // n=6, r=2 (0.3, 0.4): 6 <= 6
            (6, 1, 0.46, .stop),  // n=7, r=3 (0.3, 0.4, 0.45): 9 > 7
            (7, 1, 0.2, .continue),  // n=8, r=0
            (2, 3, 0.38, .continue),  // rung 3: n=2, r=0
            (4, 3, 0.39, .continue),  // rung 3: n=3, r=1: 3 <= 3
            (5, 3, 0.5, .stop),  // rung 3: n=4, r=3: 9 > 4
            (0, 9, 0.3, .stop),  // max_t reached: done
        ]
        for step in steps {
            let decision = s.onTrialResult(trialID: step.trial, result: result(step.epoch, step.loss))
            #expect(decision == step.expected, "trial \(step.trial) epoch \(step.epoch)")
        }
        #expect(s.rungSystem.rungs[0].map(\.trialID) == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(s.rungSystem.rungs[1].map(\.trialID) == [0, 2, 4, 5])
    }

    @Test func stoppingHonoursMaxMode() {
        var s = ASHAScheduler(
            searcher: CountingSearcher(),
            objectives: [("acc", .max)],
            timeAttribute: "epoch",
            maxT: 9
        )
        #expect(s.onTrialResult(trialID: 0, result: ["epoch": 1, "acc": 0.8]) == .continue)
        #expect(s.onTrialResult(trialID: 1, result: ["epoch": 1, "acc": 0.6]) == .stop)
        #expect(s.onTrialResult(trialID: 2, result: ["epoch": 1, "acc": 0.9]) == .continue)
    }

    /// Promotion (Li et al. Algorithm 2): pause at every rung; a free worker resumes the best
    /// unpromoted trial in the top ⌊n/η⌋ of the highest rung that has one.
    @Test func promotionStepByStep() {
        var s = asha(.promotion)
        #expect(s.suggest(trialID: 0) == .start(["x": .int(0)]))
        #expect(s.suggest(trialID: 1) == .start(["x": .int(1)]))
        #expect(s.suggest(trialID: 2) == .start(["x": .int(2)]))
        #expect(s.onTrialResult(trialID: 0, result: result(1, 0.5)) == .pause)
        #expect(s.onTrialResult(trialID: 1, result: result(1, 0.7)) == .pause)
        #expect(s.suggest(trialID: 3) == .start(["x": .int(3)]))  // n=2: ⌊2/3⌋ = 0 promotable
        #expect(s.onTrialResult(trialID: 2, result: result(1, 0.3)) == .pause)
        #expect(s.suggest(trialID: 4) == .resume(trialID: 2))  // n=3: top 1 is trial 2
        #expect(s.suggest(trialID: 4) == .start(["x": .int(4)]))  // trial 2 already promoted
        #expect(s.onTrialResult(trialID: 3, result: result(1, 0.6)) == .pause)
        // Trial 2 restarts without a checkpoint and replays epoch 1: no new rung entry.
        #expect(s.onTrialResult(trialID: 2, result: result(1, 0.3)) == .continue)
        #expect(s.onTrialResult(trialID: 2, result: result(2, 0.28)) == .continue)
        #expect(s.onTrialResult(trialID: 2, result: result(3, 0.25)) == .pause)
        #expect(s.suggest(trialID: 5) == .start(["x": .int(5)]))  // rung 3 has n=1; rung 1's top 1 promoted
        #expect(s.onTrialResult(trialID: 4, result: result(1, 0.1)) == .pause)
        #expect(s.suggest(trialID: 6) == .resume(trialID: 4))  // n=5, top 1 is now trial 4
        #expect(s.onTrialResult(trialID: 5, result: result(1, 0.4)) == .pause)
        // n=6, top 2 = trials 4 and 2, both promoted.
        #expect(s.suggest(trialID: 6) == .start(["x": .int(6)]))
        #expect(s.onTrialResult(trialID: 4, result: result(3, 0.2)) == .pause)
        #expect(s.onTrialResult(trialID: 6, result: result(1, 0.9)) == .pause)
        // Rung 3 now holds 2 (0.25) and 4 (0.2): ⌊2/3⌋ = 0. Rung 1: n=7, top 2 promoted → new.
        #expect(s.suggest(trialID: 7) == .start(["x": .int(7)]))
        #expect(s.onTrialResult(trialID: 7, result: result(1, 0.8)) == .pause)
        #expect(s.onTrialResult(trialID: 8, result: result(1, 0.85)) == .pause)
        // Rung 1: n=9, top 3 = 4, 2, 5 (0.4) → trial 5 is promoted.
        #expect(s.suggest(trialID: 9) == .resume(trialID: 5))
        #expect(s.onTrialResult(trialID: 5, result: result(3, 0.15)) == .pause)
        // Rung 3: n=3, top 1 = trial 5 → promoted to max_t.
        #expect(s.suggest(trialID: 9) == .resume(trialID: 5))
        #expect(s.onTrialResult(trialID: 5, result: result(9, 0.1)) == .stop)
    }

    @Test func failedTrialsAreNeverPromoted() {
        var s = asha(.promotion)
        for id in 0..<3 { _ = s.suggest(trialID: id) }
        _ = s.onTrialResult(trialID: 0, result: result(1, 0.1))
        _ = s.onTrialResult(trialID: 1, result: result(1, 0.5))
        _ = s.onTrialResult(trialID: 2, result: result(1, 0.6))
        s.onTrialError(trialID: 0)
        #expect(s.suggest(trialID: 3) == .start(["x": .int(3)]))
    }
}

@Suite("Hyperband")
struct HyperbandTests {
    @Test func bracketsStartAtSuccessiveRungsWithHyperbandProportions() {
        let s = HyperbandScheduler(
            searcher: CountingSearcher(),
            objectives: [("loss", .min)],
            timeAttribute: "epoch",
            maxT: 9,
            seed: 1
        )
        #expect(s.brackets.map(\.levels) == [[1, 3], [3], []])
        // n_b = ⌈B/(B−b) · η^(B−1−b)⌉ = 9, ⌈4.5⌉ = 5, 3.
        let expected = [9.0 / 17, 5.0 / 17, 3.0 / 17]
        for (p, q) in zip(s.bracketProbabilities, expected) { #expect(abs(p - q) < 1e-12) }
    }

    @Test func eachBracketKeepsItsOwnRungs() {
        var s = HyperbandScheduler(
            searcher: CountingSearcher(),
            objectives: [("loss", .min)],
            timeAttribute: "epoch",
            maxT: 9,
            seed: 3
        )
        var byBracket: [Int: [Int]] = [:]
        for id in 0..<600 {
            _ = s.suggest(trialID: id)
            byBracket[s.bracketOf[id]!, default: []].append(id)
        }
        let counts = (0..<3).map { byBracket[$0]?.count ?? 0 }
        #expect(counts[0] > counts[1] && counts[1] > counts[2] && counts[2] > 0)
        let b0 = byBracket[0]!, b1 = byBracket[1]!, b2 = byBracket[2]!
        // Bracket 0 is ASHA with rungs 1 and 3.
        #expect(s.onTrialResult(trialID: b0[0], result: result(1, 0.5)) == .continue)
        #expect(s.onTrialResult(trialID: b0[1], result: result(1, 0.6)) == .stop)
        // Bracket 1's first rung is 3: a bad epoch-1 result is no reason to stop, and its rung is
        // independent of bracket 0's.
        #expect(s.onTrialResult(trialID: b1[0], result: result(1, 0.9)) == .continue)
        #expect(s.onTrialResult(trialID: b1[0], result: result(3, 0.9)) == .continue)
        #expect(s.onTrialResult(trialID: b1[1], result: result(3, 0.95)) == .stop)
        #expect(s.onTrialResult(trialID: b1[2], result: result(3, 0.1)) == .continue)
        // Bracket 2 has no rungs: runs to max_t whatever it reports.
        for epoch in 1...8 { #expect(s.onTrialResult(trialID: b2[0], result: result(epoch, 99)) == .continue) }
        #expect(s.onTrialResult(trialID: b2[0], result: result(9, 99)) == .stop)
        #expect(s.brackets[0].rungs[0].count == 2 && s.brackets[1].rungs[0].count == 3)
    }
}

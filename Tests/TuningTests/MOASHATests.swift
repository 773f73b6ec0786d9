import Testing

@testable import Tuning

@Suite("MO-ASHA")
struct MOASHATests {
    // A(1,5) B(2,2) C(5,1) D(3,3) E(4,4) F(6,6), both minimised.
    let points: [[Double]] = [[1, 5], [2, 2], [5, 1], [3, 3], [4, 4], [6, 6]]

    @Test func nonDominatedFrontsByHand() {
        #expect(nonDominatedFronts(points) == [[0, 1, 2], [3], [4], [5]])
        #expect(dominates([1, 1], [1, 2]) && !dominates([1, 2], [1, 2]) && !dominates([1, 5], [2, 2]))
    }

    @Test func epsilonNetOrdersTheFrontBySpread() {
        // Normalised: A(0, .8) B(.2, .2) C(.8, 0). Start with A (best first objective); C is
        // farthest from A (d² = 1.28 vs 0.40 for B); then B.
        #expect(ParetoRanking().order(points) == [0, 2, 1, 3, 4, 5])
        let ranks = points.indices.map { ParetoRanking().rank(of: $0, in: points) }
        #expect(ranks == [0, 2, 1, 3, 4, 5])
    }

    @Test func rankIsThePositionOfTheEntryNotTheSortPermutation() {
        // The new result (index 3) dominates everyone: order = [3, 0, 1, 2]. Reading the
        // permutation as ranks would give it order[3] = 2, and 2·3 > 4 would stop it.
        let values: [[Double]] = [[5, 5], [6, 6], [7, 7], [1, 1]]
        #expect(ParetoRanking().order(values) == [3, 0, 1, 2])
        #expect(ParetoRanking().rank(of: 3, in: values) == 0)
        #expect(ParetoRanking().rank(of: 2, in: values) == 3)
    }

    func moasha() -> ASHAScheduler {
        ASHAScheduler(
            searcher: CountingSearcher(),
            objectives: [("error", .min), ("cost", .min)],
            timeAttribute: "epoch",
            maxT: 9
        )
    }

    @Test func aResultThatDominatesItsRungIsNeverStopped() {
        var s = moasha()
        let earlier: [(Double, Double)] = [(0.5, 5), (0.6, 6), (0.7, 7), (0.55, 5.5), (0.65, 6.5)]
        for (id, (error, cost)) in earlier.enumerated() {
            _ = s.onTrialResult(trialID: id, result: ["epoch": 1, "error": error, "cost": cost])
        }
        #expect(s.onTrialResult(trialID: 9, result: ["epoch": 1, "error": 0.1, "cost": 1]) == .continue)
        // Dominating in one objective and tied in the other also dominates.
        #expect(s.onTrialResult(trialID: 10, result: ["epoch": 1, "error": 0.1, "cost": 0.5]) == .continue)
    }

    @Test func stepByStepDecisionsWithHandComputedRanks() {
        var s = moasha()
        func report(_ id: Int, _ error: Double, _ cost: Double) -> SchedulerDecision {
            s.onTrialResult(trialID: id, result: ["epoch": 1, "error": error, "cost": cost])
        }
        #expect(report(0, 0.5, 5) == .continue)  // n=1, rank 0
        #expect(report(1, 0.6, 6) == .stop)  // dominated: rank 1, 1·3 > 2
        // Front {0, 2}: the ε-net starts at 2, the best error → rank 0.
        #expect(report(2, 0.2, 8) == .continue)
        // 3 dominates 0 but not 2; front {2, 3} starts at 2 → rank 1: 1·3 <= 4 → continue.
        #expect(report(3, 0.3, 4) == .continue)
        // 4 dominates 0 and 3; front {2, 4} → rank 1: 3 <= 5 → continue.
        #expect(report(4, 0.25, 3) == .continue)
        // 5 dominates everyone → rank 0.
        #expect(report(5, 0.1, 2) == .continue)
        // Front 1 = {2, 4, 6} after {5}; its ε-net starts at 6 (best error) → rank 1: 3 <= 7.
        #expect(report(6, 0.15, 9) == .continue)
        // 7 dominates 2, so the fronts become {5}, {4, 6, 7}, {2, 3}, {0}, {1}. Within front 1
        // the ε-net takes 6 (best error), then 4 (farthest from 6), then 7: order 5, 6, 4, 7, …
        // → rank 3: 9 > 8 → stop.
        #expect(report(7, 0.2, 6) == .stop)
    }
}

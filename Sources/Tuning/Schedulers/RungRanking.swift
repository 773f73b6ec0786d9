/// Orders the results recorded at one rung, best first. Values are objective vectors already
/// turned into quantities to minimise.
public protocol RungRanking: Sendable {
    /// Indices of `values`, best first.
    func order(_ values: [[Double]]) -> [Int]
    /// Number of entries ranked ahead of `values[index]` (0 = best).
    func rank(of index: Int, in values: [[Double]]) -> Int
}

/// Single objective: ascending value. Ties favour the entry being ranked, so a new result equal to
/// the best continues (as with Ray Tune's and Syne Tune's `<=` cutoffs).
public struct ScalarRanking: RungRanking {
    public init() {}

    public func order(_ values: [[Double]]) -> [Int] {
        values.indices.sorted { values[$0][0] < values[$1][0] || (values[$0][0] == values[$1][0] && $0 < $1) }
    }

    public func rank(of index: Int, in values: [[Double]]) -> Int {
        let value = values[index][0]
        return values.indices.reduce(0) { $0 + ($1 != index && values[$1][0] < value ? 1 : 0) }
    }
}

/// MO-ASHA's priority (Schmucker et al., "Multi-objective Asynchronous Successive Halving", 2021;
/// used for hardware-aware tuning by Salinas et al., "A multi-objective perspective on jointly
/// tuning hardware and hyperparameters", 2021): non-dominated sorting into Pareto fronts, and
/// within a front the greedy ε-net order, which spreads the kept points along the front.
///
/// `rank(of:in:)` is the *position of that entry* in the order. (A widely used implementation takes
/// the sort permutation — the index of the entry at each position — as if it were each entry's
/// rank, which can stop a result that dominates all others.)
public struct ParetoRanking: RungRanking {
    public init() {}

    public func order(_ values: [[Double]]) -> [Int] {
        guard !values.isEmpty else { return [] }
        let normalised = minMaxNormalised(values)
        return nonDominatedFronts(values).flatMap { epsilonNetOrder($0, normalised) }
    }

    public func rank(of index: Int, in values: [[Double]]) -> Int {
        order(values).firstIndex(of: index)!
    }
}

/// True when `a` is no worse than `b` in every objective and strictly better in one (minimising).
public func dominates(_ a: [Double], _ b: [Double]) -> Bool {
    var strictly = false
    for (x, y) in zip(a, b) {
        if x > y { return false }
        if x < y { strictly = true }
    }
    return strictly
}

/// Pareto fronts, first = non-dominated; each front lists indices in ascending order.
public func nonDominatedFronts(_ values: [[Double]]) -> [[Int]] {
    // Deb et al.'s fast non-dominated sort, O(M N²): rung sizes stay small.
    var dominatedBy = [Int](repeating: 0, count: values.count)
    var dominating = [[Int]](repeating: [], count: values.count)
    for i in values.indices {
        for j in values.indices where i != j {
            if dominates(values[i], values[j]) {
                dominating[i].append(j)
            } else if dominates(values[j], values[i]) {
                dominatedBy[i] += 1
            }
        }
    }
    var fronts: [[Int]] = []
    var current = values.indices.filter { dominatedBy[$0] == 0 }
    while !current.isEmpty {
        fronts.append(current)
        var next: [Int] = []
        for i in current {
            for j in dominating[i] {
                dominatedBy[j] -= 1
                if dominatedBy[j] == 0 { next.append(j) }
            }
        }
        current = next.sorted()
    }
    return fronts
}

/// Greedy ε-net order of one front: start with the best point in the first objective, then always
/// take the point farthest (Euclidean, normalised objectives) from those already taken. Ties go to
/// the lower index, so the order is deterministic.
func epsilonNetOrder(_ front: [Int], _ normalised: [[Double]]) -> [Int] {
    guard front.count > 1 else { return front }
    var remaining = front
    let first = remaining.min { (normalised[$0][0], $0) < (normalised[$1][0], $1) }!
    var chosen = [first]
    remaining.removeAll { $0 == first }
    var distance = remaining.map { squaredDistance(normalised[$0], normalised[first]) }
    while !remaining.isEmpty {
        var best = 0
        for k in remaining.indices.dropFirst()
        where distance[k] > distance[best] || (distance[k] == distance[best] && remaining[k] < remaining[best]) {
            best = k
        }
        let picked = remaining.remove(at: best)
        distance.remove(at: best)
        chosen.append(picked)
        for k in remaining.indices {
            distance[k] = min(distance[k], squaredDistance(normalised[remaining[k]], normalised[picked]))
        }
    }
    return chosen
}

private func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
}

/// Each objective scaled to [0, 1] over the given points (constant objectives become 0) so that
/// distances do not depend on units (error in [0, 1] vs cost in dollars).
func minMaxNormalised(_ values: [[Double]]) -> [[Double]] {
    guard let dimensions = values.first?.count else { return [] }
    var result = values
    for d in 0..<dimensions {
        let column = values.map { $0[d] }
        let low = column.min()!, high = column.max()!
        for i in values.indices { result[i][d] = high > low ? (values[i][d] - low) / (high - low) : 0 }
    }
    return result
}

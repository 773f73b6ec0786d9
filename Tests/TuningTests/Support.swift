import Foundation
import Testing

@testable import Tuning

/// A searcher that hands out x = 0, 1, 2, … so tests can name trials by their config.
struct CountingSearcher: Searcher {
    var counter = 0
    var limit = Int.max
    mutating func next() -> Configuration? {
        guard counter < limit else { return nil }
        defer { counter += 1 }
        return ["x": .int(counter)]
    }
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-tuning-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func result(_ epoch: Int, _ value: Double, metric: String = "loss") -> TrialResult {
    ["epoch": Double(epoch), metric: value]
}

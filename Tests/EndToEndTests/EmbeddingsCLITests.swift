import Foundation
import Testing

/// `atelier embeddings` as a user runs it: train, query, and fail cleanly on bad input.
@Suite struct EmbeddingsCLITests {
    func tempDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-emb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func trainThenQuery() async throws {
        let dir = try tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A small corpus with two clear topics.
        var lines: [String] = []
        for i in 0..<400 {
            lines.append(i % 2 == 0
                ? "the cat chased the mouse and the kitten chased the cat across the garden"
                : "the stock market fell and the bank raised interest rates on the market")
        }
        let corpus = dir.appendingPathComponent("corpus.txt")
        try lines.joined(separator: "\n").write(to: corpus, atomically: true, encoding: .utf8)
        let prefix = dir.appendingPathComponent("model").path
        let train = try await run([
            ServerProcess.binary, "embeddings", "train", "--input", corpus.path, "--output", prefix, "--dim", "16",
            "--epoch", "5", "--min-count", "1", "--bucket", "5000", "--thread", "1", "--verbose", "1",
        ])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(FileManager.default.fileExists(atPath: prefix + ".bin"))
        #expect(FileManager.default.fileExists(atPath: prefix + ".vec"))

        let vector = try await run([ServerProcess.binary, "embeddings", "vector", "--model", prefix + ".bin", "cat", "catz"])
        #expect(vector.status == 0, "\(vector.stderr)")
        let rows = vector.stdout.split(separator: "\n")
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.split(separator: " ").count == 17 }, "word + 16 numbers, also for an unseen word")

        let fromStdin = try await run([ServerProcess.binary, "embeddings", "vector", "--model", prefix + ".bin"], stdin: "mouse\n")
        #expect(fromStdin.stdout.hasPrefix("mouse "))

        let neighbors = try await run([ServerProcess.binary, "embeddings", "neighbors", "--model", prefix + ".bin", "market", "-k", "3"])
        #expect(neighbors.status == 0, "\(neighbors.stderr)")
        #expect(neighbors.stdout.split(separator: "\n").count == 3)
    }

    @Test func badInputFailsCleanlyAndWritesNothing() async throws {
        let dir = try tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let prefix = dir.appendingPathComponent("out").path
        let missing = try await run([
            ServerProcess.binary, "embeddings", "train", "--input", dir.appendingPathComponent("nope.txt").path,
            "--output", prefix,
        ])
        #expect(missing.status != 0 && !missing.stderr.isEmpty)
        let empty = dir.appendingPathComponent("empty.txt")
        try "".write(to: empty, atomically: true, encoding: .utf8)
        let emptyRun = try await run([ServerProcess.binary, "embeddings", "train", "--input", empty.path, "--output", prefix])
        #expect(emptyRun.status != 0)
        #expect(!FileManager.default.fileExists(atPath: prefix + ".bin") && !FileManager.default.fileExists(atPath: prefix + ".vec"))

        let garbage = dir.appendingPathComponent("garbage.bin")
        try Data("not a model".utf8).write(to: garbage)
        let load = try await run([ServerProcess.binary, "embeddings", "vector", "--model", garbage.path, "cat"])
        #expect(load.status != 0 && load.stderr.lowercased().contains("magic"), "\(load.stderr)")
    }
}

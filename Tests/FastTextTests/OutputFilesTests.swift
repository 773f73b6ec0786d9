import Foundation
import Testing

@testable import FastText

/// Output files: fastText's text formats, and no partial file when something fails.
@Suite struct OutputFilesTests {
    @Test func vectorLineIsPrintWordVectorsFormat() throws {
        let model = try Fixtures.tinyModel()
        let line = model.vectorLine(for: "café")
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        #expect(parts.first == "café")
        #expect(parts.count == 1 + model.dim + 1, "word, dim values, and the trailing space fastText prints")
        let values = parts.dropFirst().dropLast().map { Float($0)! }
        #expect(maxAbsDifference(values, model.wordVector("café")) <= 5e-5)
    }

    @Test func failedTrainingWritesNothing() throws {
        let dir = try TemporaryDirectory()
        try TinyCorpus.write(to: dir.file("corpus.txt"), lines: 30)
        var arguments = TinyCorpus.arguments()
        arguments.minCount = 1000
        #expect(throws: FastTextError.self) {
            try Trainer(arguments: arguments).trainAndSave(inputPath: dir.file("corpus.txt"), outputPrefix: dir.file("out"))
        }
        #expect(throws: FastTextError.self) {
            try Trainer(arguments: TinyCorpus.arguments())
                .trainAndSave(inputPath: dir.file("corpus.txt"), outputPrefix: dir.file("missing-dir/out"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["corpus.txt"])
    }

    @Test func malformedVecFilesThrow() throws {
        let dir = try TemporaryDirectory()
        for (name, text) in [("header", "2\nword 1 2\n"), ("short", "1 3\nword 1 2\n"), ("count", "2 2\nword 1 2\n"),
                             ("number", "1 2\nword 1 x\n"), ("empty", "")] {
            try text.write(toFile: dir.file(name), atomically: true, encoding: .utf8)
            #expect(throws: FastTextError.self, "\(name)") { try WordVectors.load(from: dir.file(name)) }
        }
        try "2 2\na 1 2 \nb -0.5 1e-07 \n".write(toFile: dir.file("ok"), atomically: true, encoding: .utf8)
        let vectors = try WordVectors.load(from: dir.file("ok"))
        #expect(vectors.words == ["a", "b"] && vectors.vectors[1] == [-0.5, 1e-7])
    }

    @Test func neighborsExcludeTheQueryAndAreSorted() throws {
        let index = NeighborIndex(model: try Fixtures.tinyModel())
        let neighbors = index.neighbors(of: "the", k: 8)
        #expect(neighbors.count == 8 && !neighbors.contains { $0.word == "the" })
        #expect(zip(neighbors, neighbors.dropFirst()).allSatisfy { $0.similarity >= $1.similarity })
    }
}

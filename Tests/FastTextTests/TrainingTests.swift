import Foundation
import Testing

@testable import FastText

@Suite struct TrainingTests {
    @Test(arguments: [ModelKind.skipgram, .cbow])
    func learnsTopicsOfATinyCorpus(kind: ModelKind) throws {
        let dir = try TemporaryDirectory()
        try TinyCorpus.write(to: dir.file("corpus.txt"), lines: 3000)
        var progress: [TrainingProgress] = []
        var arguments = TinyCorpus.arguments(kind)
        arguments.epoch = 10
        let model = try Trainer(arguments: arguments).train(inputPath: dir.file("corpus.txt")) { event in
            if case .progress(let p) = event { progress.append(p) }
        }
        let last = try #require(progress.last)
        #expect(last.fraction == 1)
        #expect(last.loss > 0 && last.loss < 3.9, "final average loss \(last.loss)")
        #expect(last.description.hasPrefix("Progress: 100.0% words/sec/thread:"))
        let index = NeighborIndex(model: model)
        let catTopic: Set = ["dog", "pet", "fur", "paw", "tail"]
        let neighbors = index.neighbors(of: "cat", k: 5).map(\.word)
        let overlap = catTopic.intersection(neighbors).count
        #expect(overlap >= 4, "neighbours of cat: \(neighbors)")
    }

    @Test func dictionaryFollowsFastTextsRules() throws {
        let dir = try TemporaryDirectory()
        try "b a b\tc\n\na b  b\r\n".write(toFile: dir.file("c.txt"), atomically: true, encoding: .utf8)
        var arguments = Arguments()
        arguments.minCount = 2
        let dictionary = try WordDictionary.build(from: Corpus(path: dir.file("c.txt")), arguments: arguments)
        // Tokens: b a b c </s> </s> a b b </s>  → b:4, </s>:3, a:2, c:1 (dropped by minCount 2).
        #expect((0..<dictionary.size).map { dictionary.word($0) } == ["b", "</s>", "a"])
        #expect(dictionary.counts == [4, 3, 2])
        #expect(dictionary.ntokens == 10)
        #expect(dictionary.subwordIDs(of: "</s>") == [1], "</s> has no n-grams")
    }

    @Test func rejectsBadInputWithClearErrors() throws {
        let dir = try TemporaryDirectory()
        #expect(throws: FastTextError.self) { try Trainer(arguments: Arguments()).train(inputPath: dir.file("missing.txt")) }
        try "".write(toFile: dir.file("empty.txt"), atomically: true, encoding: .utf8)
        let empty = #expect(throws: FastTextError.self) { try Trainer(arguments: Arguments()).train(inputPath: dir.file("empty.txt")) }
        #expect(empty?.kind == .emptyCorpus)
        try "rare words only\n".write(toFile: dir.file("rare.txt"), atomically: true, encoding: .utf8)
        let rare = #expect(throws: FastTextError.self) { try Trainer(arguments: Arguments()).train(inputPath: dir.file("rare.txt")) }
        #expect(rare?.kind == .emptyCorpus)
        var bad = Arguments()
        bad.minn = 7
        #expect(throws: FastTextError.self) { try bad.validate() }
    }
}

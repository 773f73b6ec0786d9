import Foundation
import Testing

@testable import FastText

/// Small training corpus written by the tests: a few topics with regular co-occurrences.
enum TinyCorpus {
    static func write(to path: String, lines: Int = 1500) throws {
        let topics = [
            ["cat", "dog", "pet", "fur", "paw", "tail"],
            ["car", "road", "wheel", "engine", "drive", "fuel"],
            ["café", "coffee", "cup", "milk", "sugar", "東京"],
        ]
        var rng = SystemRandomNumberGenerator()
        var text = ""
        for i in 0..<lines {
            let topic = topics[i % topics.count]
            let words = (0..<8).map { _ in topic.randomElement(using: &rng)! }
            text += words.joined(separator: " ") + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func arguments(_ model: ModelKind = .skipgram) -> Arguments {
        var arguments = Arguments()
        arguments.model = model
        arguments.dim = 16
        arguments.bucket = 1000
        arguments.epoch = 5
        arguments.minCount = 1
        arguments.thread = 2
        return arguments
    }
}

@Suite struct RoundTripTests {
    @Test(arguments: [ModelKind.skipgram, .cbow])
    func trainedModelSurvivesBinAndVecRoundTrip(kind: ModelKind) throws {
        let dir = try TemporaryDirectory()
        try TinyCorpus.write(to: dir.file("corpus.txt"))
        let model = try Trainer(arguments: TinyCorpus.arguments(kind)).train(inputPath: dir.file("corpus.txt"))
        try model.save(binaryTo: dir.file("m.bin"))
        try model.save(vectorsTo: dir.file("m.vec"))

        let loaded = try FastTextModel.load(binaryFrom: dir.file("m.bin"))
        #expect(loaded.arguments.dim == 16 && loaded.arguments.model == kind && loaded.arguments.bucket == 1000)
        #expect(loaded.dictionary.size == model.dictionary.size)
        #expect(loaded.dictionary.ntokens == model.dictionary.ntokens)
        #expect(loaded.dictionary.counts == model.dictionary.counts)
        for word in ["cat", "café", "東京", "</s>", "unseen-word", "caf"] {
            #expect(loaded.wordVector(word) == model.wordVector(word), "\(word)")
        }
        for id in 0..<model.input.rows { #expect(loaded.input.row(id) == model.input.row(id)) }
        for id in 0..<model.output.rows { #expect(loaded.output.row(id) == model.output.row(id)) }

        let vec = try WordVectors.load(from: dir.file("m.vec"))
        #expect(vec.words.count == model.dictionary.nwords && vec.dim == 16)
        for (word, vector) in zip(vec.words, vec.vectors) {
            // .vec stores 5 significant digits.
            let exact = model.wordVector(word)
            for (a, b) in zip(vector, exact) { #expect(abs(a - b) <= 1e-4 * max(1, abs(b)), "\(word)") }
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir.file("m.bin")))
        #expect(bytes.prefix(4) == Data([0xBA, 0x16, 0x4F, 0x2F]), "magic 793712314 little-endian")
    }

    @Test func fixtureModelIsRewrittenByteForByte() throws {
        let dir = try TemporaryDirectory()
        let original = try Data(contentsOf: Fixtures.url("tiny", "bin"))
        try Fixtures.tinyModel().save(binaryTo: dir.file("copy.bin"))
        let copy = try Data(contentsOf: URL(fileURLWithPath: dir.file("copy.bin")))
        #expect(copy == original)
    }

    @Test func vecLinesUseFastTextsNumberFormat() {
        #expect(formatFloat(0.123456789) == "0.12346")
        #expect(formatFloat(-1.5e-7) == "-1.5e-07")
        #expect(formatFloat(12345.678) == "12346")
        #expect(formatFloat(0) == "0")
    }
}

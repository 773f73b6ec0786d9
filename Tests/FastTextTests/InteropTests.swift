import Foundation
import Testing

@testable import FastText

/// A model trained by Atelier loads in the fastText Python package and in gensim's
/// `load_facebook_vectors` with the same vectors. Needs `FASTTEXT_PYTHON` = a python with `fasttext`
/// and `gensim` (e.g. /work/venvs/fasttext/bin/python); skipped, visibly, otherwise.
@Suite struct InteropTests {
    static let python = ProcessInfo.processInfo.environment["FASTTEXT_PYTHON"]

    @Test(.enabled(if: python != nil, "set FASTTEXT_PYTHON to a python with fasttext and gensim"))
    func atelierModelLoadsInFastTextAndGensim() throws {
        let dir = try TemporaryDirectory()
        try TinyCorpus.write(to: dir.file("corpus.txt"))
        let model = try Trainer(arguments: TinyCorpus.arguments()).train(inputPath: dir.file("corpus.txt"))
        try model.save(binaryTo: dir.file("m.bin"))
        var vectors: [String: [Float]] = [:]
        for word in ["cat", "café", "東京", "engine", "unseen", "cafés", "東京都", "x"] { vectors[word] = model.wordVector(word) }
        try JSONEncoder().encode(vectors).write(to: URL(fileURLWithPath: dir.file("vectors.json")))

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Benchmarks/fasttext_interop_check.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.python))
        process.arguments = [script, dir.file("m.bin"), dir.file("vectors.json")]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("load_model:") && output.contains("load_facebook_vectors:"), "\(output)")
    }
}

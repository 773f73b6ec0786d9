import Foundation
import Testing

@testable import FastText

/// What the fastText Python package said about the fixture model (see Benchmarks/fasttext_generate_fixtures.py).
struct Expected: Decodable {
    struct Word: Decodable {
        let word: String
        let in_vocabulary: Bool
        let subwords: [String]
        let ids: [Int32]
        let vector: [Float]
    }
    struct Analogy: Decodable {
        let query: [String]
        let result: [[Entry]]
    }
    /// A `[word, similarity]` pair.
    enum Entry: Decodable {
        case word(String)
        case number(Float)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .word(text) } else { self = .number(try container.decode(Float.self)) }
        }
    }

    let nwords: Int
    let dim: Int
    let first_words: [String]
    let words: [Word]
    let vocabulary_vectors: [String: [Float]]
    let hashes: [String: UInt32]
    let neighbors: [String: [[Entry]]]
    let analogies: [Analogy]
}

enum Fixtures {
    static func url(_ name: String, _ ext: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"))
    }

    static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url("expected", "json")))
    }

    static func tinyModel() throws -> FastTextModel {
        try FastTextModel.load(binaryFrom: url("tiny", "bin").path)
    }

    /// Pairs of (word, similarity) from the JSON's `[word, number]` arrays.
    static func pairs(_ entries: [[Expected.Entry]]) -> [(String, Float)] {
        entries.compactMap { pair in
            guard pair.count == 2, case .word(let w) = pair[0], case .number(let s) = pair[1] else { return nil }
            return (w, s)
        }
    }
}

func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "length \(a.count) vs \(b.count)")
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// A scratch directory removed at the end of the test.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "fasttext-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

import ArgumentParser
import FastText

/// `atelier embeddings vector`: fastText's `print-word-vectors`.
struct EmbeddingsVector: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vector",
        abstract: "Print word vectors (of any word, via its n-grams); reads words from stdin, one per line, when none are given.")

    @Option(help: "A fastText .bin model.") var model: String
    @Argument(help: "Words to print.") var words: [String] = []

    func run() throws {
        let loaded = try FastTextModel.load(binaryFrom: model)
        if words.isEmpty {
            while let line = readLine() {
                for word in line.split(whereSeparator: \.isWhitespace) { print(loaded.vectorLine(for: String(word))) }
            }
        } else {
            for word in words { print(loaded.vectorLine(for: word)) }
        }
    }
}

/// `atelier embeddings neighbors`: fastText's `nn`.
struct EmbeddingsNeighbors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbors", abstract: "Print the k nearest neighbours of a word by cosine similarity.")

    @Option(help: "A fastText .bin model.") var model: String
    @Option(name: [.customShort("k"), .long], help: "Number of neighbours.") var k = 10
    @Argument(help: "The query word.") var word: String

    func run() throws {
        let index = NeighborIndex(model: try FastTextModel.load(binaryFrom: model))
        for neighbor in index.neighbors(of: word, k: k) { print("\(neighbor.word) \(neighbor.similarity)") }
    }
}

/// `atelier embeddings analogies`: fastText's `analogies` (A - B + C).
struct EmbeddingsAnalogies: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analogies", abstract: "Print the k words closest to A - B + C (e.g. berlin germany france → paris).")

    @Option(help: "A fastText .bin model.") var model: String
    @Option(name: [.customShort("k"), .long], help: "Number of results.") var k = 10
    @Argument(help: "A") var a: String
    @Argument(help: "B") var b: String
    @Argument(help: "C") var c: String

    func run() throws {
        let index = NeighborIndex(model: try FastTextModel.load(binaryFrom: model))
        for neighbor in index.analogies(a, b, c, k: k) { print("\(neighbor.word) \(neighbor.similarity)") }
    }
}

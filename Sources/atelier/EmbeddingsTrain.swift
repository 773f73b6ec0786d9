import ArgumentParser
import FastText
import Foundation

/// `atelier embeddings train`: fastText's `skipgram` / `cbow` commands. Flags accept both the
/// ArgumentParser spelling (`--min-count`) and fastText's (`-minCount`).
struct EmbeddingsTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train subword embeddings on a text file; writes PREFIX.bin and PREFIX.vec.")

    @Option(name: [.long, .customLong("input", withSingleDash: true)], help: "Training text (UTF-8, whitespace-separated).")
    var input: String
    @Option(name: [.long, .customLong("output", withSingleDash: true)], help: "Output prefix: writes PREFIX.bin and PREFIX.vec.")
    var output: String
    @Option(help: "skipgram or cbow.") var model: String = "skipgram"
    @Option(name: [.long, .customLong("dim", withSingleDash: true)], help: "Size of word vectors.") var dim = 100
    @Option(name: [.long, .customLong("ws", withSingleDash: true)], help: "Size of the context window.") var ws = 5
    @Option(name: [.long, .customLong("epoch", withSingleDash: true)], help: "Number of epochs.") var epoch = 5
    @Option(name: [.customLong("min-count"), .customLong("minCount", withSingleDash: true)], help: "Minimal number of word occurrences.")
    var minCount = 5
    @Option(name: [.long, .customLong("neg", withSingleDash: true)], help: "Number of negatives sampled.") var neg = 5
    @Option(name: [.long, .customLong("minn", withSingleDash: true)], help: "Min length of char n-grams.") var minn = 3
    @Option(name: [.long, .customLong("maxn", withSingleDash: true)], help: "Max length of char n-grams (0: none).") var maxn = 6
    @Option(name: [.long, .customLong("bucket", withSingleDash: true)], help: "Number of n-gram buckets.") var bucket = 2_000_000
    @Option(name: [.long, .customLong("lr", withSingleDash: true)], help: "Learning rate.") var lr = 0.05
    @Option(name: [.customLong("t"), .customShort("t")], help: "Sampling threshold.") var t = 1e-4
    @Option(name: [.long, .customLong("thread", withSingleDash: true)], help: "Number of threads (default: all cores).")
    var thread = Arguments.defaultThreadCount
    @Option(name: [.customLong("lr-update-rate"), .customLong("lrUpdateRate", withSingleDash: true)], help: "Rate of learning-rate updates.")
    var lrUpdateRate = 100
    @Option(name: [.long, .customLong("seed", withSingleDash: true)], help: "Seed of the initialisation and the sampling.")
    var seed = 0
    @Option(name: [.long, .customLong("verbose", withSingleDash: true)], help: "0: silent, 1: summary, 2: progress line.")
    var verbose = 2

    func run() throws {
        guard let kind = ModelKind.allCases.first(where: { $0.name == model && $0 != .supervised }) else {
            throw ValidationError("--model must be skipgram or cbow (got \(model))")
        }
        var arguments = Arguments()
        arguments.model = kind
        arguments.dim = dim
        arguments.ws = ws
        arguments.epoch = epoch
        arguments.minCount = minCount
        arguments.neg = neg
        arguments.minn = minn
        arguments.maxn = maxn
        arguments.bucket = bucket
        arguments.lr = lr
        arguments.t = t
        arguments.thread = thread
        arguments.lrUpdateRate = lrUpdateRate
        arguments.verbose = verbose
        arguments.seed = seed
        let verbose = verbose
        _ = try Trainer(arguments: arguments).trainAndSave(inputPath: input, outputPrefix: output) { event in
            switch event {
            case .dictionary(let words, let labels, let tokens) where verbose > 0:
                standardError("Read \(tokens / 1_000_000)M words\nNumber of words:  \(words)\nNumber of labels: \(labels)\n")
            case .progress(let progress) where verbose > 1:
                standardError("\r" + progress.description)
            default:
                break
            }
        }
        if verbose > 1 { standardError("\n") }
    }
}

func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

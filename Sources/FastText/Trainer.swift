import Foundation
import Synchronization

/// Orchestrates unsupervised training (fastText's `FastText::train`): builds the dictionary, initialises
/// the matrices, and runs `thread` hogwild workers over the corpus with a linearly decaying learning rate.
public struct Trainer: Sendable {
    /// What training reports while it runs.
    public enum Event: Sendable {
        /// The dictionary was read: `words` kept, `labels` kept, `tokens` read.
        case dictionary(words: Int, labels: Int, tokens: Int64)
        /// Periodic progress (about ten times a second) and once at the end.
        case progress(TrainingProgress)
    }

    public let arguments: Arguments

    public init(arguments: Arguments) {
        self.arguments = arguments
    }

    /// Trains on the text file at `inputPath` and returns the model. `onEvent` is called on the caller's thread.
    public func train(inputPath: String, onEvent: (Event) -> Void = { _ in }) throws(FastTextError) -> FastTextModel {
        try arguments.validate()
        let corpus = try Corpus(path: inputPath)
        let dictionary = try WordDictionary.build(from: corpus, arguments: arguments)
        onEvent(.dictionary(words: dictionary.nwords, labels: dictionary.nlabels, tokens: dictionary.ntokens))
        let input = Matrix(rows: dictionary.nwords + arguments.bucket, cols: arguments.dim)
        input.uniform(bound: 1 / Float(arguments.dim), seed: UInt64(arguments.seed))
        let output = Matrix(rows: dictionary.nwords, cols: arguments.dim)
        let loss = NegativeSamplingLoss(neg: arguments.neg, counts: Array(dictionary.counts[..<dictionary.nwords]))
        let shared = SharedProgress()
        let run = TrainingRun(
            arguments: arguments, dictionary: dictionary, corpus: corpus,
            model: Model(input: input, output: output, loss: loss), shared: shared)

        let start = ContinuousClock.now
        let done = DispatchGroup()
        for threadID in 0..<arguments.thread {
            done.enter()
            let thread = Thread {
                run.work(threadID: threadID)
                done.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        let total = Int64(arguments.epoch) * dictionary.ntokens
        func report() {
            let elapsed = start.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            onEvent(
                .progress(
                    TrainingProgress(
                        fraction: min(1, Double(shared.tokenCount.load(ordering: .relaxed)) / Double(total)),
                        tokens: shared.tokenCount.load(ordering: .relaxed), seconds: seconds, threads: arguments.thread,
                        lr: arguments.lr, loss: shared.loss)))
        }
        while done.wait(timeout: .now() + .milliseconds(100)) == .timedOut { report() }
        report()
        return FastTextModel(arguments: arguments, dictionary: dictionary, input: input, output: output)
    }
}

/// Progress of a training run, with fastText's progress line as `description`.
public struct TrainingProgress: Sendable, CustomStringConvertible {
    /// Share of `epoch × ntokens` processed, 0…1.
    public let fraction: Double
    public let tokens: Int64
    public let seconds: Double
    public let threads: Int
    let lr: Double
    /// Average loss per example of thread 0 so far.
    public let loss: Double

    public var learningRate: Double { lr * (1 - fraction) }
    public var wordsPerSecondPerThread: Double { seconds > 0 ? Double(tokens) / seconds / Double(threads) : 0 }
    /// Estimated seconds left (fastText shows one month before the first update).
    public var etaSeconds: Int {
        fraction > 0 && seconds >= 0 ? Int(seconds * (1 - fraction) / fraction) : 2_592_000
    }

    public var description: String {
        let eta = etaSeconds
        return String(
            format: "Progress: %5.1f%% words/sec/thread: %7lld lr: %9.6f avg.loss: %9.6f ETA: %3dh%2dm%2ds",
            fraction * 100, Int64(wordsPerSecondPerThread), learningRate, loss, eta / 3600, (eta % 3600) / 60, eta % 60)
    }
}

/// The counters the workers share: processed tokens (atomic) and thread 0's average loss.
final class SharedProgress: Sendable {
    let tokenCount = Atomic<Int64>(0)
    private let lossBits = Atomic<UInt64>(0)

    var loss: Double {
        get { Double(bitPattern: lossBits.load(ordering: .relaxed)) }
    }

    func publish(loss: Double) { lossBits.store(loss.bitPattern, ordering: .relaxed) }
}

extension Trainer {
    /// Trains and writes `outputPrefix.bin` and `outputPrefix.vec`, as `fasttext skipgram|cbow -output PREFIX`
    /// does. Each file is written to a temporary name and renamed, so a failure leaves no partial file.
    public func trainAndSave(
        inputPath: String, outputPrefix: String, onEvent: (Event) -> Void = { _ in }
    ) throws(FastTextError) -> FastTextModel {
        // Fail before hours of training, not after, when the output cannot be written.
        let directory = URL(fileURLWithPath: outputPrefix).deletingLastPathComponent().path
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw FastTextError(.ioFailure, "cannot write \(outputPrefix).bin: directory \(directory) is missing or read-only")
        }
        let model = try train(inputPath: inputPath, onEvent: onEvent)
        try model.save(binaryTo: outputPrefix + ".bin")
        try model.save(vectorsTo: outputPrefix + ".vec")
        return model
    }
}

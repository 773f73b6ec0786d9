import Foundation

/// fastText's model kinds, with the integer codes of its `.bin` format.
public enum ModelKind: Int32, Sendable, CaseIterable {
    case cbow = 1
    case skipgram = 2
    case supervised = 3

    /// The name fastText's command line uses.
    public var name: String {
        switch self {
        case .cbow: "cbow"
        case .skipgram: "skipgram"
        case .supervised: "supervised"
        }
    }
}

/// fastText's loss kinds, with the integer codes of its `.bin` format.
public enum LossKind: Int32, Sendable {
    case hierarchicalSoftmax = 1
    case negativeSampling = 2
    case softmax = 3
    case oneVsAll = 4
}

/// Training hyperparameters, with fastText's defaults for unsupervised embeddings.
///
/// The fields that fastText stores in a `.bin` (everything but `lr`, `thread`, `verbose`, `seed`)
/// are written and read back in the same order as fastText's `Args::save`.
public struct Arguments: Sendable, Equatable {
    public var model: ModelKind = .skipgram
    public var loss: LossKind = .negativeSampling
    public var dim = 100
    public var ws = 5
    public var epoch = 5
    public var minCount = 5
    public var minCountLabel = 0
    public var neg = 5
    public var wordNgrams = 1
    public var bucket = 2_000_000
    public var minn = 3
    public var maxn = 6
    public var lrUpdateRate = 100
    public var t = 1e-4
    public var lr = 0.05
    public var thread = Arguments.defaultThreadCount
    public var verbose = 2
    public var seed = 0
    /// Prefix that marks a token as a label (only used by supervised models).
    public var labelPrefix = "__label__"

    public init() {}

    /// fastText uses every core by default.
    public static var defaultThreadCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Checks ranges that would otherwise crash or loop forever during training.
    public func validate() throws(FastTextError) {
        func fail(_ message: String) -> FastTextError { FastTextError(.invalidArgument, message) }
        guard dim > 0, dim <= 100_000 else { throw fail("dim must be in 1...100000 (got \(dim))") }
        guard ws > 0 else { throw fail("ws must be positive (got \(ws))") }
        guard epoch > 0 else { throw fail("epoch must be positive (got \(epoch))") }
        guard minCount > 0 else { throw fail("minCount must be positive (got \(minCount))") }
        guard neg > 0 else { throw fail("neg must be positive (got \(neg))") }
        guard bucket >= 0, bucket <= Int(Int32.max) else { throw fail("bucket must be in 0...\(Int32.max) (got \(bucket))") }
        guard minn >= 0, maxn >= 0 else { throw fail("minn and maxn must not be negative") }
        guard maxn == 0 || minn <= maxn else { throw fail("minn (\(minn)) must not exceed maxn (\(maxn))") }
        guard maxn == 0 || bucket > 0 else { throw fail("bucket must be positive when maxn > 0") }
        guard lr > 0, lr.isFinite else { throw fail("lr must be positive (got \(lr))") }
        guard t > 0, t.isFinite else { throw fail("t must be positive (got \(t))") }
        guard thread > 0, thread <= 1024 else { throw fail("thread must be in 1...1024 (got \(thread))") }
        guard lrUpdateRate > 0 else { throw fail("lrUpdateRate must be positive (got \(lrUpdateRate))") }
        guard model != .supervised, loss == .negativeSampling else {
            throw fail("only unsupervised models (skipgram, cbow) with negative sampling can be trained")
        }
    }
}

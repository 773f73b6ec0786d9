/// Whether a dictionary entry is a word or a label (`__label__…`), with fastText's byte codes.
public enum EntryType: UInt8, Sendable {
    case word = 0
    case label = 1
}

/// fastText's `Dictionary`: the vocabulary (words, then labels, most frequent first), token counts,
/// subsampling probabilities and the character n-gram ids of every word.
///
/// Named `WordDictionary` so that it does not shadow `Swift.Dictionary` in modules that import FastText.
/// Ids `0..<size` are vocabulary entries; n-gram ids are `nwords + hash % bucket`, as in fastText.
public struct WordDictionary: Sendable {
    /// The end-of-sentence token that fastText inserts for every newline.
    public static let endOfSentence = "</s>"
    static let beginOfWord: UInt8 = UInt8(ascii: "<")
    static let endOfWord: UInt8 = UInt8(ascii: ">")

    var table: WordTable
    /// Occurrences of each entry in the training corpus.
    public private(set) var counts: [Int64]
    /// Word or label, per entry.
    public private(set) var types: [EntryType]
    /// Number of entries of type `.word` (they come first).
    public private(set) var nwords: Int
    /// Number of entries of type `.label`.
    public private(set) var nlabels: Int
    /// Number of tokens read from the corpus, including the ones below `minCount`.
    public private(set) var ntokens: Int64
    /// fastText's `pruneidx_size_`: -1 unless the model was pruned by quantization.
    public private(set) var pruneIndexSize: Int64
    var pruneIndex: [Int32: Int32]
    let minn: Int
    let maxn: Int
    let bucket: Int
    let samplingThreshold: Double
    let isSupervised: Bool
    /// Compressed rows: the subword ids of entry `i` are `subwordIDs[subwordStarts[i]..<subwordStarts[i+1]]`.
    private(set) var subwordStarts: [Int32] = []
    private(set) var subwordIDs: [Int32] = []
    private(set) var discardProbability: [Float] = []

    /// Number of entries (words and labels).
    public var size: Int { table.count }

    init(
        table: WordTable, counts: [Int64], types: [EntryType], ntokens: Int64, pruneIndexSize: Int64 = -1,
        pruneIndex: [Int32: Int32] = [:], arguments: Arguments
    ) {
        self.table = table
        self.counts = counts
        self.types = types
        self.nwords = types.lazy.filter { $0 == .word }.count
        self.nlabels = types.count - nwords
        self.ntokens = ntokens
        self.pruneIndexSize = pruneIndexSize
        self.pruneIndex = pruneIndex
        self.minn = arguments.minn
        self.maxn = arguments.maxn
        self.bucket = arguments.bucket
        self.samplingThreshold = arguments.t
        self.isSupervised = arguments.model == .supervised
        initDiscard()
        initNgrams()
    }

    /// The entry's text.
    public func word(_ id: Int) -> String {
        String(decoding: table.bytes(of: id), as: UTF8.self)
    }

    func wordBytes(_ id: Int) -> ArraySlice<UInt8> { table.bytes(of: id) }

    /// The id of `word` in the vocabulary, or nil when it is out of vocabulary.
    public func id(of word: String) -> Int? {
        table.find(word).map(Int.init)
    }

    /// The input-matrix rows for any word: its own id when in vocabulary, then the ids of its character n-grams.
    public func subwordIDs(of word: String) -> [Int32] {
        subwordsWithStrings(of: word).map(\.id)
    }

    /// Like `subwordIDs(of:)`, with the text of each row (the word, or the n-gram with `<`/`>` markers),
    /// as fastText's `print-ngrams` shows them.
    public func subwordsWithStrings(of word: String) -> [(id: Int32, text: String)] {
        var result: [(id: Int32, text: String)] = []
        if let id = id(of: word) { result.append((Int32(id), word)) }
        if word != Self.endOfSentence {
            var ids: [Int32] = []
            var texts: [String] = []
            computeSubwords(Self.markedBytes(Array(word.utf8)), into: &ids, substrings: &texts)
            for (id, text) in zip(ids, texts) { result.append((id, text)) }
        }
        return result
    }

    /// fastText's hash of a string (FNV-1a over sign-extended bytes).
    public static func hash(_ text: String) -> UInt32 {
        Array(text.utf8).withUnsafeBufferPointer { fastTextHash($0) }
    }

    /// Keeps a word with probability `discardProbability[id]` (subsampling of frequent words).
    @inline(__always)
    func keeps(_ id: Int, uniform: Float) -> Bool {
        isSupervised || uniform <= discardProbability[id]
    }

    static func markedBytes(_ word: [UInt8]) -> [UInt8] {
        [beginOfWord] + word + [endOfWord]
    }

    private mutating func initDiscard() {
        discardProbability = counts.map { count in
            let frequency = Float(count) / Float(ntokens)
            let t = Float(samplingThreshold)
            return (t / frequency).squareRoot() + t / frequency
        }
    }

    private mutating func initNgrams() {
        subwordStarts = [0]
        subwordStarts.reserveCapacity(size + 1)
        var ids: [Int32] = []
        var unused: [String]? = nil
        for id in 0..<size {
            subwordIDs.append(Int32(id))
            let bytes = Array(table.bytes(of: id))
            if bytes != Array(Self.endOfSentence.utf8) {
                ids.removeAll(keepingCapacity: true)
                computeSubwords(Self.markedBytes(bytes), into: &ids, substrings: &unused)
                subwordIDs.append(contentsOf: ids)
            }
            subwordStarts.append(Int32(subwordIDs.count))
        }
    }
}

extension WordDictionary {
    /// Id of `</s>`, if the corpus had any line break.
    var endOfSentenceID: Int32? { table.find(Self.endOfSentence) }
}

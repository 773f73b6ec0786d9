/// A fastText model: hyperparameters, dictionary, input matrix (word and n-gram vectors) and output
/// matrix. It is what `Trainer` produces and what a `.bin` file holds; it answers word-vector queries.
public final class FastTextModel: Sendable {
    public let arguments: Arguments
    public let dictionary: WordDictionary
    /// `(nwords + bucket) × dim`: one row per vocabulary word, then one per n-gram bucket.
    public let input: Matrix
    /// `nwords × dim` for unsupervised models.
    public let output: Matrix

    public init(arguments: Arguments, dictionary: WordDictionary, input: Matrix, output: Matrix) {
        precondition(input.cols == arguments.dim && output.cols == arguments.dim, "FastTextModel: dim mismatch")
        self.arguments = arguments
        self.dictionary = dictionary
        self.input = input
        self.output = output
    }

    /// Vector dimension.
    public var dim: Int { arguments.dim }

    /// fastText's `getWordVector`: the mean of the rows of the word (if in vocabulary) and its n-grams;
    /// zero for a word with neither (e.g. an out-of-vocabulary word when `maxn` is 0).
    public func wordVector(_ word: String) -> [Float] {
        let ids = dictionary.subwordIDs(of: word)
        return meanOfRows(ids)
    }

    func meanOfRows(_ ids: [Int32]) -> [Float] {
        var vector = [Float](repeating: 0, count: dim)
        vector.withUnsafeMutableBufferPointer { v in
            for id in ids { Kernels.add(input.rowPointer(Int(id)), v.baseAddress!, dim) }
            if !ids.isEmpty {
                // fastText multiplies by the float rounding of the double 1/n.
                Kernels.scale(v.baseAddress!, Float(1.0 / Double(ids.count)), dim)
            }
        }
        return vector
    }

    /// Vectors of every vocabulary word in dictionary order (the rows of a `.vec` file).
    public func vocabularyVectors() -> [[Float]] {
        (0..<dictionary.nwords).map { id in
            meanOfRows(dictionary.subwordIDs(of: dictionary.word(id)))
        }
    }
}

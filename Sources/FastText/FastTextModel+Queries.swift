/// A word and its cosine similarity to a query.
public struct Neighbor: Sendable, Equatable {
    public let word: String
    public let similarity: Float
}

/// Unit-normalised vectors of the vocabulary, computed once for nearest-neighbour queries
/// (fastText's `precomputeWordVectors`).
public struct NeighborIndex: Sendable {
    let model: FastTextModel
    let vectors: [Float]

    public init(model: FastTextModel) {
        self.model = model
        var vectors = [Float](repeating: 0, count: model.dictionary.nwords * model.dim)
        for id in 0..<model.dictionary.nwords {
            let v = model.meanOfRows(model.dictionary.subwordIDs(of: model.dictionary.word(id)))
            let norm = Self.norm(v)
            if norm > 0 {
                for j in 0..<model.dim { vectors[id * model.dim + j] = v[j] / norm }
            }
        }
        self.vectors = vectors
    }

    /// The `k` vocabulary words closest to `word` (excluding it), like `fasttext nn`.
    public func neighbors(of word: String, k: Int = 10) -> [Neighbor] {
        nearest(to: model.wordVector(word), k: k, excluding: [word])
    }

    /// fastText's `analogies`: the `k` words closest to `a - b + c` (each unit-normalised), excluding a, b, c.
    public func analogies(_ a: String, _ b: String, _ c: String, k: Int = 10) -> [Neighbor] {
        var query = [Float](repeating: 0, count: model.dim)
        for (word, sign) in [(a, Float(1)), (b, -1), (c, 1)] {
            let v = model.wordVector(word)
            let scale = sign / (Self.norm(v) + 1e-8)
            for j in 0..<model.dim { query[j] += scale * v[j] }
        }
        return nearest(to: query, k: k, excluding: [a, b, c])
    }

    /// The `k` words whose vectors have the highest cosine similarity to `query`.
    public func nearest(to query: [Float], k: Int, excluding banned: Set<String> = []) -> [Neighbor] {
        precondition(query.count == model.dim, "NeighborIndex: query has \(query.count) values, dim is \(model.dim)")
        guard k > 0 else { return [] }
        let queryNorm = Self.norm(query)
        let dim = model.dim
        var best: [(similarity: Float, id: Int)] = []
        query.withUnsafeBufferPointer { q in
            vectors.withUnsafeBufferPointer { all in
                for id in 0..<model.dictionary.nwords {
                    let dot = Kernels.dot(q.baseAddress!, all.baseAddress! + id * dim, dim)
                    let similarity = queryNorm > 0 ? dot / queryNorm : dot
                    if best.count == k, similarity <= best[k - 1].similarity { continue }
                    let word = model.dictionary.word(id)
                    if banned.contains(word) { continue }
                    let position = best.firstIndex { $0.similarity < similarity } ?? best.count
                    best.insert((similarity, id), at: position)
                    if best.count > k { best.removeLast() }
                }
            }
        }
        return best.map { Neighbor(word: model.dictionary.word($0.id), similarity: $0.similarity) }
    }

    static func norm(_ v: [Float]) -> Float {
        v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}

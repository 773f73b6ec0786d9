import Synchronization

/// One training run's shared, read-only context and the body of each hogwild worker
/// (fastText's `trainThread`, `getLine`, `skipgram` and `cbow`).
struct TrainingRun: Sendable {
    /// fastText stops a line after this many tokens.
    static let maxLineSize = 1024

    let arguments: Arguments
    let dictionary: WordDictionary
    let corpus: Corpus
    let model: Model
    let shared: SharedProgress

    func work(threadID: Int) {
        var scanner = TokenScanner(corpus: corpus, position: threadID * (corpus.count / arguments.thread))
        var state = Model.State(dim: arguments.dim, seed: UInt64(threadID + arguments.seed) &+ 1)
        defer { state.deallocate() }
        let total = Int64(arguments.epoch) * dictionary.ntokens
        let baseLR = arguments.lr
        let updateRate = Int64(arguments.lrUpdateRate)
        var localTokens: Int64 = 0
        var line: [Int32] = []
        line.reserveCapacity(Self.maxLineSize + 1)
        var bag: [Int32] = []
        dictionary.subwordStarts.withUnsafeBufferPointer { starts in
            dictionary.subwordIDs.withUnsafeBufferPointer { ids in
                let subwords = Subwords(starts: starts.baseAddress!, ids: ids.baseAddress!)
                while true {
                    let done = shared.tokenCount.load(ordering: .relaxed)
                    if done >= total { break }
                    let progress = Double(done) / Double(total)
                    let lr = Float(baseLR * (1 - progress))
                    localTokens += Int64(readLine(&scanner, into: &line, rng: &state.rng))
                    if arguments.model == .cbow {
                        cbow(line, subwords: subwords, bag: &bag, lr: lr, state: &state)
                    } else {
                        skipgram(line, subwords: subwords, lr: lr, state: &state)
                    }
                    if localTokens > updateRate {
                        shared.tokenCount.add(localTokens, ordering: .relaxed)
                        localTokens = 0
                        if threadID == 0 { shared.publish(loss: state.averageLoss) }
                    }
                }
            }
        }
        if threadID == 0 { shared.publish(loss: state.averageLoss) }
    }

    /// fastText's `getLine`: vocabulary ids of one line (at most 1024 tokens), subsampled; wraps around
    /// to the start of the file at the end. Returns the number of in-vocabulary tokens read.
    func readLine(_ scanner: inout TokenScanner, into line: inout [Int32], rng: inout FastRandom) -> Int {
        if scanner.atEnd { scanner.position = 0 }
        line.removeAll(keepingCapacity: true)
        var count = 0
        let eos = dictionary.endOfSentenceID
        while let token = scanner.next() {
            let id: Int32?
            let isEnd: Bool
            switch token {
            case .word(let bytes):
                id = dictionary.table.find(bytes, hash: fastTextHash(bytes))
                isEnd = false
            case .endOfSentence:
                id = eos
                isEnd = true
            }
            if let id {
                count += 1
                if dictionary.types[Int(id)] == .word, dictionary.keeps(Int(id), uniform: state(rng: &rng)) {
                    line.append(id)
                }
            }
            if count > Self.maxLineSize || isEnd { break }
        }
        return count
    }

    @inline(__always)
    private func state(rng: inout FastRandom) -> Float { rng.nextUnitFloat() }

    private func skipgram(_ line: [Int32], subwords: Subwords, lr: Float, state: inout Model.State) {
        let ws = arguments.ws
        line.withUnsafeBufferPointer { words in
            for w in 0..<words.count {
                let boundary = state.rng.next(below: ws) + 1
                let bag = subwords[words[w]]
                for c in max(0, w - boundary)...min(words.count - 1, w + boundary) where c != w {
                    model.update(bag, target: words[c], lr: lr, state: &state)
                }
            }
        }
    }

    private func cbow(_ line: [Int32], subwords: Subwords, bag: inout [Int32], lr: Float, state: inout Model.State) {
        let ws = arguments.ws
        for w in 0..<line.count {
            let boundary = state.rng.next(below: ws) + 1
            bag.removeAll(keepingCapacity: true)
            for c in max(0, w - boundary)...min(line.count - 1, w + boundary) where c != w {
                bag.append(contentsOf: subwords[line[c]])
            }
            bag.withUnsafeBufferPointer { model.update($0, target: line[w], lr: lr, state: &state) }
        }
    }
}

/// Raw view of the dictionary's subword rows for the hot loop.
struct Subwords {
    let starts: UnsafePointer<Int32>
    let ids: UnsafePointer<Int32>

    @inline(__always)
    subscript(id: Int32) -> UnsafeBufferPointer<Int32> {
        let start = Int(starts[Int(id)])
        return UnsafeBufferPointer(start: ids + start, count: Int(starts[Int(id) + 1]) - start)
    }
}

extension WordDictionary {
    /// fastText caps the vocabulary at 30M entries and raises the count threshold while reading
    /// when the table would pass three quarters of that.
    static let maxVocabularySize = 30_000_000

    /// Reads every token of `corpus`, counts it, and keeps the entries seen at least `minCount` times
    /// (`minCountLabel` for labels), most frequent first, as fastText's `readFromFile` does.
    static func build(from corpus: Corpus, arguments: Arguments) throws(FastTextError) -> WordDictionary {
        var table = WordTable(minimumCapacity: 1 << 16)
        var counts: [Int64] = []
        var types: [EntryType] = []
        var ntokens: Int64 = 0
        var minThreshold: Int64 = 1
        let labelPrefix = Array(arguments.labelPrefix.utf8)
        let eos = Array(endOfSentence.utf8)
        var scanner = TokenScanner(corpus: corpus)

        func add(_ word: UnsafeBufferPointer<UInt8>) {
            ntokens += 1
            let hash = fastTextHash(word)
            if let id = table.find(word, hash: hash) {
                counts[Int(id)] += 1
            } else {
                table.insert(word, hash: hash)
                counts.append(1)
                let isLabel = word.count >= labelPrefix.count && labelPrefix.elementsEqual(word.prefix(labelPrefix.count))
                types.append(isLabel ? .label : .word)
            }
        }

        while let token = scanner.next() {
            switch token {
            case .word(let bytes): add(bytes)
            case .endOfSentence: eos.withUnsafeBufferPointer { add($0) }
            }
            if table.count > maxVocabularySize * 3 / 4 {
                minThreshold += 1
                (table, counts, types) = threshold(table, counts, types, minThreshold, minThreshold)
            }
        }
        (table, counts, types) = threshold(
            table, counts, types, Int64(arguments.minCount), Int64(arguments.minCountLabel))
        guard types.contains(.word) else {
            throw FastTextError(
                .emptyCorpus,
                "\(corpus.path): no word occurs at least minCount=\(arguments.minCount) times "
                    + "(\(ntokens) tokens read); use a larger corpus or a smaller --min-count")
        }
        return WordDictionary(table: table, counts: counts, types: types, ntokens: ntokens, arguments: arguments)
    }

    /// Sorts words before labels, then by decreasing count (ties keep first-seen order), and drops rare entries.
    private static func threshold(
        _ table: WordTable, _ counts: [Int64], _ types: [EntryType], _ wordMin: Int64, _ labelMin: Int64
    ) -> (WordTable, [Int64], [EntryType]) {
        let order = (0..<counts.count).filter { id in
            counts[id] >= (types[id] == .word ? wordMin : labelMin)
        }.sorted { a, b in
            if types[a] != types[b] { return types[a].rawValue < types[b].rawValue }
            if counts[a] != counts[b] { return counts[a] > counts[b] }
            return a < b
        }
        var newTable = WordTable(minimumCapacity: order.count)
        for id in order {
            _ = Array(table.bytes(of: id)).withUnsafeBufferPointer { newTable.insert($0, hash: table.hashes[id]) }
        }
        return (newTable, order.map { counts[$0] }, order.map { types[$0] })
    }
}

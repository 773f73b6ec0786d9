extension WordDictionary {
    /// fastText's `computeSubwords`: every run of `minn...maxn` UTF-8 characters of the marked word
    /// (`<word>`), except the lone `<` and `>`, hashed into `bucket` rows after the vocabulary.
    func computeSubwords(_ word: [UInt8], into ngrams: inout [Int32], substrings: inout [String]) {
        var optional: [String]? = substrings
        computeSubwords(word, into: &ngrams, substrings: &optional)
        substrings = optional ?? []
    }

    func computeSubwords(_ word: [UInt8], into ngrams: inout [Int32], substrings: inout [String]?) {
        guard maxn > 0, bucket > 0 else { return }
        let count = word.count
        word.withUnsafeBufferPointer { bytes in
            for i in 0..<count where bytes[i] & 0xC0 != 0x80 {
                var j = i
                var n = 1
                while j < count, n <= maxn {
                    j += 1
                    while j < count, bytes[j] & 0xC0 == 0x80 { j += 1 }
                    if n >= minn, !(n == 1 && (i == 0 || j == count)) {
                        let ngram = UnsafeBufferPointer(rebasing: bytes[i..<j])
                        let h = Int32(bitPattern: fastTextHash(ngram) % UInt32(bucket))
                        if pushHash(&ngrams, h), substrings != nil {
                            substrings!.append(String(decoding: ngram, as: UTF8.self))
                        }
                    }
                    n += 1
                }
            }
        }
    }

    /// fastText's `pushHash`: maps through the prune index of a quantized model, else offsets by `nwords`.
    private func pushHash(_ hashes: inout [Int32], _ id: Int32) -> Bool {
        if pruneIndexSize == 0 || id < 0 { return false }
        var id = id
        if pruneIndexSize > 0 {
            guard let mapped = pruneIndex[id] else { return false }
            id = mapped
        }
        hashes.append(Int32(nwords) + id)
        return true
    }
}

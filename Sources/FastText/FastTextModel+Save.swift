import Foundation

extension FastTextModel {
    /// Writes the model in fastText's `.bin` layout (version 12), readable by fastText's `load_model`
    /// and gensim's `load_facebook_vectors`. The file appears only once complete.
    public func save(binaryTo path: String) throws(FastTextError) {
        let out = try ByteWriter(path: path)
        out.int32(Self.magic)
        out.int32(Self.version)
        let a = arguments
        for value in [a.dim, a.ws, a.epoch, a.minCount, a.neg, a.wordNgrams, Int(a.loss.rawValue), Int(a.model.rawValue),
                      a.bucket, a.minn, a.maxn, a.lrUpdateRate] {
            out.int32(Int32(value))
        }
        out.double(a.t)
        let d = dictionary
        out.int32(Int32(d.size))
        out.int32(Int32(d.nwords))
        out.int32(Int32(d.nlabels))
        out.int64(d.ntokens)
        out.int64(d.pruneIndexSize)
        for id in 0..<d.size {
            out.cString(Array(d.wordBytes(id)))
            out.int64(d.counts[id])
            out.uint8(d.types[id].rawValue)
            try out.flushIfLarge()
        }
        for (key, value) in d.pruneIndex.sorted(by: { $0.key < $1.key }) {
            out.int32(key)
            out.int32(value)
        }
        out.uint8(0)
        try writeMatrix(input, to: out)
        out.uint8(0)
        try writeMatrix(output, to: out)
        try out.commit()
    }

    private func writeMatrix(_ matrix: Matrix, to out: ByteWriter) throws(FastTextError) {
        out.int64(Int64(matrix.rows))
        out.int64(Int64(matrix.cols))
        try out.floats(matrix.data, count: matrix.rows * matrix.cols)
    }

    /// Writes the vocabulary's vectors as fastText's `.vec` text: a `nwords dim` header, then one line per
    /// word with its values in C++'s `setprecision(5)` format, each followed by a space.
    public func save(vectorsTo path: String) throws(FastTextError) {
        let out = try ByteWriter(path: path)
        out.text("\(dictionary.nwords) \(dim)\n")
        for id in 0..<dictionary.nwords {
            var line = dictionary.word(id) + " "
            for value in meanOfRows(dictionary.subwordIDs(of: dictionary.word(id))) {
                line += formatFloat(value)
                line += " "
            }
            line += "\n"
            out.text(line)
            try out.flushIfLarge()
        }
        try out.commit()
    }
}

/// C++ `ostream << setprecision(5) << float`, i.e. printf's `%.5g`.
func formatFloat(_ value: Float) -> String {
    String(format: "%.5g", Double(value))
}

/// Words and vectors of a `.vec` file.
public struct WordVectors: Sendable {
    public let words: [String]
    public let vectors: [[Float]]
    public let dim: Int

    /// Reads a `.vec` text file (header `count dim`, then `word v1 … vdim` per line).
    public static func load(from path: String) throws(FastTextError) -> WordVectors {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            if !FileManager.default.fileExists(atPath: path) {
                throw FastTextError(.fileNotFound, "vector file \(path) does not exist")
            }
            throw FastTextError(.ioFailure, "cannot read \(path) as UTF-8 text")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
        guard let header = lines.next() else { throw FastTextError(.invalidModel, "\(path): empty .vec file") }
        let fields = header.split(separator: " ")
        guard fields.count == 2, let count = Int(fields[0]), let dim = Int(fields[1]), count >= 0, dim > 0 else {
            throw FastTextError(.invalidModel, "\(path): line 1 is not a `count dim` header")
        }
        var words: [String] = []
        var vectors: [[Float]] = []
        var lineNumber = 1
        while let line = lines.next() {
            lineNumber += 1
            let parts = line.split(separator: " ")
            guard parts.count == dim + 1 else {
                throw FastTextError(.invalidModel, "\(path): line \(lineNumber) has \(parts.count - 1) values, expected \(dim)")
            }
            var vector: [Float] = []
            vector.reserveCapacity(dim)
            for part in parts.dropFirst() {
                guard let value = Float(part) else {
                    throw FastTextError(.invalidModel, "\(path): line \(lineNumber): `\(part)` is not a number")
                }
                vector.append(value)
            }
            words.append(String(parts[0]))
            vectors.append(vector)
        }
        guard words.count == count else {
            throw FastTextError(.invalidModel, "\(path): header announces \(count) words, file has \(words.count)")
        }
        return WordVectors(words: words, vectors: vectors, dim: dim)
    }
}

extension FastTextModel {
    /// `word v1 v2 … ` as `fasttext print-word-vectors` prints it (5 significant digits, trailing space).
    public func vectorLine(for word: String) -> String {
        var line = word + " "
        for value in wordVector(word) {
            line += formatFloat(value)
            line += " "
        }
        return line
    }
}

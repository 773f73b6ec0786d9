import Foundation

extension FastTextModel {
    /// First four bytes of every fastText `.bin`.
    public static let magic: Int32 = 793_712_314
    /// The `.bin` version fastText 0.9 writes (11 is the previous one, still readable).
    public static let version: Int32 = 12

    /// Loads a fastText `.bin` (as written by fastText 0.9's `save_model` or by `save(binaryTo:)`).
    ///
    /// Every size is checked against the bytes that remain before anything is allocated, so a
    /// truncated or hostile file throws instead of crashing or allocating gigabytes.
    public static func load(binaryFrom path: String) throws(FastTextError) -> FastTextModel {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            if !FileManager.default.fileExists(atPath: path) {
                throw FastTextError(.fileNotFound, "model file \(path) does not exist")
            }
            throw FastTextError(.ioFailure, "cannot read \(path): \(error.localizedDescription)")
        }
        var result: Result<FastTextModel, FastTextError> = .failure(FastTextError(.ioFailure, "\(path): not read"))
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var reader = ByteReader(bytes: raw, path: path)
            result = Result { () throws(FastTextError) in try parse(&reader) }
        }
        return try result.get()
    }

    private static func parse(_ reader: inout ByteReader) throws(FastTextError) -> FastTextModel {
        let path = reader.path
        let magic = try reader.int32("magic number")
        guard magic == Self.magic else {
            throw FastTextError(
                .invalidModel, "\(path): not a fastText .bin model (magic number \(magic), expected \(Self.magic))")
        }
        let version = try reader.int32("version")
        guard version == 11 || version == 12 else {
            throw FastTextError(
                .unsupportedModel, "\(path): unsupported fastText model version \(version) (supported: 11, 12)")
        }
        let arguments = try readArguments(&reader, version: version)
        let dictionary = try readDictionary(&reader, arguments: arguments)
        let quantized = try reader.uint8("quantization flag")
        guard quantized == 0 else {
            throw FastTextError(
                .unsupportedModel, "\(path): quantized models (.ftz) are not supported; use the full .bin model")
        }
        let input = try readMatrix(&reader, "input matrix", rows: dictionary.nwords + arguments.bucket, dim: arguments.dim)
        let quantizedOutput = try reader.uint8("output quantization flag")
        guard quantizedOutput == 0 else {
            throw FastTextError(.unsupportedModel, "\(path): models with a quantized output matrix are not supported")
        }
        let outputRows = arguments.model == .supervised ? dictionary.nlabels : dictionary.nwords
        let output = try readMatrix(&reader, "output matrix", rows: nil, dim: arguments.dim)
        guard output.rows == outputRows || arguments.model == .supervised else {
            throw FastTextError(
                .invalidModel, "\(path): output matrix has \(output.rows) rows, expected \(outputRows) (one per word)")
        }
        guard reader.remaining == 0 else {
            throw FastTextError(.invalidModel, "\(path): \(reader.remaining) unexpected bytes after the output matrix")
        }
        return FastTextModel(arguments: arguments, dictionary: dictionary, input: input, output: output)
    }

    private static func readArguments(_ reader: inout ByteReader, version: Int32) throws(FastTextError) -> Arguments {
        let path = reader.path
        var fields: [Int] = []
        let names = ["dim", "ws", "epoch", "minCount", "neg", "wordNgrams", "loss", "model", "bucket", "minn", "maxn", "lrUpdateRate"]
        for name in names { fields.append(Int(try reader.int32("argument \(name)"))) }
        let t = try reader.double("argument t")
        func bad(_ name: String, _ value: Int) -> FastTextError {
            FastTextError(.invalidModel, "\(path): argument \(name) has an invalid value \(value)")
        }
        var arguments = Arguments()
        arguments.dim = fields[0]
        guard (1...100_000).contains(arguments.dim) else { throw bad("dim", fields[0]) }
        arguments.ws = fields[1]
        arguments.epoch = fields[2]
        arguments.minCount = fields[3]
        arguments.neg = fields[4]
        arguments.wordNgrams = fields[5]
        guard let loss = LossKind(rawValue: Int32(fields[6])) else { throw bad("loss", fields[6]) }
        guard let model = ModelKind(rawValue: Int32(fields[7])) else { throw bad("model", fields[7]) }
        arguments.loss = loss
        arguments.model = model
        arguments.bucket = fields[8]
        guard arguments.bucket >= 0 else { throw bad("bucket", fields[8]) }
        arguments.minn = fields[9]
        arguments.maxn = fields[10]
        guard arguments.minn >= 0, arguments.maxn >= 0 else { throw bad("minn/maxn", min(fields[9], fields[10])) }
        arguments.lrUpdateRate = fields[11]
        arguments.t = t
        if version == 11, model == .supervised {
            // fastText 0.1 supervised models did not use character n-grams.
            arguments.maxn = 0
        }
        return arguments
    }

    private static func readDictionary(
        _ reader: inout ByteReader, arguments: Arguments
    ) throws(FastTextError) -> WordDictionary {
        let path = reader.path
        let size = Int(try reader.int32("dictionary size"))
        let nwords = Int(try reader.int32("dictionary nwords"))
        let nlabels = Int(try reader.int32("dictionary nlabels"))
        let ntokens = try reader.int64("dictionary ntokens")
        let pruneIndexSize = try reader.int64("dictionary pruneidx_size")
        // Each entry takes at least 10 bytes (NUL, count, type): a larger claim is a corrupt file.
        guard size <= reader.remaining / 10 else {
            throw FastTextError(
                .invalidModel,
                "\(path): the dictionary declares \(size) entries but the file ends \(reader.remaining) bytes later "
                    + "(truncated model?)")
        }
        guard size >= 0, nwords >= 0, nlabels >= 0, nwords + nlabels == size else {
            throw FastTextError(
                .invalidModel,
                "\(path): invalid dictionary sizes at byte \(reader.offset - 24) (size \(size), nwords \(nwords), nlabels \(nlabels))")
        }
        guard pruneIndexSize >= -1, pruneIndexSize <= Int64(reader.remaining / 8) else {
            throw FastTextError(.invalidModel, "\(path): invalid prune index size \(pruneIndexSize)")
        }
        var table = WordTable(minimumCapacity: size)
        var counts: [Int64] = []
        var types: [EntryType] = []
        counts.reserveCapacity(size)
        types.reserveCapacity(size)
        for i in 0..<size {
            let start = reader.offset
            let word = try reader.cString("dictionary word \(i)")
            let count = try reader.int64("count of dictionary word \(i)")
            let typeByte = try reader.uint8("type of dictionary word \(i)")
            guard let type = EntryType(rawValue: typeByte) else {
                throw FastTextError(.invalidModel, "\(path): dictionary entry \(i) at byte \(start) has invalid type \(typeByte)")
            }
            guard (type == .word) == (i < nwords) else {
                throw FastTextError(.invalidModel, "\(path): dictionary entry \(i) at byte \(start) is out of order (words before labels)")
            }
            let duplicate: Bool = word.withUnsafeBufferPointer { bytes in
                let hash = fastTextHash(bytes)
                if table.find(bytes, hash: hash) != nil { return true }
                table.insert(bytes, hash: hash)
                return false
            }
            guard !duplicate else {
                throw FastTextError(.invalidModel, "\(path): dictionary entry \(i) at byte \(start) repeats a word")
            }
            counts.append(count)
            types.append(type)
        }
        var pruneIndex: [Int32: Int32] = [:]
        if pruneIndexSize > 0 {
            for _ in 0..<pruneIndexSize {
                let key = try reader.int32("prune index key")
                pruneIndex[key] = try reader.int32("prune index value")
            }
        }
        return WordDictionary(
            table: table, counts: counts, types: types, ntokens: ntokens, pruneIndexSize: pruneIndexSize,
            pruneIndex: pruneIndex, arguments: arguments)
    }

    private static func readMatrix(
        _ reader: inout ByteReader, _ what: String, rows expectedRows: Int?, dim: Int
    ) throws(FastTextError) -> Matrix {
        let path = reader.path
        let start = reader.offset
        let rows = try reader.int64("\(what) rows")
        let cols = try reader.int64("\(what) columns")
        guard cols == Int64(dim), rows >= 0, expectedRows.map({ Int64($0) == rows }) ?? true else {
            let expected = expectedRows.map { "\($0)×\(dim)" } ?? "?×\(dim)"
            throw FastTextError(.invalidModel, "\(path): \(what) at byte \(start) is \(rows)×\(cols), expected \(expected)")
        }
        let (count, overflow) = Int(rows).multipliedReportingOverflow(by: dim)
        guard !overflow, count <= reader.remaining / 4 else {
            throw FastTextError.truncated(what, at: start + 16 + reader.remaining, path: path)
        }
        let matrix = Matrix(rows: Int(rows), cols: dim)
        try reader.floats(into: matrix.data, count: count, what)
        return matrix
    }
}

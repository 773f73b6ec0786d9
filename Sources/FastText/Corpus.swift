import Foundation

/// A training text mapped into memory; threads read it concurrently from different offsets, as fastText's
/// threads each open the input and seek to `threadId * size / thread`.
final class Corpus: @unchecked Sendable {
    let path: String
    let base: UnsafePointer<UInt8>
    let count: Int
    private let mapping: UnsafeMutableRawPointer?

    init(path: String) throws(FastTextError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            if errno == ENOENT { throw FastTextError(.fileNotFound, "input file \(path) does not exist") }
            throw FastTextError(.ioFailure, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw FastTextError(.ioFailure, "\(path) is not a regular file")
        }
        count = Int(info.st_size)
        guard count > 0 else { throw FastTextError(.emptyCorpus, "input file \(path) is empty") }
        guard let map = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else {
            throw FastTextError(.ioFailure, "cannot map \(path): \(String(cString: strerror(errno)))")
        }
        mapping = map
        base = UnsafePointer(map.assumingMemoryBound(to: UInt8.self))
    }

    deinit {
        if let mapping { munmap(mapping, count) }
    }
}

/// fastText's `readWord` over bytes: tokens are separated by space, tab, CR, LF, VT, FF and NUL;
/// every newline yields the end-of-sentence token.
struct TokenScanner {
    enum Token {
        case word(UnsafeBufferPointer<UInt8>)
        case endOfSentence
    }

    let base: UnsafePointer<UInt8>
    let count: Int
    var position: Int

    init(corpus: Corpus, position: Int = 0) {
        base = corpus.base
        count = corpus.count
        self.position = position
    }

    var atEnd: Bool { position >= count }

    @inline(__always)
    static func isSeparator(_ c: UInt8) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0
    }

    /// The next token, or nil at the end of the text.
    @inline(__always)
    mutating func next() -> Token? {
        while position < count {
            let c = base[position]
            if !Self.isSeparator(c) { break }
            position += 1
            if c == 0x0A { return .endOfSentence }
        }
        guard position < count else { return nil }
        let start = position
        while position < count, !Self.isSeparator(base[position]) { position += 1 }
        return .word(UnsafeBufferPointer(start: base + start, count: position - start))
    }
}

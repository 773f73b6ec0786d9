import Foundation

/// Reads little-endian values from a model file held in memory; every read checks the bounds first
/// and throws with the byte offset, so a truncated or hostile file can never crash the loader.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    let path: String
    private(set) var offset = 0

    init(bytes: UnsafeRawBufferPointer, path: String) {
        self.bytes = bytes
        self.path = path
    }

    var remaining: Int { bytes.count - offset }

    mutating func require(_ count: Int, _ what: String) throws(FastTextError) {
        guard count >= 0, count <= remaining else { throw .truncated(what, at: bytes.count, path: path) }
    }

    mutating func int32(_ what: String) throws(FastTextError) -> Int32 {
        Int32(bitPattern: try fixed(4, what))
    }

    mutating func int64(_ what: String) throws(FastTextError) -> Int64 {
        let low = UInt64(try fixed(4, what))
        let high = UInt64(try fixed(4, what))
        return Int64(bitPattern: low | high << 32)
    }

    mutating func double(_ what: String) throws(FastTextError) -> Double {
        Double(bitPattern: UInt64(bitPattern: try int64(what)))
    }

    mutating func uint8(_ what: String) throws(FastTextError) -> UInt8 {
        try require(1, what)
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A NUL-terminated string, as fastText writes dictionary words.
    mutating func cString(_ what: String, maxLength: Int = 1 << 20) throws(FastTextError) -> [UInt8] {
        let start = offset
        let end = min(bytes.count, start + maxLength)
        guard let nul = bytes[start..<end].firstIndex(of: 0) else {
            if end == bytes.count { throw .truncated(what, at: bytes.count, path: path) }
            throw FastTextError(.invalidModel, "\(path): \(what) at byte \(start) is longer than \(maxLength) bytes")
        }
        offset = nul + 1
        return Array(bytes[start..<nul])
    }

    /// Copies `count` little-endian Float32 values into `destination`.
    mutating func floats(into destination: UnsafeMutablePointer<Float>, count: Int, _ what: String) throws(FastTextError) {
        let byteCount = count.multipliedReportingOverflow(by: 4)
        guard !byteCount.overflow else { throw .truncated(what, at: bytes.count, path: path) }
        try require(byteCount.partialValue, what)
        if byteCount.partialValue > 0 {
            UnsafeMutableRawPointer(destination).copyMemory(
                from: bytes.baseAddress! + offset, byteCount: byteCount.partialValue)
        }
        #if _endian(big)
            for i in 0..<count { destination[i] = Float(bitPattern: destination[i].bitPattern.byteSwapped) }
        #endif
        offset += byteCount.partialValue
    }

    private mutating func fixed(_ size: Int, _ what: String) throws(FastTextError) -> UInt32 {
        try require(size, what)
        var value: UInt32 = 0
        for i in 0..<size { value |= UInt32(bytes[offset + i]) << (8 * UInt32(i)) }
        offset += size
        return value
    }
}

/// Appends little-endian values to a temporary file next to the destination and renames it into place
/// on `commit()`, so that a failure never leaves a half-written model behind.
final class ByteWriter {
    private let path: String
    private let temporaryPath: String
    private var file: UnsafeMutablePointer<FILE>?
    private var buffer: [UInt8] = []

    init(path: String) throws(FastTextError) {
        self.path = path
        temporaryPath = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard let file = fopen(temporaryPath, "wb") else {
            throw FastTextError(.ioFailure, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        self.file = file
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if let file {
            fclose(file)
            unlink(temporaryPath)
        }
    }

    func int32(_ value: Int32) { append(UInt32(bitPattern: value), size: 4) }
    func int64(_ value: Int64) {
        let bits = UInt64(bitPattern: value)
        append(UInt32(truncatingIfNeeded: bits), size: 4)
        append(UInt32(truncatingIfNeeded: bits >> 32), size: 4)
    }
    func double(_ value: Double) { int64(Int64(bitPattern: value.bitPattern)) }
    func uint8(_ value: UInt8) { buffer.append(value) }
    func cString(_ value: [UInt8]) {
        buffer.append(contentsOf: value)
        buffer.append(0)
    }
    func text(_ value: String) { buffer.append(contentsOf: value.utf8) }

    func floats(_ pointer: UnsafePointer<Float>, count: Int) throws(FastTextError) {
        #if _endian(big)
            for i in 0..<count { append(pointer[i].bitPattern, size: 4) }
        #else
            try flush()
            if count > 0, fwrite(pointer, 4, count, file) != count { throw failure() }
        #endif
    }

    func flushIfLarge() throws(FastTextError) {
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Flushes, closes and renames the temporary file onto the destination.
    func commit() throws(FastTextError) {
        try flush()
        let closed = fclose(file)
        file = nil
        guard closed == 0 else {
            unlink(temporaryPath)
            throw failure()
        }
        guard rename(temporaryPath, path) == 0 else {
            let error = failure()
            unlink(temporaryPath)
            throw error
        }
    }

    private func flush() throws(FastTextError) {
        guard !buffer.isEmpty else { return }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buffer.count else { throw failure() }
        buffer.removeAll(keepingCapacity: true)
    }

    private func failure() -> FastTextError {
        FastTextError(.ioFailure, "cannot write \(path): \(String(cString: strerror(errno)))")
    }

    private func append(_ value: UInt32, size: Int) {
        for i in 0..<size { buffer.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(i)))) }
    }
}

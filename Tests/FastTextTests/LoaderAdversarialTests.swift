import Foundation
import Testing

@testable import FastText

/// Hostile and broken `.bin` files throw a `FastTextError`; none crashes or allocates what it claims.
@Suite struct LoaderAdversarialTests {
    static let original: [UInt8] = (try? [UInt8](Data(contentsOf: Fixtures.url("tiny", "bin")))) ?? []

    func load(_ bytes: [UInt8]) throws -> FastTextModel {
        let dir = try TemporaryDirectory()
        try Data(bytes).write(to: URL(fileURLWithPath: dir.file("m.bin")))
        return try FastTextModel.load(binaryFrom: dir.file("m.bin"))
    }

    func patched(_ offset: Int, int32 value: Int32) -> [UInt8] {
        var bytes = Self.original
        withUnsafeBytes(of: value.littleEndian) { for i in 0..<4 { bytes[offset + i] = $0[i] } }
        return bytes
    }

    func patched(_ offset: Int, int64 value: Int64) -> [UInt8] {
        var bytes = Self.original
        withUnsafeBytes(of: value.littleEndian) { for i in 0..<8 { bytes[offset + i] = $0[i] } }
        return bytes
    }

    /// Offsets inside the header (4+4+48+8 = 64 bytes), the dictionary, and both matrices.
    @Test(arguments: [0, 3, 4, 10, 60, 64, 70, 80, 85, 200, 5000, 40_000, 100_000, 128_000])
    func truncatedFileThrows(length: Int) throws {
        #expect(length < Self.original.count)
        let error = #expect(throws: FastTextError.self) { try load(Array(Self.original.prefix(length))) }
        #expect(error?.kind == .invalidModel)
    }

    @Test func fileWithTrailingGarbageThrows() {
        #expect(throws: FastTextError.self) { try load(Self.original + [1, 2, 3]) }
    }

    @Test func wrongMagicThrows() {
        let error = #expect(throws: FastTextError.self) { try load(patched(0, int32: 12345)) }
        #expect(error?.description.contains("magic") == true)
    }

    @Test func unsupportedVersionThrows() {
        let error = #expect(throws: FastTextError.self) { try load(patched(4, int32: 13)) }
        #expect(error?.kind == .unsupportedModel)
        #expect(error?.description.contains("version 13") == true)
    }

    @Test func absurdSizesThrowWithoutAllocating() {
        // dim = 2^31-1, bucket = 2^31-1, dictionary size = 2^31-1, ntokens, pruneidx: far beyond the file.
        #expect(throws: FastTextError.self) { try load(patched(8, int32: .max)) }
        #expect(throws: FastTextError.self) { try load(patched(8 + 8 * 4, int32: .max)) }
        #expect(throws: FastTextError.self) { try load(patched(8 + 4 * 6, int32: -5)) }
        #expect(throws: FastTextError.self) { try load(patched(64, int32: .max)) }
        #expect(throws: FastTextError.self) { try load(patched(64, int32: -1)) }
        #expect(throws: FastTextError.self) { try load(patched(84, int64: .max)) }
        // Input-matrix rows claimed as 2^62: the overflow check fires before any allocation.
        let matrixOffset = Self.original.count - 4 * 10 * 507 - 17 - 4 * 10 * (507 + 2000) - 16
        #expect(throws: FastTextError.self) { try load(patched(matrixOffset, int64: 1 << 62)) }
        #expect(throws: FastTextError.self) { try load(patched(matrixOffset + 8, int64: 1 << 40)) }
    }

    @Test func quantizedModelIsRejectedClearly() throws {
        var bytes = Self.original
        let flagOffset = bytes.count - 4 * 10 * 507 - 17 - 4 * 10 * (507 + 2000) - 17
        #expect(bytes[flagOffset] == 0)
        bytes[flagOffset] = 1
        let error = #expect(throws: FastTextError.self) { try load(bytes) }
        #expect(error?.kind == .unsupportedModel)
        #expect(error?.description.contains("quantized") == true)
    }

    @Test func missingFileThrows() {
        let error = #expect(throws: FastTextError.self) { try FastTextModel.load(binaryFrom: "/nonexistent/m.bin") }
        #expect(error?.kind == .fileNotFound)
    }

    @Test func everyPrefixOfTheHeaderAndDictionaryThrows() throws {
        // Byte-at-a-time: every cut in the first 2 KB fails cleanly.
        for length in stride(from: 0, to: 2048, by: 7) {
            #expect(throws: FastTextError.self) { try load(Array(Self.original.prefix(length))) }
        }
    }
}

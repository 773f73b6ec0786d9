import Foundation

/// Open-addressing hash table from a word's UTF-8 bytes to its id, keyed by fastText's hash so that
/// a token can be looked up straight from the corpus bytes without building a `String`.
struct WordTable: Sendable {
    private var slots: [Int32]
    private var mask: Int
    private(set) var pool: [UInt8] = []
    private(set) var starts: [Int] = []
    private(set) var hashes: [UInt32] = []

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        slots = Array(repeating: -1, count: capacity)
        mask = capacity - 1
    }

    var count: Int { hashes.count }

    func bytes(of id: Int) -> ArraySlice<UInt8> {
        pool[starts[id]..<(id + 1 < starts.count ? starts[id + 1] : pool.count)]
    }

    /// The id of `word`, or nil.
    func find(_ word: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32? {
        var slot = Int(hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if hashes[Int(id)] == hash, equals(Int(id), word) { return id }
            slot = (slot &+ 1) & mask
        }
    }

    func find(_ word: String) -> Int32? {
        var word = word
        return word.withUTF8 { find($0, hash: fastTextHash($0)) }
    }

    /// Adds `word` (which must not be present) and returns its id.
    @discardableResult
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 {
        if (hashes.count + 1) * 2 > slots.count { grow() }
        let id = Int32(hashes.count)
        starts.append(pool.count)
        pool.append(contentsOf: word)
        hashes.append(hash)
        place(id, hash: hash)
        return id
    }

    private func equals(_ id: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        let end = id + 1 < starts.count ? starts[id + 1] : pool.count
        guard end - start == word.count else { return false }
        return pool.withUnsafeBufferPointer { poolBytes in
            word.count == 0 || memcmp(poolBytes.baseAddress! + start, word.baseAddress!, word.count) == 0
        }
    }

    private mutating func place(_ id: Int32, hash: UInt32) {
        var slot = Int(hash) & mask
        while slots[slot] >= 0 { slot = (slot &+ 1) & mask }
        slots[slot] = id
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (id, hash) in hashes.enumerated() { place(Int32(id), hash: hash) }
    }
}

/// fastText's FNV-1a variant: each byte is sign-extended (`int8_t`) before the xor, so bytes ≥ 0x80
/// (every non-ASCII UTF-8 byte) hash differently from textbook FNV-1a.
@inline(__always)
func fastTextHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var h: UInt32 = 2_166_136_261
    for byte in bytes {
        h ^= UInt32(bitPattern: Int32(Int8(bitPattern: byte)))
        h = h &* 16_777_619
    }
    return h
}

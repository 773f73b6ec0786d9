import Synchronization

/// Request ids shaped like AWS's (lower-case UUID text), made without a random-number syscall
/// per request: a random 128-bit start chosen at launch, then a counter. Unique within the
/// process and, with 64 random bits in the prefix, across restarts.
final class RequestIDs: Sendable {
    private let prefix: UInt64
    private let counter: Atomic<UInt64>

    init() {
        var generator = SystemRandomNumberGenerator()
        prefix = generator.next()
        counter = Atomic(generator.next())
    }

    func next() -> String {
        let low = counter.add(1, ordering: .relaxed).newValue
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 36) { out in
            var i = 0
            func put(_ value: UInt64, nibbles: Int) {
                for shift in stride(from: (nibbles - 1) * 4, through: 0, by: -4) {
                    out[i] = digits[Int((value >> UInt64(shift)) & 0xF)]
                    i += 1
                }
            }
            func dash() {
                out[i] = UInt8(ascii: "-")
                i += 1
            }
            put(prefix >> 32, nibbles: 8)
            dash()
            put(prefix >> 16, nibbles: 4)
            dash()
            put(prefix, nibbles: 4)
            dash()
            put(low >> 48, nibbles: 4)
            dash()
            put(low, nibbles: 12)
            return i
        }
    }
}

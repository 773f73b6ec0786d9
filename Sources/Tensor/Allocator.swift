import Foundation

/// Process-wide memory settings for training loops.
public enum TensorAllocator {
    /// Asks glibc's malloc to keep freed tensor buffers for reuse instead of returning them to the kernel.
    ///
    /// By default every buffer above 128 KB is a fresh `mmap`, so each step of a training loop pays page
    /// faults and kernel page zeroing for all of its temporaries (about 10% of an LSTM step here). Raising
    /// the mmap and trim thresholds makes malloc recycle them. It is opt-in because it changes the whole
    /// process's allocator (memory goes back to the OS less eagerly); training commands call it once.
    /// Looked up with dlsym because `mallopt` is glibc-only; elsewhere this does nothing.
    /// - Returns: whether the settings were applied.
    @discardableResult
    public static func retainFreedMemory() -> Bool {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1  // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD (malloc.h)
        return mallopt(mmapThreshold, 256 << 20) == 1 && mallopt(trimThreshold, 1 << 30) == 1
    }
}

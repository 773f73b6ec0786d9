#if canImport(Glibc)
    import Glibc
#endif

/// Pins `pid` (0: the calling thread) to `cpus` (Linux `sched_setaffinity`); threads and children
/// it creates afterwards inherit the mask. Elsewhere this is a no-op.
@discardableResult
func setAffinity(pid: Int32, cpus: [Int]) -> Bool {
    #if os(Linux)
        guard let function = affinityFunction("sched_setaffinity") else { return false }
        var set = [UInt8](repeating: 0, count: cpuSetBytes)
        for cpu in cpus where cpu / 8 < set.count { set[cpu / 8] |= UInt8(1 << (cpu % 8)) }
        return set.withUnsafeMutableBytes { function(pid, cpuSetBytes, $0.baseAddress!) } == 0
    #else
        return false
    #endif
}

/// The CPUs `pid` may run on (Linux only; nil elsewhere or on error).
public func cpuAffinity(of pid: Int32) -> [Int]? {
    #if os(Linux)
        guard let function = affinityFunction("sched_getaffinity") else { return nil }
        var set = [UInt8](repeating: 0, count: cpuSetBytes)
        guard set.withUnsafeMutableBytes({ function(pid, cpuSetBytes, $0.baseAddress!) }) == 0 else { return nil }
        return (0..<(set.count * 8)).filter { set[$0 / 8] & UInt8(1 << ($0 % 8)) != 0 }
    #else
        return nil
    #endif
}

/// Start time of `pid` in clock ticks since boot, from `/proc/PID/stat`; used to tell a process
/// from a later one that reuses its pid.
public func processStartTicks(pid: Int32) -> UInt64? {
    #if os(Linux)
        guard let file = fopen("/proc/\(pid)/stat", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The command name (field 2) may contain spaces; count fields after its closing parenthesis.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? UInt64(fields[19]) : nil
    #else
        return nil
    #endif
}

/// Kills the process group `pid` with SIGKILL if the process `pid` is still the one that started at
/// `startTicks` — used to clean up trials left behind when a supervisor crashed.
@discardableResult
public func killStaleProcessGroup(pid: Int32, startTicks: UInt64?) -> Bool {
    guard pid > 0, let startTicks, processStartTicks(pid: pid) == startTicks else { return false }
    return kill(-pid, SIGKILL) == 0
}

#if os(Linux)
    /// glibc's `cpu_set_t` size (1024 CPUs).
    private let cpuSetBytes = 128
    private typealias AffinityFunction = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32

    /// The affinity calls are `_GNU_SOURCE` extensions that Swift's Glibc module does not import;
    /// look them up in the already-loaded libc instead.
    private func affinityFunction(_ name: String) -> AffinityFunction? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: AffinityFunction.self)
    }
#endif

/// Runs `body` with the calling thread pinned to `cpus`, then restores its mask. A child spawned in
/// `body` inherits the mask from its first instruction (pinning it after spawn would race with a
/// program that checks its CPUs at once). Affinity is per thread on Linux, so other threads are
/// untouched, and `body` does not suspend, so the thread stays ours.
func withThreadAffinity<R>(_ cpus: [Int]?, _ body: () -> R) -> R {
    #if os(Linux)
        guard let cpus, let saved = cpuAffinity(of: 0) else { return body() }
        setAffinity(pid: 0, cpus: cpus)
        defer { setAffinity(pid: 0, cpus: saved) }
        return body()
    #else
        return body()
    #endif
}

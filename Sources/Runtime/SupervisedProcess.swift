#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Dispatch
import Foundation
import Synchronization

/// A running child process in its own process group, with its combined stdout/stderr streamed
/// line by line (and copied to the log file) and its exit status observable from any task.
///
/// Signals go to the whole group so that whatever the program started (data loaders, shells)
/// stops with it.
public final class SupervisedProcess: Sendable {
    /// Process id, which is also the process group id.
    public let pid: Int32
    /// Start time in clock ticks since boot (`/proc/PID/stat` field 22); with `pid` it identifies
    /// the process even after the pid is reused. Nil where `/proc` is unavailable.
    public let startTicks: UInt64?
    /// Output lines (stdout and stderr interleaved), without the newline. Finishes at EOF.
    public let lines: AsyncStream<String>
    private let exit: ExitState

    /// Starts `spec` (ignoring `timeout`, which `ProcessRunner` enforces).
    public init(spec: ProcessSpec) throws(RuntimeError) {
        if let cpus = spec.cpuAffinity, cpus.isEmpty || cpus.contains(where: { $0 < 0 || $0 >= onlineCPUCount() }) {
            throw RuntimeError(kind: .invalidAffinity(cpus))
        }
        var logFD: Int32 = -1
        if let log = spec.logFile {
            logFD = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            if logFD < 0 { throw RuntimeError(kind: .logFileUnavailable(path: log, errno: errno)) }
        }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            let code = errno
            if logFD >= 0 { close(logFD) }
            throw RuntimeError(kind: .pipeFailed(errno: code))
        }
        let (readFD, writeFD) = (fds[0], fds[1])
        _ = fcntl(readFD, F_SETFD, FD_CLOEXEC)

        let spawned = withThreadAffinity(spec.cpuAffinity) { Self.spawn(spec: spec, stdoutFD: writeFD) }
        close(writeFD)
        guard case .success(let pid) = spawned else {
            close(readFD)
            if logFD >= 0 { close(logFD) }
            if case .failure(let error) = spawned { throw error }
            fatalError("unreachable")
        }
        self.pid = pid
        self.startTicks = processStartTicks(pid: pid)

        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .unbounded)
        self.lines = stream
        self.exit = ExitState()
        let logDescriptor = logFD
        // Blocking calls get threads of their own: GCD's pool is sized by CPU count, so a few blocked
        // reads would starve every other supervised process.
        startThread(name: "atelier.output.\(pid)") {
            pumpOutput(readFD: readFD, logFD: logDescriptor, into: continuation)
        }
        let exitState = exit
        startThread(name: "atelier.wait.\(pid)") {
            var status: Int32 = 0
            var result: Int32
            repeat { result = waitpid(pid, &status, 0) } while result < 0 && errno == EINTR
            let termination: ProcessTermination =
                (status & 0x7f) == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
            exitState.finish(termination)
        }
    }

    /// The termination status once the process has exited (nil while it runs).
    public var termination: ProcessTermination? { exit.result }

    /// Waits until the process exits. Cancelling the waiting task does not stop the process.
    public func waitForExit() async -> ProcessTermination {
        await withCheckedContinuation { continuation in exit.await(continuation) }
    }

    /// Sends `signal` to the whole process group (no-op once the leader has been reaped).
    public func signalGroup(_ signal: Int32) {
        guard exit.result == nil else {
            // The leader is gone but children in its group may linger; the group id stays valid
            // until the last member exits, so this cannot hit an unrelated process.
            _ = kill(-pid, signal)
            return
        }
        _ = kill(-pid, signal)
    }

    /// SIGTERM to the group, then SIGKILL after `grace` if the leader is still alive.
    public func terminate<C: Clock>(grace: Duration, clock: C) async -> ProcessTermination
    where C.Duration == Duration {
        signalGroup(SIGTERM)
        // Poll rather than race a waiter: `waitForExit` cannot be cancelled, and a task group
        // would wait for it.
        let deadline = clock.now.advanced(by: grace)
        while exit.result == nil && clock.now < deadline {
            try? await clock.sleep(for: min(.milliseconds(10), grace))
        }
        let exited = exit.result != nil
        if !exited { signalGroup(SIGKILL) }
        let result = await waitForExit()
        signalGroup(SIGKILL)  // stragglers that ignored SIGTERM
        return result
    }

    private static func spawn(spec: ProcessSpec, stdoutFD: Int32) -> Result<Int32, RuntimeError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutFD, 1)
        posix_spawn_file_actions_adddup2(&actions, stdoutFD, 2)
        if let dir = spec.workingDirectory {
            guard let addChdir = addChdirFunction() else {
                return .failure(RuntimeError(kind: .spawnFailed(executable: spec.executable, errno: ENOSYS)))
            }
            _ = addChdir(&actions, dir)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Own process group, default signal handling and an empty mask, whatever the parent uses.
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        )

        var environment = spec.inheritEnvironment ? currentEnvironment() : [:]
        for (key, value) in spec.environment { environment[key] = value }
        let argv = ([spec.executable] + spec.arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        // posix_spawnp resolves the name with the *parent's* PATH; resolve with the child's instead.
        let path = resolveExecutable(spec.executable, path: environment["PATH"])
        let code = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard code == 0 else {
            return .failure(RuntimeError(kind: .spawnFailed(executable: spec.executable, errno: code)))
        }
        return .success(pid)
    }
}

/// Completion state of a child, shared between the waiter thread and awaiting tasks.
private final class ExitState: Sendable {
    private let state = Mutex<(result: ProcessTermination?, waiters: [CheckedContinuation<ProcessTermination, Never>])>(
        (nil, [])
    )

    var result: ProcessTermination? { state.withLock { $0.result } }

    func finish(_ termination: ProcessTermination) {
        let waiters = state.withLock { state in
            state.result = termination
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: termination) }
    }

    func await(_ continuation: CheckedContinuation<ProcessTermination, Never>) {
        let ready: ProcessTermination? = state.withLock { state in
            if let result = state.result { return result }
            state.waiters.append(continuation)
            return nil
        }
        if let ready { continuation.resume(returning: ready) }
    }
}

/// Copies the child's output to the log file and splits it into lines; runs on a GCD thread
/// because the read blocks.
private func pumpOutput(readFD: Int32, logFD: Int32, into continuation: AsyncStream<String>.Continuation) {
    var pending: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        if logFD >= 0 {
            buffer.withUnsafeBytes { bytes in
                var offset = 0
                while offset < count {
                    let written = write(logFD, bytes.baseAddress! + offset, count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
        pending.append(contentsOf: buffer[0..<count])
        var start = 0
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            continuation.yield(String(decoding: pending[start..<newline], as: UTF8.self))
            start = newline + 1
        }
        pending.removeFirst(start)
        // A program that never prints a newline must not grow this buffer without bound.
        if pending.count > 1 << 20 {
            continuation.yield(String(decoding: pending, as: UTF8.self))
            pending.removeAll()
        }
    }
    if !pending.isEmpty { continuation.yield(String(decoding: pending, as: UTF8.self)) }
    close(readFD)
    if logFD >= 0 { close(logFD) }
    continuation.finish()
}

func currentEnvironment() -> [String: String] {
    var result: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
        let text = String(cString: entry)
        if let equals = text.firstIndex(of: "=") {
            result[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        pointer += 1
    }
    return result
}

func resolveExecutable(_ name: String, path: String?) -> String {
    if name.contains("/") { return name }
    for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if access(candidate, X_OK) == 0 { return candidate }
    }
    return name
}

private typealias AddChdirFunction =
    @convention(c) (
        UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
    ) -> Int32

/// `posix_spawn_file_actions_addchdir_np` (glibc 2.29+) is not imported by Swift's Glibc module.
private func addChdirFunction() -> AddChdirFunction? {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else {
        return nil
    }
    return unsafeBitCast(symbol, to: AddChdirFunction.self)
}

private func startThread(name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    thread.name = name
    thread.stackSize = 256 * 1024
    thread.start()
}

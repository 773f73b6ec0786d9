/// Why `Runtime` could not start or supervise a process.
public struct RuntimeError: Error, CustomStringConvertible, Sendable, Equatable {
    enum Kind: Equatable, Sendable {
        case spawnFailed(executable: String, errno: Int32)
        case pipeFailed(errno: Int32)
        case logFileUnavailable(path: String, errno: Int32)
        case invalidAffinity([Int])
    }
    let kind: Kind

    public var description: String {
        switch kind {
        case .spawnFailed(let executable, let code):
            return "could not start '\(executable)': \(errnoText(code))"
        case .pipeFailed(let code):
            return "could not create an output pipe: \(errnoText(code))"
        case .logFileUnavailable(let path, let code):
            return "could not open log file '\(path)': \(errnoText(code))"
        case .invalidAffinity(let cpus):
            return "invalid CPU affinity \(cpus): CPUs must be in 0..<\(onlineCPUCount())"
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func errnoText(_ code: Int32) -> String {
    String(cString: strerror(code)) + " (errno \(code))"
}

/// Number of CPUs the OS reports online.
public func onlineCPUCount() -> Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}

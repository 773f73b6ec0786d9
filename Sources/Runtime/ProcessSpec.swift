/// What to start: a program, its arguments and environment, where it runs and what limits it gets.
///
/// The same value describes a studio app or a tuning trial; a backend (local, later Slurm) decides
/// how to honour it.
public struct ProcessSpec: Sendable, Equatable {
    /// Program name (looked up on `PATH`) or path.
    public var executable: String
    public var arguments: [String]
    /// Variables added to (or replacing) the inherited environment.
    public var environment: [String: String]
    /// When false the child sees only `environment`.
    public var inheritEnvironment: Bool
    /// Working directory of the child; the parent's when nil.
    public var workingDirectory: String?
    /// File that receives the child's stdout and stderr (appended). Output is also streamed.
    public var logFile: String?
    /// CPUs the child (and everything it starts) may run on; all when nil.
    public var cpuAffinity: [Int]?
    /// Wall-clock limit, after which the whole process group is terminated.
    public var timeout: Duration?
    /// Time between SIGTERM and SIGKILL when the process group is stopped.
    public var terminationGrace: Duration

    public init(
        executable: String,
        arguments: [String] = [],
        environment: [String: String] = [:],
        inheritEnvironment: Bool = true,
        workingDirectory: String? = nil,
        logFile: String? = nil,
        cpuAffinity: [Int]? = nil,
        timeout: Duration? = nil,
        terminationGrace: Duration = .seconds(2)
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.inheritEnvironment = inheritEnvironment
        self.workingDirectory = workingDirectory
        self.logFile = logFile
        self.cpuAffinity = cpuAffinity
        self.timeout = timeout
        self.terminationGrace = terminationGrace
    }
}

/// How a supervised process ended.
public enum ProcessTermination: Sendable, Equatable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)

    public var isSuccess: Bool { self == .exited(0) }

    public var description: String {
        switch self {
        case .exited(let code): return "exited with status \(code)"
        case .signalled(let signal): return "killed by signal \(signal)"
        }
    }
}

/// The outcome of `ProcessRunner.run`: how the process ended and whether the runner stopped it.
public struct ProcessOutcome: Sendable, Equatable {
    public var termination: ProcessTermination
    /// True when the process group was killed because `ProcessSpec.timeout` passed.
    public var timedOut: Bool
    /// True when the process group was stopped because the supervising task was cancelled.
    public var cancelled: Bool
}

import Foundation
import Testing

/// An `atelier serve` child process on a free port with its own data directory. It is stopped
/// (SIGTERM, then SIGKILL) by `stop()` and, as a last resort, when the object goes away.
final class ServerProcess: @unchecked Sendable {
    static let rootKeyId = "AKIAATELIERTEST00001"
    static let rootSecret = "atelier/test/secret/key/0123456789abcdef"

    let dataDirectory: URL
    private(set) var process: Process?
    private(set) var url = ""
    private var output = Pipe()

    /// Whether this object made the data directory (and so removes it when it goes away).
    private let ownsDirectory: Bool

    init(dataDirectory: URL? = nil) {
        ownsDirectory = dataDirectory == nil
        self.dataDirectory =
            dataDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("atelier-e2e-\(UUID().uuidString)")
    }

    deinit {
        kill(signal: SIGKILL)
        if ownsDirectory { try? FileManager.default.removeItem(at: dataDirectory) }
    }

    /// The `atelier` executable built next to this test bundle (or `ATELIER_BINARY`).
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["ATELIER_BINARY"] { return path }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("atelier").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/atelier").path
    }

    /// Starts the server and waits until it prints its listening address.
    /// - Parameter listen: put one plain listener on a free port (`--listen 127.0.0.1:0`);
    ///   false when `extraArguments` name a configuration file with its own listeners.
    func start(extraArguments: [String] = [], environment: [String: String] = [:], listen: Bool = true) async throws {
        try await offCooperativePool { try self.startBlocking(extraArguments: extraArguments, environment: environment, listen: listen) }
    }

    private func startBlocking(extraArguments: [String], environment: [String: String], listen: Bool) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--data-dir", dataDirectory.path, "--log-level", "warning"]
            + (listen ? ["--listen", "127.0.0.1:0"] : []) + extraArguments
        var env = ProcessInfo.processInfo.environment
        env["ATELIER_ROOT_ACCESS_KEY_ID"] = Self.rootKeyId
        env["ATELIER_ROOT_SECRET_ACCESS_KEY"] = Self.rootSecret
        env.merge(environment) { $1 }
        process.environment = env
        output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        self.process = process
        // Read lines until the listening address appears (or the process dies).
        let handle = output.fileHandleForReading
        var buffer = Data()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty {
                throw ServerError.exited(String(decoding: buffer, as: UTF8.self))
            }
            buffer.append(chunk)
            let text = String(decoding: buffer, as: UTF8.self)
            if let match = text.firstMatch(of: #/listening on (https?://[0-9.]+:[0-9]+)/#) {
                url = String(match.1)
                return
            }
        }
        throw ServerError.timeout
    }

    enum ServerError: Error { case exited(String), timeout }

    /// Graceful stop; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        guard let process, process.isRunning else { return process?.terminationStatus ?? 0 }
        process.terminate()
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(signal: SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func kill(signal: Int32) {
        guard let process, process.isRunning else { return }
        Foundation.kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }
}

/// The result of running a command line tool.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:]
    }
}

/// Runs `arguments` (the first is looked up on PATH) and waits for it. Output goes through
/// temporary files, so a chatty child can never block on a full pipe.
func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) async throws -> CommandResult {
    try await offCooperativePool { try runBlocking(arguments, environment: environment, stdin: stdin) }
}

/// Runs blocking work (waiting for a child process) on a thread of its own, so that tests
/// waiting for commands never starve Swift's cooperative thread pool, which every other test
/// in the process shares (two threads on a two-core machine).
func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.start()
    }
}

func runBlocking(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    process.environment = env
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}

/// The `aws` CLI pointed at a server, with the root key and no user configuration.
struct AWSCLI {
    let server: ServerProcess
    var accessKeyId = ServerProcess.rootKeyId
    var secret = ServerProcess.rootSecret
    /// The CA bundle that signs a TLS listener's certificate.
    var caBundle: String?

    func callAllowingFailure(_ arguments: [String]) async throws -> CommandResult {
        try await run(
            ["aws", "--endpoint-url", server.url, "--output", "json"] + (caBundle.map { ["--ca-bundle", $0] } ?? [])
                + arguments,
            environment: [
                "AWS_ACCESS_KEY_ID": accessKeyId, "AWS_SECRET_ACCESS_KEY": secret, "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
                "AWS_EC2_METADATA_DISABLED": "true", "AWS_MAX_ATTEMPTS": "1", "AWS_RETRY_MODE": "standard",
            ])
    }

    /// Runs a command that must succeed and returns its JSON output.
    func call(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let result = try await callAllowingFailure(arguments)
        #expect(result.status == 0, "aws \(arguments.joined(separator: " ")) failed: \(result.stderr)", sourceLocation: sourceLocation)
        return result.json
    }
}

/// The Python helper scripts next to this file.
enum Scripts {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts").appendingPathComponent(name).path
    }
}

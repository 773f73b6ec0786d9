import Foundation
import Runtime
import Synchronization
import Testing

/// Collects output lines from the runner's callback.
final class Lines: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var all: [String] { storage.withLock { $0 } }
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-runtime-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func isAlive(_ pid: Int32) -> Bool {
    // A zombie still answers kill(0); /proc's state tells them apart.
    guard kill(pid, 0) == 0 else { return false }
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    return !stat.contains(") Z")
}

@Suite("ProcessRunner")
struct ProcessRunnerTests {
    let runner = ProcessRunner(clock: ContinuousClock())

    @Test func streamsLinesAndWritesTheLogWithEnvironmentAndWorkingDirectory() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("out.log").path
        let lines = Lines()
        let spec = ProcessSpec(
            executable: "sh",
            arguments: ["-c", "echo one; echo \"$GREETING\"; pwd; echo err >&2; printf tail"],
            environment: ["GREETING": "hello"],
            workingDirectory: directory.path,
            logFile: log
        )
        let outcome = try await runner.run(spec) { lines.append($0) }
        #expect(outcome.termination == .exited(0))
        #expect(!outcome.timedOut)
        let resolved = directory.resolvingSymlinksInPath().path
        #expect(lines.all.filter { $0 != "err" } == ["one", "hello", resolved, "tail"])
        #expect(lines.all.contains("err"))
        let logged = try String(contentsOfFile: log, encoding: .utf8)
        #expect(logged.contains("one\nhello\n") && logged.hasSuffix("tail"))
    }

    @Test func reportsExitStatusAndSignal() async throws {
        let failing = try await runner.run(ProcessSpec(executable: "sh", arguments: ["-c", "exit 3"])) { _ in }
        #expect(failing.termination == .exited(3))
        let killed = try await runner.run(ProcessSpec(executable: "sh", arguments: ["-c", "kill -9 $$"])) { _ in }
        #expect(killed.termination == .signalled(9))
    }

    @Test func missingExecutableThrows() async {
        await #expect(throws: RuntimeError.self) {
            _ = try await runner.run(ProcessSpec(executable: "/nonexistent/program")) { _ in }
        }
    }

    @Test func timeoutKillsTheWholeProcessGroup() async throws {
        let lines = Lines()
        // The shell starts a grandchild that would outlive a plain kill of the shell.
        let spec = ProcessSpec(
            executable: "sh",
            arguments: ["-c", "sleep 30 & echo $!; wait"],
            timeout: .milliseconds(300),
            terminationGrace: .milliseconds(200)
        )
        let outcome = try await runner.run(spec) { lines.append($0) }
        #expect(outcome.timedOut)
        // Killed by the runner's signal rather than waited for: no wall-clock bound here, since
        // other suites running in parallel can delay the timer on a loaded 2-core machine.
        #expect(outcome.termination == .signalled(15) || outcome.termination == .signalled(9))
        let grandchild = try #require(lines.all.first.flatMap { Int32($0) })
        try await Task.sleep(for: .milliseconds(100))
        #expect(!isAlive(grandchild))
    }

    @Test func escalatesToSIGKILLWhenSIGTERMIsIgnored() async throws {
        let spec = ProcessSpec(
            executable: "sh",
            arguments: ["-c", "trap '' TERM; echo ready; sleep 30"],
            timeout: .milliseconds(200),
            terminationGrace: .milliseconds(200)
        )
        let outcome = try await runner.run(spec) { _ in }
        #expect(outcome.timedOut)
        #expect(outcome.termination == .signalled(9))
    }

    @Test func cancellingTheCallerStopsTheProcessGroup() async throws {
        let lines = Lines()
        let spec = ProcessSpec(
            executable: "sh",
            arguments: ["-c", "sleep 30 & echo $!; wait"],
            terminationGrace: .milliseconds(200)
        )
        let task = Task { try await runner.run(spec) { lines.append($0) } }
        while lines.all.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        let outcome = try await task.value
        #expect(outcome.cancelled)
        let grandchild = try #require(Int32(lines.all[0]))
        try await Task.sleep(for: .milliseconds(100))
        #expect(!isAlive(grandchild))
    }

    @Test func appliesCPUAffinity() async throws {
        let lines = Lines()
        let spec = ProcessSpec(
            executable: "sh",
            arguments: ["-c", "grep Cpus_allowed_list /proc/self/status"],
            cpuAffinity: [0]
        )
        _ = try await runner.run(spec) { lines.append($0) }
        #expect(lines.all.first?.hasSuffix("\t0") == true)
        #expect(throws: RuntimeError.self) {
            _ = try SupervisedProcess(spec: ProcessSpec(executable: "true", cpuAffinity: [4096]))
        }
    }

    @Test func staleGroupIsKilledOnlyWhenStartTimeMatches() async throws {
        let process = try SupervisedProcess(spec: ProcessSpec(executable: "sleep", arguments: ["30"]))
        let ticks = try #require(process.startTicks)
        #expect(!killStaleProcessGroup(pid: process.pid, startTicks: ticks + 1))
        #expect(isAlive(process.pid))
        #expect(killStaleProcessGroup(pid: process.pid, startTicks: ticks))
        #expect(await process.waitForExit() == .signalled(9))
    }
}

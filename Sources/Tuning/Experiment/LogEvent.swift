import Foundation

/// One line of an experiment's `events.jsonl`: every input the scheduler saw, in order. Replaying
/// these through a fresh scheduler with the same seed rebuilds its exact state (rungs, searcher
/// position), which is how `resume` continues after a crash without losing anything.
enum LogEvent: Codable, Equatable, Sendable {
    /// Header: format magic and version.
    case header(format: String, version: Int)
    /// The scheduler suggested a new trial (config) or resuming one (config nil).
    case suggest(trial: Int, config: Configuration?, time: Double)
    case result(trial: Int, result: TrialResult, decision: SchedulerDecision, status: TrialStatus, time: Double)
    /// A process ended. `status` nil: ended on the tuner's request (the status was already set).
    case ended(trial: Int, status: TrialStatus?, reason: String?, time: Double)
    case launched(trial: Int, handle: String)
    /// Running trials were stopped because the experiment ended.
    case finished(time: Double)

    static let magic = "atelier-tune-events"
    static let version = 1
}

extension ParamValue: Codable {
    // Tagged so that 2.0 stays a double through JSON (which has one number type).
    private enum Key: String, CodingKey { case i, d, s }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if let value = try container.decodeIfPresent(Int.self, forKey: .i) {
            self = .int(value)
        } else if let value = try container.decodeIfPresent(Double.self, forKey: .d) {
            self = .double(value)
        } else {
            self = .string(try container.decode(String.self, forKey: .s))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .int(let value): try container.encode(value, forKey: .i)
        case .double(let value): try container.encode(value, forKey: .d)
        case .string(let value): try container.encode(value, forKey: .s)
        }
    }
}

/// Append-only writer and reader of `events.jsonl`.
final class EventLog {
    let url: URL
    private let handle: FileHandle
    private let encoder: JSONEncoder

    init(url: URL) throws(TuningError) {
        self.url = url
        let fresh = !FileManager.default.fileExists(atPath: url.path)
        if fresh { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
        guard let handle = try? FileHandle(forWritingTo: url) else { throw TuningError("cannot write \(url.path)") }
        // Drop a torn last line (the previous tuner died mid-write) so new events start on a line
        // of their own.
        if let data = FileManager.default.contents(atPath: url.path), let last = data.last, last != 0x0A {
            let keep = (data.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
            try? handle.truncate(atOffset: UInt64(keep))
        }
        _ = try? handle.seekToEnd()
        self.handle = handle
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf",
            negativeInfinity: "-inf",
            nan: "nan"
        )
        if fresh { try append(.header(format: LogEvent.magic, version: LogEvent.version)) }
    }

    deinit { try? handle.close() }

    func append(_ event: LogEvent) throws(TuningError) {
        do {
            var data = try encoder.encode(event)
            data.append(0x0A)
            try handle.write(contentsOf: data)
        } catch { throw TuningError("cannot append to \(url.path): \(error)") }
    }

    /// Reads all events. A torn last line (the tuner died mid-write) is ignored; any other bad line
    /// throws with its line number.
    static func read(_ url: URL) throws(TuningError) -> [LogEvent] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TuningError("cannot read \(url.path)")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf",
            negativeInfinity: "-inf",
            nan: "nan"
        )
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        var events: [LogEvent] = []
        for (number, line) in lines.enumerated() where !line.isEmpty {
            do {
                events.append(try decoder.decode(LogEvent.self, from: Data(line)))
            } catch {
                if number == lines.count - 1 || (number == lines.count - 2 && lines.last?.isEmpty == true) { break }
                throw TuningError("\(url.path):\(number + 1): unreadable event: \(error)")
            }
        }
        guard case .header(let format, let version)? = events.first, format == LogEvent.magic else {
            throw TuningError("\(url.path): not an Atelier tuning event log")
        }
        guard version == LogEvent.version else {
            throw TuningError("\(url.path): unsupported event log version \(version)")
        }
        return events
    }
}

/// Everything that can go wrong in `Tuning`, with a message for the user.
public struct TuningError: Error, CustomStringConvertible, Sendable, Equatable {
    public let description: String

    init(_ description: String) { self.description = description }

    /// A spec or config-space entry is malformed; `key` is the path of the offending key.
    static func invalid(_ key: String, _ why: String) -> TuningError { TuningError("\(key): \(why)") }
}

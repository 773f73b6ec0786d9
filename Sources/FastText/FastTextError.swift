/// The one error type of the `FastText` module. Every case carries what a user needs to fix the problem:
/// the file, the byte offset or the flag that was wrong.
public struct FastTextError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, without the details.
    public enum Kind: String, Sendable {
        case fileNotFound, ioFailure, invalidModel, unsupportedModel, invalidArgument, emptyCorpus
    }

    public let kind: Kind
    public let description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    static func truncated(_ what: String, at offset: Int, path: String) -> FastTextError {
        FastTextError(.invalidModel, "\(path): file ends at byte \(offset) while reading \(what) (truncated model?)")
    }
}

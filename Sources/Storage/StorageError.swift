/// Errors of the storage layer; none of them reaches a client (they become logged 500s or,
/// at startup, the server's exit message).
public enum StorageError: Error, CustomStringConvertible, Equatable {
    case open(path: String, underlying: String)
    case migration(underlying: String)
    case duplicateMigration(String)
    case newerDatabase(path: String, unknownMigrations: [String])
    /// Another server holds the data directory's lock.
    case locked(dataDirectory: String, holderPid: Int?)

    public var description: String {
        switch self {
        case .open(let path, let underlying):
            "cannot open the database at \(path): \(underlying)"
        case .migration(let underlying):
            "database migration failed: \(underlying)"
        case .duplicateMigration(let id):
            "migration '\(id)' is registered twice"
        case .newerDatabase(let path, let unknown):
            "the database at \(path) was written by a newer Atelier (unknown migrations: \(unknown.joined(separator: ", ")))"
        case .locked(let directory, let pid):
            "the data directory \(directory) is in use by another atelier serve"
                + (pid.map { " (pid \($0))" } ?? "") + "; stop it or choose another --data-dir"
        }
    }
}

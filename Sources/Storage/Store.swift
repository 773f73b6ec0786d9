import Foundation
import GRDB
import Logging

/// One migration step owned by a bounded context. Identifiers are global and append-only:
/// a migration, once released, is never edited or removed — add a new one instead.
public struct Migration: Sendable {
    public let identifier: String
    public let body: @Sendable (GRDB.Database) throws -> Void

    public init(_ identifier: String, _ body: @escaping @Sendable (GRDB.Database) throws -> Void) {
        self.identifier = identifier
        self.body = body
    }
}

/// The durable state of one Atelier installation: a SQLite database in WAL mode.
///
/// Every write is a transaction that is on disk (`synchronous = FULL`) before the caller
/// sees it return, so an acknowledged write survives `kill -9` and power loss.
public final class Store: Sendable {
    /// The underlying pool: readers run concurrently with the single writer.
    public let pool: DatabasePool
    public let path: String

    /// Opens (creating if needed) the database at `path` and applies `migrations` in order.
    public init(path: String, migrations: [Migration], logger: Logger? = nil) throws(StorageError) {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(
                    atPath: directory,
                    withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700]
                )
            }
            self.pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw StorageError.open(path: path, underlying: "\(error)")
        }
        var migrator = DatabaseMigrator()
        var seen = Set<String>()
        for migration in migrations {
            guard seen.insert(migration.identifier).inserted else {
                throw StorageError.duplicateMigration(migration.identifier)
            }
            migrator.registerMigration(migration.identifier, migrate: migration.body)
        }
        do {
            let applied = try pool.read { try migrator.appliedIdentifiers($0) }
            let unknown = applied.subtracting(seen)
            if !unknown.isEmpty {
                throw StorageError.newerDatabase(path: path, unknownMigrations: unknown.sorted())
            }
            try migrator.migrate(pool)
            logger?.debug("database ready", metadata: ["path": "\(path)", "migrations": "\(migrations.count)"])
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError.migration(underlying: "\(error)")
        }
    }

    /// Runs `body` in a write transaction (serialised with other writers).
    public func write<T: Sendable>(_ body: @escaping @Sendable (GRDB.Database) throws -> T) async throws -> T {
        try await pool.write(body)
    }

    /// Runs `body` on a read-only snapshot.
    public func read<T: Sendable>(_ body: @escaping @Sendable (GRDB.Database) throws -> T) async throws -> T {
        try await pool.read(body)
    }

    /// Checks that the database answers a query (health checks).
    public func ping() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// Opens an in-memory-like temporary database, for tests.
    public static func temporary(migrations: [Migration]) throws -> Store {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-\(UUID().uuidString)")
        return try Store(path: dir.appendingPathComponent("atelier.sqlite").path, migrations: migrations)
    }
}

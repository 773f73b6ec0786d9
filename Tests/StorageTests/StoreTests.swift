import Foundation
import GRDB
import Testing

@testable import Storage

@Suite struct StoreTests {
    func tempPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("atelier-store-\(UUID().uuidString)/db.sqlite").path
    }

    @Test func appliesMigrationsOnceAndKeepsData() async throws {
        let path = tempPath()
        let migrations = [Migration("t.v1") { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }]
        do {
            let store = try Store(path: path, migrations: migrations)
            try await store.write { db in try db.execute(sql: "INSERT INTO t VALUES (42)") }
        }
        let reopened = try Store(path: path, migrations: migrations)
        let value = try await reopened.read { db in try Int.fetchOne(db, sql: "SELECT x FROM t") }
        #expect(value == 42)
        let mode = try await reopened.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func refusesADatabaseFromANewerVersion() throws {
        let path = tempPath()
        _ = try Store(path: path, migrations: [Migration("a") { _ in }, Migration("b") { _ in }])
        #expect(throws: StorageError.newerDatabase(path: path, unknownMigrations: ["b"])) {
            try Store(path: path, migrations: [Migration("a") { _ in }])
        }
    }

    @Test func rejectsDuplicateMigrationIdentifiers() {
        #expect(throws: StorageError.duplicateMigration("a")) {
            try Store(path: tempPath(), migrations: [Migration("a") { _ in }, Migration("a") { _ in }])
        }
    }

    @Test func masterKeyIsCreatedOnceWithMode0600() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-key-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let file = MasterKeyFile(dataDirectory: dir)
        let first = try file.loadOrCreate()
        let second = try file.loadOrCreate()
        #expect(first.count == 32 && first == second)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}

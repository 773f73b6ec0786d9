import Foundation
import GRDB
import Storage

/// An AWS-style access key pair.
public struct AccessKey: Sendable, Equatable {
    public let accessKeyId: String
    public let secretAccessKey: String
    public let principal: String
}

/// SigV4 access keys. SigV4 needs the secret itself to recompute signatures (a one-way hash
/// cannot be used), so the secret is sealed with AES-GCM under the master key instead, and
/// opened secrets are cached in memory only — dropped whenever the `access_keys` table changes,
/// so a replaced or deactivated key stops working at the next request.
public final class AccessKeyStore: Sendable {
    private let store: Store
    private let box: SecretBox
    private let cache = RecordCache<String>(timeToLive: .seconds(60))

    public init(store: Store, box: SecretBox) {
        self.store = store
        self.box = box
        let cache = self.cache
        store.pool.add(
            transactionObserver: TableWatch(watches: { $0.table == "access_keys" }, onCommit: { cache.invalidateAll() }),
            extent: .databaseLifetime)
    }

    /// Creates a key for `principal`; the secret is returned once and never logged.
    public func create(principal: String, accessKeyId: String? = nil, secret: String? = nil) async throws -> AccessKey {
        let key = AccessKey(
            accessKeyId: accessKeyId ?? IDs.accessKeyId(), secretAccessKey: secret ?? IDs.secretAccessKey(),
            principal: principal)
        let sealed = Data(box.seal(key.secretAccessKey))
        try await store.write { db in
            try db.execute(
                sql: """
                    INSERT INTO access_keys (access_key_id, sealed_secret, principal, status, created)
                    VALUES (?, ?, ?, 'Active', ?)
                    ON CONFLICT(access_key_id) DO UPDATE SET sealed_secret = excluded.sealed_secret,
                      principal = excluded.principal, status = 'Active'
                    """,
                arguments: [key.accessKeyId, sealed, principal, Date().timeIntervalSince1970])
        }
        return key
    }

    /// The secret of an active key, or nil for an unknown or inactive one.
    public func secret(for accessKeyId: String) async throws -> String? {
        if let cached = cache.value(for: accessKeyId) { return cached }
        let ticket = cache.ticket()
        let sealed = try await store.read { db in
            try Data.fetchOne(
                db, sql: "SELECT sealed_secret FROM access_keys WHERE access_key_id = ? AND status = 'Active'",
                arguments: [accessKeyId])
        }
        guard let sealed else { return nil }
        let secret = try box.openString([UInt8](sealed))
        cache.store(secret, for: accessKeyId, ticket: ticket)
        return secret
    }

    public func count() async throws -> Int {
        try await store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM access_keys") ?? 0 }
    }
}

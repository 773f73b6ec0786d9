import Foundation
import Logging
import GRDB
import Storage
import _CryptoExtras

/// Each pool's RSA signing keys: one current key for access tokens and one for ID tokens, plus
/// retired keys that stay published (and accepted) until every token they signed has expired.
actor SigningKeys {
    /// Longest lifetime of an access or ID token (Cognito's limit: one day).
    static let maxTokenLifetime: TimeInterval = 86400
    /// How long a cached key set is trusted before the database is read again (another process
    /// may have rotated the keys).
    static let cacheLifetime: TimeInterval = 10

    struct Key: Sendable {
        let kid: String
        let tokenUse: String
        let privateKey: _RSA.Signing.PrivateKey
        /// Derived once: deriving it per verification copied the key every time.
        let publicKey: _RSA.Signing.PublicKey
        let retired: Date?
    }

    struct PoolKeys: Sendable {
        let access: Key
        let id: Key
        let all: [String: Key]
        let loaded: Date
    }

    /// New key pairs for a pool, sealed and ready to insert in the pool's creating transaction.
    struct Material: Sendable {
        let rows: [(kid: String, poolId: String, use: String, sealed: Data, created: Double)]

        static func generate(poolId: String, box: SecretBox, created: Date) throws -> Material {
            let rows = try ["access", "id"].map { use in
                let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
                return (
                    kid: IDs.opaqueToken(bytes: 16), poolId: poolId, use: use,
                    sealed: Data(box.seal(key.pemRepresentation)), created: created.timeIntervalSince1970
                )
            }
            return Material(rows: rows)
        }

        func insert(_ db: GRDB.Database) throws {
            for row in rows {
                try db.execute(
                    sql: """
                        INSERT INTO signing_keys (kid, pool_id, token_use, sealed_private_key, created)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [row.kid, row.poolId, row.use, row.sealed, row.created])
            }
        }
    }

    private let store: Store
    private let box: SecretBox
    private let now: Now
    private var cache: [String: PoolKeys] = [:]
    /// Last reload forced by an unknown `kid`, per pool: tokens with made-up key ids must not
    /// turn into one database read each.
    private var lastMissReload: [String: Date] = [:]

    init(store: Store, box: SecretBox, now: @escaping Now) {
        self.store = store
        self.box = box
        self.now = now
    }

    func keys(poolId: String) async throws -> PoolKeys {
        if let cached = cache[poolId], now().timeIntervalSince(cached.loaded) < Self.cacheLifetime {
            return cached
        }
        return try await reload(poolId: poolId)
    }

    /// The key named `kid`, re-reading the database once on a miss (rotated by another process).
    func key(poolId: String, kid: String) async throws -> Key? {
        var keys = try await keys(poolId: poolId)
        if keys.all[kid] == nil, now().timeIntervalSince(lastMissReload[poolId] ?? .distantPast) >= 1 {
            lastMissReload[poolId] = now()
            keys = try await reload(poolId: poolId)
        }
        return keys.all[kid]
    }

    func forget(poolId: String) {
        cache[poolId] = nil
    }

    private func reload(poolId: String) async throws -> PoolKeys {
        let horizon = now().timeIntervalSince1970 - Self.maxTokenLifetime
        let rows = try await store.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM signing_keys WHERE pool_id = ? AND (retired IS NULL OR retired > ?)
                    ORDER BY created
                    """,
                arguments: [poolId, horizon]
            ).map { row -> (kid: String, use: String, sealed: Data, retired: Double?) in
                (row["kid"], row["token_use"], row["sealed_private_key"], row["retired"])
            }
        }
        var all: [String: Key] = [:]
        var current: [String: Key] = [:]
        for row in rows {
            let pem = try box.openString([UInt8](row.sealed))
            let privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
            let key = Key(
                kid: row.kid, tokenUse: row.use, privateKey: privateKey, publicKey: privateKey.publicKey,
                retired: row.retired.map(Date.init(timeIntervalSince1970:)))
            all[key.kid] = key
            if key.retired == nil { current[key.tokenUse] = key }
        }
        guard let access = current["access"], let id = current["id"] else {
            cache[poolId] = nil
            throw IdentityError.notFound("User pool \(poolId) does not exist.")
        }
        let keys = PoolKeys(access: access, id: id, all: all, loaded: now())
        cache[poolId] = keys
        return keys
    }

    /// Retires the pool's current keys and makes new ones current. Old keys stay published
    /// for `maxTokenLifetime` so tokens they signed keep verifying until they expire.
    func rotate(poolId: String) async throws {
        let material = try Material.generate(poolId: poolId, box: box, created: now())
        let time = now().timeIntervalSince1970
        try await store.write { db in
            try db.execute(
                sql: "UPDATE signing_keys SET retired = ? WHERE pool_id = ? AND retired IS NULL",
                arguments: [time, poolId])
            try material.insert(db)
        }
        cache[poolId] = nil
    }
}

extension IdentityService {
    /// The pool's JSON Web Key Set: current and recently retired public keys.
    public func jwks(poolId: String) async throws -> [[String: String]] {
        let keys = try await keys.keys(poolId: poolId)
        return keys.all.values.sorted { $0.kid < $1.kid }.map { JWT.jwk($0.publicKey, kid: $0.kid) }
    }

    /// Replaces the pool's signing keys; tokens signed with the old ones stay valid until they expire.
    public func rotateSigningKeys(poolId: String) async throws {
        _ = try await describeUserPool(poolId)
        try await keys.rotate(poolId: poolId)
        logger.info("signing keys rotated", metadata: ["userPoolId": "\(poolId)"])
    }
}

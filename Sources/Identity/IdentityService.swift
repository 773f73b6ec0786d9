import Foundation
import GRDB
import Logging
import Storage
import Synchronization

/// The clock every time-dependent decision reads; tests pass a movable one.
public typealias Now = @Sendable () -> Date

/// Cognito-compatible user pools: pools, app clients, users, groups, sign-in and tokens.
///
/// State lives in the `Store` (sign-in lockouts included); the service itself holds only
/// caches: signing keys, and pools and app clients, emptied by every committed change to their
/// tables.
public final class IdentityService: Sendable {
    public let store: Store
    public let region: String
    public let accountId: String
    /// Base of every token issuer: `<publicBaseURL>/<userPoolId>`. Settable once the server
    /// knows its bound address (listening on port 0).
    public var issuerBase: String {
        get { issuerBaseBox.withLock { $0 } }
        set { issuerBaseBox.withLock { $0 = newValue.hasSuffix("/") ? String(newValue.dropLast()) : newValue } }
    }
    private let issuerBaseBox: Mutex<String>
    let box: SecretBox
    let now: Now
    let logger: Logger
    let keys: SigningKeys
    let throttle: LoginThrottle
    /// bcrypt cost for new password hashes (≥ 10 in production).
    let bcryptCost: UInt8
    /// `DescribeUserPool` results (with the user count) and app clients by id.
    let pools = RecordCache<UserPool>()
    let clients = RecordCache<AppClient>()
    /// Access tokens whose signature checked out, by their exact text (see `verifyAccessTokenSignature`).
    let verifiedTokens = RecordCache<VerifiedAccessToken>(timeToLive: .seconds(300), capacity: 4096)

    public init(
        store: Store,
        secretBox: SecretBox,
        region: String,
        accountId: String,
        issuerBase: String,
        bcryptCost: UInt8 = 10,
        now: @escaping Now = { Date() },
        logger: Logger
    ) {
        self.store = store
        self.box = secretBox
        self.region = region
        self.accountId = accountId
        self.issuerBaseBox = Mutex(issuerBase.hasSuffix("/") ? String(issuerBase.dropLast()) : issuerBase)
        self.bcryptCost = bcryptCost
        self.now = now
        self.logger = logger
        self.keys = SigningKeys(store: store, box: secretBox, now: now)
        self.throttle = LoginThrottle(store: store, now: now)
        let pools = self.pools
        let clients = self.clients
        // A pool's description includes its user count; a client dies with its pool.
        let watches = [
            TableWatch(
                watches: { $0.table == "user_pools" || ($0.table == "users" && $0.changesRowCount) },
                onCommit: { pools.invalidateAll() }),
            TableWatch(
                watches: { $0.table == "app_clients" || $0.table == "user_pools" },
                onCommit: { clients.invalidateAll() }),
        ]
        for watch in watches { store.pool.add(transactionObserver: watch, extent: .databaseLifetime) }
    }

    public func issuer(poolId: String) -> String { "\(issuerBase)/\(poolId)" }

    // MARK: shared row helpers

    static func encodeJSON(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    // Hot queries use cached prepared statements: preparing (and authorising) SQL on every
    // request cost more than running it.

    /// `ResourceNotFoundException` unless the pool exists.
    func requirePoolExists(_ db: GRDB.Database, _ poolId: String) throws {
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM user_pools WHERE id = ?"), arguments: [poolId]) != nil
        else { throw IdentityError.notFound("User pool \(poolId) does not exist.") }
    }

    /// The pool row or `ResourceNotFoundException`.
    func requirePool(_ db: GRDB.Database, _ poolId: String) throws -> UserPool {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM user_pools WHERE id = ?"), arguments: [poolId]) else {
            throw IdentityError.notFound("User pool \(poolId) does not exist.")
        }
        let count = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM users WHERE pool_id = ?"), arguments: [poolId]) ?? 0
        return UserPool(
            id: row["id"],
            arn: row["arn"],
            settings: try Self.decodeJSON(UserPoolSettings.self, row["settings"]),
            created: Date(timeIntervalSince1970: row["created"]),
            lastModified: Date(timeIntervalSince1970: row["last_modified"]),
            estimatedNumberOfUsers: count
        )
    }

    func requireClient(_ db: GRDB.Database, _ clientId: String, poolId: String? = nil) throws -> AppClient {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM app_clients WHERE client_id = ?"), arguments: [clientId]),
            poolId == nil || row["pool_id"] == poolId
        else {
            throw IdentityError.notFound("User pool client \(clientId) does not exist.")
        }
        let sealed: [UInt8]? = (row["sealed_secret"] as Data?).map { [UInt8]($0) }
        return AppClient(
            clientId: row["client_id"],
            userPoolId: row["pool_id"],
            settings: try Self.decodeJSON(AppClientSettings.self, row["settings"]),
            secret: try sealed.map { try box.openString($0) },
            created: Date(timeIntervalSince1970: row["created"]),
            lastModified: Date(timeIntervalSince1970: row["last_modified"])
        )
    }

    func fetchUser(_ db: GRDB.Database, poolId: String, username: String) throws -> User? {
        // Usernames are case-insensitive in Cognito's default pools.
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM users WHERE pool_id = ? AND username = ? COLLATE NOCASE"),
                arguments: [poolId, username])
        else { return nil }
        return try Self.user(row)
    }

    func requireUser(_ db: GRDB.Database, poolId: String, username: String) throws -> User {
        guard let user = try fetchUser(db, poolId: poolId, username: username) else { throw IdentityError.userNotFound() }
        return user
    }

    static func user(_ row: Row) throws -> User {
        User(
            userPoolId: row["pool_id"],
            username: row["username"],
            sub: row["sub"],
            enabled: row["enabled"],
            status: UserStatus(rawValue: row["status"]) ?? .confirmed,
            attributes: try decodeJSON([UserAttribute].self, row["attributes"]),
            passwordHash: row["password_hash"],
            temporaryPasswordExpires: (row["temp_password_expires"] as Double?).map(Date.init(timeIntervalSince1970:)),
            created: Date(timeIntervalSince1970: row["created"]),
            lastModified: Date(timeIntervalSince1970: row["last_modified"])
        )
    }

    func saveUser(_ db: GRDB.Database, _ user: User) throws {
        try db.execute(
            sql: """
                INSERT INTO users (pool_id, username, sub, enabled, status, attributes, password_hash,
                                   temp_password_expires, created, last_modified)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(pool_id, username) DO UPDATE SET
                  enabled = excluded.enabled, status = excluded.status, attributes = excluded.attributes,
                  password_hash = excluded.password_hash, temp_password_expires = excluded.temp_password_expires,
                  last_modified = excluded.last_modified
                """,
            arguments: [
                user.userPoolId, user.username, user.sub, user.enabled, user.status.rawValue,
                Self.encodeJSON(user.attributes), user.passwordHash,
                user.temporaryPasswordExpires?.timeIntervalSince1970, user.created.timeIntervalSince1970,
                user.lastModified.timeIntervalSince1970,
            ]
        )
    }

    /// Runs a write and maps storage failures to a logged internal error.
    func write<T: Sendable>(_ body: @escaping @Sendable (GRDB.Database) throws -> T) async throws -> T {
        do {
            return try await store.write(body)
        } catch let error as IdentityError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw IdentityError("InvalidParameterException", "The request conflicts with existing state.")
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (GRDB.Database) throws -> T) async throws -> T {
        try await store.read(body)
    }
}

/// A page of results and the token for the next one.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let nextToken: String?
}

enum PageToken {
    static func encode(_ key: String) -> String { Base64URL.encode(Array(key.utf8)) }
    static func decode(_ token: String?) throws -> String? {
        guard let token else { return nil }
        guard let bytes = Base64URL.decode(token) else {
            throw IdentityError.invalidParameter("Invalid pagination token.")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

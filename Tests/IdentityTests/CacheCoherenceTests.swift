import Foundation
import GRDB
import Storage
import Testing

@testable import Identity

/// Pools, app clients and access-key secrets are served from memory; every committed change
/// to their tables must be visible to the very next read.
@Suite struct CacheCoherenceTests {
    @Test func userCountFollowsCreatesAndDeletes() async throws {
        let f = try IdentityFixture()
        let (pool, _) = try await f.poolWithUser()
        #expect(try await f.service.describeUserPool(pool.id).estimatedNumberOfUsers == 1)
        _ = try await f.service.adminCreateUser(
            poolId: pool.id, username: "bob", attributes: [], temporaryPassword: nil, messageAction: "SUPPRESS")
        #expect(try await f.service.describeUserPool(pool.id).estimatedNumberOfUsers == 2)
        try await f.service.adminDeleteUser(poolId: pool.id, username: "alice")
        #expect(try await f.service.describeUserPool(pool.id).estimatedNumberOfUsers == 1)
    }

    @Test func deletedClientIsGoneAtOnce() async throws {
        let f = try IdentityFixture()
        let (pool, client) = try await f.poolWithUser()
        #expect(try await f.signIn(client, "alice", "Passw0rd!").tokens != nil)
        try await f.service.deleteUserPoolClient(poolId: pool.id, clientId: client.clientId)
        await #expect(throws: IdentityError.self) { try await f.signIn(client, "alice", "Passw0rd!") }
        await #expect(throws: IdentityError.self) {
            try await f.service.describeUserPoolClient(poolId: pool.id, clientId: client.clientId)
        }
    }

    /// Writes that bypass the service (a future operation, a migration) still invalidate,
    /// because the watch is on the tables, not on the service's methods.
    @Test func rawWritesThroughTheStoreInvalidate() async throws {
        let f = try IdentityFixture()
        let (pool, client) = try await f.poolWithUser()
        #expect(try await f.service.describeUserPool(pool.id).settings.PoolName == "test")
        #expect(try await f.service.appClient(client.clientId).settings.ClientName == "app")
        try await f.service.store.write { db in
            try db.execute(sql: "UPDATE user_pools SET name = 'renamed', settings = json_set(settings, '$.PoolName', 'renamed')")
            try db.execute(sql: "UPDATE app_clients SET settings = json_set(settings, '$.ClientName', 'other')")
        }
        #expect(try await f.service.describeUserPool(pool.id).settings.PoolName == "renamed")
        #expect(try await f.service.appClient(client.clientId).settings.ClientName == "other")
    }

    @Test func deactivatedAccessKeyStopsWorking() async throws {
        let f = try IdentityFixture()
        let keys = AccessKeyStore(store: f.service.store, box: SecretBox(masterKey: Array(repeating: 7, count: 32)))
        let key = try await keys.create(principal: "root")
        #expect(try await keys.secret(for: key.accessKeyId) == key.secretAccessKey)
        let replaced = try await keys.create(principal: "root", accessKeyId: key.accessKeyId)
        #expect(try await keys.secret(for: key.accessKeyId) == replaced.secretAccessKey)
        try await f.service.store.write { db in try db.execute(sql: "UPDATE access_keys SET status = 'Inactive'") }
        #expect(try await keys.secret(for: key.accessKeyId) == nil)
    }

    @Test func readStartedBeforeAnInvalidationIsNotKept() {
        let cache = RecordCache<Int>()
        let ticket = cache.ticket()
        cache.invalidateAll()
        cache.store(1, for: "a", ticket: ticket)
        #expect(cache.value(for: "a") == nil)
        cache.store(2, for: "a", ticket: cache.ticket())
        #expect(cache.value(for: "a") == 2)
    }

    @Test func entriesExpireAndCapacityIsBounded() async throws {
        let cache = RecordCache<Int>(timeToLive: .milliseconds(50), capacity: 3)
        for (i, key) in ["a", "b", "c"].enumerated() { cache.store(i, for: key, ticket: cache.ticket()) }
        #expect(cache.value(for: "c") == 2)
        cache.store(3, for: "d", ticket: cache.ticket())
        #expect(cache.value(for: "a") == nil && cache.value(for: "d") == 3)
        try await Task.sleep(for: .milliseconds(80))
        #expect(cache.value(for: "d") == nil)
    }
}

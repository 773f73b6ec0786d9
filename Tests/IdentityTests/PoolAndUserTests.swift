import Foundation
import Storage
import Testing

@testable import Identity

@Suite struct PoolAndUserTests {
    @Test func idsHaveAWSFormats() async throws {
        let f = try IdentityFixture()
        let (pool, client) = try await f.poolWithUser()
        #expect(pool.id.wholeMatch(of: #/us-east-1_[0-9a-zA-Z]{9}/#) != nil)
        #expect(client.clientId.wholeMatch(of: #/[a-z0-9]{26}/#) != nil)
        #expect(pool.arn == "arn:aws:cognito-idp:us-east-1:000000000000:userpool/\(pool.id)")
    }

    @Test func passwordPolicyIsEnforced() async throws {
        let f = try IdentityFixture()
        let (pool, _) = try await f.poolWithUser()
        for weak in ["Sh0rt!", "alllower1!", "ALLUPPER1!", "NoDigits!!", "NoSymbols11"] {
            await #expect(throws: IdentityError.self, "\(weak)") {
                try await f.service.adminSetUserPassword(poolId: pool.id, username: "alice", password: weak, permanent: true)
            }
        }
    }

    @Test func passwordsAreStoredAsBcrypt() async throws {
        let f = try IdentityFixture()
        let (pool, _) = try await f.poolWithUser()
        let user = try await f.service.adminGetUser(poolId: pool.id, username: "alice")
        let hash = try #require(user.passwordHash)
        #expect(hash.hasPrefix("$2b$") || hash.hasPrefix("$2a$") || hash.hasPrefix("$2y$"))
        #expect(!hash.contains("Passw0rd!"))
    }

    @Test func undeclaredCustomAttributesAreRejected() async throws {
        let f = try IdentityFixture()
        let (pool, _) = try await f.poolWithUser()
        await #expect(throws: IdentityError.self) {
            try await f.service.adminCreateUser(
                poolId: pool.id, username: "carol", attributes: [UserAttribute(Name: "custom:nope", Value: "x")],
                temporaryPassword: nil, messageAction: nil)
        }
    }

    @Test func duplicateUsernameIsRejectedCaseInsensitively() async throws {
        let f = try IdentityFixture()
        let (pool, _) = try await f.poolWithUser()
        let error = await #expect(throws: IdentityError.self) {
            try await f.service.adminCreateUser(
                poolId: pool.id, username: "ALICE", attributes: [], temporaryPassword: nil, messageAction: nil)
        }
        #expect(error?.code == "UsernameExistsException")
    }

    @Test func listUsersFiltersAndPaginates() async throws {
        let f = try IdentityFixture()
        let (pool, _) = try await f.poolWithUser()
        for name in ["bob", "bill", "carol"] {
            _ = try await f.service.adminCreateUser(
                poolId: pool.id, username: name, attributes: [UserAttribute(Name: "email", Value: "\(name)@corp.example")],
                temporaryPassword: nil, messageAction: nil)
        }
        let bs = try await f.service.listUsers(poolId: pool.id, filter: "username ^= \"b\"", limit: 60, paginationToken: nil)
        #expect(bs.items.map(\.username) == ["bill", "bob"])
        let exact = try await f.service.listUsers(
            poolId: pool.id, filter: "email = \"carol@corp.example\"", limit: 60, paginationToken: nil)
        #expect(exact.items.map(\.username) == ["carol"])
        let page1 = try await f.service.listUsers(poolId: pool.id, filter: nil, limit: 3, paginationToken: nil)
        let page2 = try await f.service.listUsers(poolId: pool.id, filter: nil, limit: 3, paginationToken: page1.nextToken)
        #expect(page1.items.count == 3 && page2.items.count == 1 && page2.nextToken == nil)
        await #expect(throws: IdentityError.self) {
            try await f.service.listUsers(poolId: pool.id, filter: "bogus", limit: 60, paginationToken: nil)
        }
    }

    @Test func deletingAPoolRemovesEverything() async throws {
        let f = try IdentityFixture()
        let (pool, client) = try await f.poolWithUser()
        try await f.service.deleteUserPool(pool.id)
        await #expect(throws: IdentityError.self) { try await f.service.describeUserPool(pool.id) }
        await #expect(throws: IdentityError.self) { try await f.service.appClient(client.clientId) }
    }

    @Test func secretsAreSealedAtRest() async throws {
        let f = try IdentityFixture()
        let (_, client) = try await f.poolWithUser(secret: true)
        let keys = AccessKeyStore(store: f.service.store, box: SecretBox(masterKey: Array(repeating: 7, count: 32)))
        let key = try await keys.create(principal: "root")
        let raw = try Data(contentsOf: URL(fileURLWithPath: f.service.store.path))
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: f.service.store.path + "-wal"))) ?? Data()
        for secret in [client.secret!, key.secretAccessKey] {
            #expect(raw.range(of: Data(secret.utf8)) == nil && wal.range(of: Data(secret.utf8)) == nil)
        }
        #expect(try await keys.secret(for: key.accessKeyId) == key.secretAccessKey)
        #expect(try await keys.secret(for: "AKIAUNKNOWN") == nil)
    }
}

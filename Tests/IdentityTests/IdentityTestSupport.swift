import Foundation
import Logging
import Storage
import Synchronization

@testable import Identity

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

struct IdentityFixture {
    let clock = TestClock()
    let service: IdentityService

    init() throws {
        let store = try Store.temporary(migrations: IdentityMigrations.all)
        let clock = self.clock
        service = IdentityService(
            store: store, secretBox: SecretBox(masterKey: Array(repeating: 7, count: 32)), region: "us-east-1",
            accountId: "000000000000", issuerBase: "http://127.0.0.1:8080", bcryptCost: 4,
            now: { clock.now }, logger: Logger(label: "test"))
    }

    /// A pool with a lenient policy, a public client allowing password sign-in, and a confirmed user.
    func poolWithUser(
        username: String = "alice", password: String = "Passw0rd!", secret: Bool = false
    ) async throws -> (pool: UserPool, client: AppClient) {
        var settings = UserPoolSettings(PoolName: "test")
        settings.Schema = [SchemaAttribute(Name: "team", AttributeDataType: "String")]
        let pool = try await service.createUserPool(settings)
        var clientSettings = AppClientSettings(ClientName: "app")
        clientSettings.ExplicitAuthFlows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"]
        clientSettings.GenerateSecret = secret
        let client = try await service.createUserPoolClient(poolId: pool.id, clientSettings)
        _ = try await service.adminCreateUser(
            poolId: pool.id, username: username,
            attributes: [UserAttribute(Name: "email", Value: "\(username)@example.com"),
                         UserAttribute(Name: "custom:team", Value: "ml")],
            temporaryPassword: nil, messageAction: "SUPPRESS")
        try await service.adminSetUserPassword(poolId: pool.id, username: username, password: password, permanent: true)
        return (pool, client)
    }

    func signIn(_ client: AppClient, _ username: String, _ password: String) async throws -> AuthOutcome {
        var parameters = ["USERNAME": username, "PASSWORD": password]
        if let secret = client.secret {
            parameters["SECRET_HASH"] = IdentityService.secretHash(username: username, clientId: client.clientId, secret: secret)
        }
        return try await service.initiateAuth(
            poolId: nil, clientId: client.clientId, flow: "USER_PASSWORD_AUTH", parameters: parameters)
    }
}

extension AuthOutcome {
    var tokens: AuthenticationResult? { if case .authenticated(let r) = self { r } else { nil } }
}

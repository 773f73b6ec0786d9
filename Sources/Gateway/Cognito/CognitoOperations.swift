import AWSWire
import Foundation
import Identity

/// The Cognito user pool operations Atelier serves, by name.
enum CognitoOperations {
    struct PoolId: Decodable { let UserPoolId: String }
    struct PoolUser: Decodable { let UserPoolId: String; let Username: String }
    struct PoolClient: Decodable { let UserPoolId: String; let ClientId: String }
    struct ListPools: Decodable { let MaxResults: Int; let NextToken: String? }
    struct ListClients: Decodable { let UserPoolId: String; let MaxResults: Int?; let NextToken: String? }
    struct CreateClient: Decodable {
        let UserPoolId: String
        let settings: AppClientSettings
        init(from decoder: any Decoder) throws {
            UserPoolId = try PoolId(from: decoder).UserPoolId
            settings = try AppClientSettings(from: decoder)
        }
    }
    struct CreateUser: Decodable {
        let UserPoolId: String
        let Username: String
        let UserAttributes: [UserAttribute]?
        let TemporaryPassword: String?
        let MessageAction: String?
    }
    struct ListUsers: Decodable {
        let UserPoolId: String
        let Filter: String?
        let Limit: Int?
        let PaginationToken: String?
        let AttributesToGet: [String]?
    }
    struct SetPassword: Decodable { let UserPoolId: String; let Username: String; let Password: String; let Permanent: Bool? }
    struct CreateGroup: Decodable {
        let UserPoolId: String; let GroupName: String; let Description: String?; let Precedence: Int?; let RoleArn: String?
    }
    struct UserGroup: Decodable { let UserPoolId: String; let Username: String; let GroupName: String }
    struct ListGroupsForUser: Decodable { let UserPoolId: String; let Username: String }
    struct Initiate: Decodable {
        let UserPoolId: String?
        let ClientId: String
        let AuthFlow: String
        let AuthParameters: [String: String]?
    }
    struct Respond: Decodable {
        let UserPoolId: String?
        let ClientId: String
        let ChallengeName: String
        let Session: String?
        let ChallengeResponses: [String: String]?
    }
    struct AccessToken: Decodable { let AccessToken: String }
    struct ChangePassword: Decodable { let PreviousPassword: String; let ProposedPassword: String; let AccessToken: String }
    struct Revoke: Decodable { let Token: String; let ClientId: String; let ClientSecret: String? }

    struct PoolOut: Encodable { let UserPool: UserPoolType }
    struct PoolsOut: Encodable { let UserPools: [UserPoolDescriptionType]; let NextToken: String? }
    struct ClientOut: Encodable { let UserPoolClient: UserPoolClientType }
    struct ClientsOut: Encodable { let UserPoolClients: [UserPoolClientDescription]; let NextToken: String? }
    struct UserOut: Encodable { let User: UserType }
    struct UsersOut: Encodable { let Users: [UserType]; let PaginationToken: String? }
    struct GroupOut: Encodable { let Group: GroupType }
    struct GroupsOut: Encodable { let Groups: [GroupType]; let NextToken: String? }

    static func all(_ identity: IdentityService) -> [String: AWSOperation] {
        var ops: [String: AWSOperation] = [:]
        func add<I: Decodable & Sendable, O: Encodable & Sendable>(_ name: String, _ input: I.Type, _ body: @escaping @Sendable (I, AWSCall) async throws -> O) {
            ops[name] = .json(input, body)
        }
        // Pools and clients
        add("CreateUserPool", UserPoolSettings.self) { i, _ in PoolOut(UserPool: .init(try await identity.createUserPool(i))) }
        add("DescribeUserPool", PoolId.self) { i, _ in PoolOut(UserPool: .init(try await identity.describeUserPool(i.UserPoolId))) }
        add("ListUserPools", ListPools.self) { i, _ in
            let page = try await identity.listUserPools(maxResults: i.MaxResults, nextToken: i.NextToken)
            return PoolsOut(UserPools: page.items.map(UserPoolDescriptionType.init), NextToken: page.nextToken)
        }
        add("DeleteUserPool", PoolId.self) { i, _ in try await identity.deleteUserPool(i.UserPoolId); return Empty() }
        add("CreateUserPoolClient", CreateClient.self) { i, _ in
            ClientOut(UserPoolClient: .init(try await identity.createUserPoolClient(poolId: i.UserPoolId, i.settings)))
        }
        add("DescribeUserPoolClient", PoolClient.self) { i, _ in
            ClientOut(UserPoolClient: .init(try await identity.describeUserPoolClient(poolId: i.UserPoolId, clientId: i.ClientId)))
        }
        add("ListUserPoolClients", ListClients.self) { i, _ in
            let page = try await identity.listUserPoolClients(poolId: i.UserPoolId, maxResults: i.MaxResults ?? 60, nextToken: i.NextToken)
            return ClientsOut(
                UserPoolClients: page.items.map { .init(ClientId: $0.clientId, UserPoolId: $0.userPoolId, ClientName: $0.settings.ClientName) },
                NextToken: page.nextToken)
        }
        add("DeleteUserPoolClient", PoolClient.self) { i, _ in
            try await identity.deleteUserPoolClient(poolId: i.UserPoolId, clientId: i.ClientId)
            return Empty()
        }
        // Users
        add("AdminCreateUser", CreateUser.self) { i, _ in
            UserOut(User: .init(try await identity.adminCreateUser(
                poolId: i.UserPoolId, username: i.Username, attributes: i.UserAttributes ?? [],
                temporaryPassword: i.TemporaryPassword, messageAction: i.MessageAction)))
        }
        add("AdminGetUser", PoolUser.self) { i, _ in
            UserType(try await identity.adminGetUser(poolId: i.UserPoolId, username: i.Username), attributesKey: "UserAttributes")
        }
        add("ListUsers", ListUsers.self) { i, _ in
            let page = try await identity.listUsers(
                poolId: i.UserPoolId, filter: i.Filter, limit: i.Limit ?? 60, paginationToken: i.PaginationToken)
            var users = page.items
            if let names = i.AttributesToGet.map(Set.init) {
                for index in users.indices { users[index].attributes.removeAll { !names.contains($0.Name) } }
            }
            return UsersOut(Users: users.map { UserType($0) }, PaginationToken: page.nextToken)
        }
        add("AdminDeleteUser", PoolUser.self) { i, _ in
            try await identity.adminDeleteUser(poolId: i.UserPoolId, username: i.Username)
            return Empty()
        }
        add("AdminSetUserPassword", SetPassword.self) { i, _ in
            try await identity.adminSetUserPassword(
                poolId: i.UserPoolId, username: i.Username, password: i.Password, permanent: i.Permanent ?? false)
            return Empty()
        }
        add("AdminEnableUser", PoolUser.self) { i, _ in
            try await identity.setUserEnabled(poolId: i.UserPoolId, username: i.Username, enabled: true)
            return Empty()
        }
        add("AdminDisableUser", PoolUser.self) { i, _ in
            try await identity.setUserEnabled(poolId: i.UserPoolId, username: i.Username, enabled: false)
            return Empty()
        }
        add("AdminUserGlobalSignOut", PoolUser.self) { i, _ in
            try await identity.globalSignOut(poolId: i.UserPoolId, username: i.Username)
            return Empty()
        }
        // Groups
        add("CreateGroup", CreateGroup.self) { i, _ in
            GroupOut(Group: .init(try await identity.createGroup(
                poolId: i.UserPoolId, name: i.GroupName, description: i.Description, precedence: i.Precedence, roleArn: i.RoleArn)))
        }
        add("AdminAddUserToGroup", UserGroup.self) { i, _ in
            try await identity.adminAddUserToGroup(poolId: i.UserPoolId, username: i.Username, groupName: i.GroupName)
            return Empty()
        }
        add("AdminRemoveUserFromGroup", UserGroup.self) { i, _ in
            try await identity.adminRemoveUserFromGroup(poolId: i.UserPoolId, username: i.Username, groupName: i.GroupName)
            return Empty()
        }
        add("AdminListGroupsForUser", ListGroupsForUser.self) { i, _ in
            GroupsOut(
                Groups: try await identity.adminListGroupsForUser(poolId: i.UserPoolId, username: i.Username).map(GroupType.init),
                NextToken: nil)
        }
        // Sign-in
        add("InitiateAuth", Initiate.self) { i, _ in
            AuthResponse(try await identity.initiateAuth(
                poolId: nil, clientId: i.ClientId, flow: i.AuthFlow, parameters: i.AuthParameters ?? [:]))
        }
        add("AdminInitiateAuth", Initiate.self) { i, _ in
            AuthResponse(try await identity.initiateAuth(
                poolId: i.UserPoolId ?? "", clientId: i.ClientId, flow: i.AuthFlow, parameters: i.AuthParameters ?? [:]))
        }
        add("RespondToAuthChallenge", Respond.self) { i, _ in
            AuthResponse(try await identity.respondToAuthChallenge(
                poolId: nil, clientId: i.ClientId, challengeName: i.ChallengeName, session: i.Session,
                responses: i.ChallengeResponses ?? [:]))
        }
        add("AdminRespondToAuthChallenge", Respond.self) { i, _ in
            AuthResponse(try await identity.respondToAuthChallenge(
                poolId: i.UserPoolId ?? "", clientId: i.ClientId, challengeName: i.ChallengeName, session: i.Session,
                responses: i.ChallengeResponses ?? [:]))
        }
        add("GetUser", AccessToken.self) { i, _ in
            let user = try await identity.getUser(accessToken: i.AccessToken)
            return GetUserResponse(Username: user.username, UserAttributes: user.allAttributes)
        }
        add("GlobalSignOut", AccessToken.self) { i, _ in
            try await identity.globalSignOut(accessToken: i.AccessToken)
            return Empty()
        }
        add("ChangePassword", ChangePassword.self) { i, _ in
            try await identity.changePassword(accessToken: i.AccessToken, previous: i.PreviousPassword, proposed: i.ProposedPassword)
            return Empty()
        }
        add("RevokeToken", Revoke.self) { i, _ in
            try await identity.revokeToken(i.Token, clientId: i.ClientId, clientSecret: i.ClientSecret)
            return Empty()
        }
        return ops
    }
}

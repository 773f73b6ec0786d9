/// An error of the identity context. `code` is the Cognito error name a client sees
/// (`NotAuthorizedException`, …); the gateway turns it into an AWS JSON error.
public struct IdentityError: Error, Sendable, CustomStringConvertible, Equatable {
    public let code: String
    public let message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    static func notFound(_ message: String) -> Self { .init("ResourceNotFoundException", message) }
    static func invalidParameter(_ message: String) -> Self { .init("InvalidParameterException", message) }
    static func userNotFound() -> Self { .init("UserNotFoundException", "User does not exist.") }
    static func notAuthorized(_ message: String) -> Self { .init("NotAuthorizedException", message) }
    /// The one message for a wrong password and an unknown user, so that neither can be told apart.
    static let badCredentials = Self("NotAuthorizedException", "Incorrect username or password.")
    static let invalidAccessToken = Self("NotAuthorizedException", "Invalid Access Token")
    static let revokedAccessToken = Self("NotAuthorizedException", "Access Token has been revoked")
}

import Foundation

/// The parts of an HTTP request that SigV4 signs, exactly as they arrived.
public struct SigV4Request: Sendable {
    /// The HTTP method, e.g. `POST`.
    public var method: String
    /// The path as sent on the request line, still percent-encoded (`/` for AWS JSON).
    public var path: String
    /// The raw query string without `?`, still percent-encoded; empty when there is none.
    public var query: String
    /// All header fields in arrival order; repeated names allowed. `Host` must be present.
    public var headers: [(name: String, value: String)] {
        didSet { loweredNames = headers.map { $0.name.lowercased() } }
    }
    /// Header names lower-cased once, since every lookup is case-insensitive.
    private var loweredNames: [String]
    /// The request body.
    public var body: [UInt8]

    /// Makes a request description.
    public init(
        method: String,
        path: String,
        query: String = "",
        headers: [(name: String, value: String)],
        body: [UInt8]
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.loweredNames = headers.map { $0.name.lowercased() }
        self.body = body
    }

    /// Makes a request description from headers whose lower-cased names the caller already has
    /// (HTTPTypes keeps a canonical lower-case name beside each field's wire spelling).
    public init(
        method: String,
        path: String,
        query: String = "",
        headers: [(name: String, value: String)],
        lowercasedNames: [String],
        body: [UInt8]
    ) {
        precondition(lowercasedNames.count == headers.count, "one lower-cased name per header")
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.loweredNames = lowercasedNames
        self.body = body
    }

    /// The values of every header named `name` (case-insensitive), in order.
    public func headerValues(_ name: String) -> [String] {
        let lowered = name.lowercased()
        var values: [String] = []
        for (index, headerName) in loweredNames.enumerated() where headerName == lowered {
            values.append(headers[index].value)
        }
        return values
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? { firstValue(lowercased: name.lowercased()) }

    /// The first value of the header whose lower-cased name is `lowered`, without the array
    /// `headerValues` builds: the verifier looks up several headers per request.
    func firstValue(lowercased lowered: String) -> String? {
        for index in loweredNames.indices where loweredNames[index] == lowered { return headers[index].value }
        return nil
    }

    /// Indices into `headers` of the fields whose lower-cased name is `lowered`, in order.
    func forEachIndex(lowercased lowered: String, _ body: (Int) -> Void) {
        for index in loweredNames.indices where loweredNames[index] == lowered { body(index) }
    }
}

/// Who signed a request, once `SigV4Verifier` has checked the signature.
public struct SigV4Identity: Sendable, Equatable {
    /// The access key id from the credential scope.
    public var accessKeyId: String
    /// The region from the credential scope, e.g. `us-east-1`.
    public var region: String
    /// The service from the credential scope, e.g. `cognito-idp`.
    public var service: String
    /// When the request was signed (`X-Amz-Date` or `Date`).
    public var date: Date
    /// `X-Amz-Security-Token` when temporary credentials signed the request; the caller must
    /// check it against the credentials it issued.
    public var securityToken: String?
    /// True when the signature came in the query string (a presigned URL), not a header.
    public var presigned: Bool

    /// Makes an identity.
    public init(
        accessKeyId: String,
        region: String,
        service: String,
        date: Date,
        securityToken: String? = nil,
        presigned: Bool = false
    ) {
        self.accessKeyId = accessKeyId
        self.region = region
        self.service = service
        self.date = date
        self.securityToken = securityToken
        self.presigned = presigned
    }
}

import Crypto
import Synchronization

/// Recently derived SigV4 signing keys, ready as HMAC states, so that the four-HMAC derivation
/// (and the HMAC key setup) runs once per access key, day, region and service instead of once
/// per request.
///
/// The secret itself is part of the cache key: a rotated secret can never reuse a key derived
/// from the old one. Only keys whose signature verified are stored, so requests from someone
/// without the secret cannot fill the cache; when it is full it is emptied (derivation is cheap
/// enough that a rare refill costs less than bookkeeping for a smarter policy).
final class SigningKeyCache: Sendable {
    struct Scope: Hashable, Sendable {
        var accessKeyId: String
        var secret: String
        var date: String
        var region: String
        var service: String
    }

    let capacity: Int
    private let entries = Mutex<[Scope: HMAC<SHA256>]>([:])

    init(capacity: Int) {
        precondition(capacity > 0, "SigningKeyCache capacity must be positive, got \(capacity)")
        self.capacity = capacity
    }

    /// The HMAC state keyed with the signing key of `scope`, when cached.
    func authenticator(for scope: Scope) -> HMAC<SHA256>? {
        entries.withLock { $0[scope] }
    }

    /// Remembers the HMAC state keyed with `scope`'s signing key.
    func store(_ authenticator: HMAC<SHA256>, for scope: Scope) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[scope] == nil { entries.removeAll(keepingCapacity: true) }
            entries[scope] = authenticator
        }
    }

    /// How many keys are cached (for tests).
    var count: Int { entries.withLock { $0.count } }

    /// The HMAC state keyed with the signing key for `scope`, derived from the secret.
    static func derive(_ scope: Scope) -> HMAC<SHA256> {
        HMAC<SHA256>(
            key: SymmetricKey(
                data: SigV4Canonical.signingKey(
                    secret: scope.secret, date: scope.date, region: scope.region, service: scope.service)))
    }
}

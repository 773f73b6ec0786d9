import Crypto

/// The canonical request and string to sign built into one byte buffer each — the verifier's
/// hot path. The `String` functions in SigV4Canonical.swift define the forms (and the vector
/// tests pin them to botocore); these produce the same bytes, which the tests also check.
extension SigV4Canonical {
    static let lowerHexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends the lower-case hex of `bytes`.
    static func appendHex(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) {
        lowerHexDigits.withUnsafeBufferPointer { digits in
            for b in bytes {
                out.append(digits[Int(b >> 4)])
                out.append(digits[Int(b & 0xF)])
            }
        }
    }

    /// The lower-case hex SHA-256 of `data`, as bytes.
    static func hexSHA256Bytes(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        appendHex(SHA256.hash(data: data), to: &out)
        return out
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
    }

    /// Appends `trimAll(value)`. Bytes and `Character`s split alike for ASCII text without a
    /// CR LF pair (one `Character` in Swift, so not a separator for `trimAll`); anything else
    /// goes through `trimAll` itself.
    static func appendTrimAll(_ value: String, to out: inout [UInt8]) {
        var previousCR = false
        for b in value.utf8 {
            if b >= 0x80 || (previousCR && b == 0x0A) {
                out.append(contentsOf: trimAll(value).utf8)
                return
            }
            previousCR = b == 0x0D
        }
        var pendingSpace = false
        var wroteAny = false
        for b in value.utf8 {
            if isSpace(b) {
                pendingSpace = wroteAny
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(b)
            wroteAny = true
        }
    }

    /// `canonicalRequest(_:signedHeaders:payloadHash:canonicalQuery:)` as UTF-8 bytes.
    static func canonicalRequestBytes(
        _ request: SigV4Request,
        signedHeaders: [String],
        payloadHash: [UInt8],
        canonicalQuery: String
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        if SigV4Authorization.isASCII(request.method.utf8) {
            for c in request.method.utf8 {
                out.append(c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") ? c & ~0x20 : c)
            }
        } else {
            out.append(contentsOf: request.method.uppercased().utf8)
        }
        out.append(0x0A)
        if request.path == "/" {
            out.append(UInt8(ascii: "/"))
        } else {
            out.append(contentsOf: canonicalURI(request.path).utf8)
        }
        out.append(0x0A)
        out.append(contentsOf: canonicalQuery.utf8)
        out.append(0x0A)
        for name in signedHeaders {
            out.append(contentsOf: name.utf8)
            out.append(UInt8(ascii: ":"))
            var first = true
            if SigV4Authorization.isASCII(name.utf8) {
                request.forEachIndex(lowercased: name) { index in
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    appendTrimAll(request.headers[index].value, to: &out)
                }
            } else {
                for value in request.headerValues(name) {
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    appendTrimAll(value, to: &out)
                }
            }
            out.append(0x0A)
        }
        out.append(0x0A)
        for (i, name) in signedHeaders.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ";")) }
            out.append(contentsOf: name.utf8)
        }
        out.append(0x0A)
        out.append(contentsOf: payloadHash)
        return out
    }

    /// `stringToSign(amzDate:scope:canonicalRequest:)` as UTF-8 bytes.
    static func stringToSignBytes(
        amzDate: String,
        scope: SigV4CredentialScope,
        canonicalRequest: [UInt8]
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(160)
        out.append(contentsOf: algorithm.utf8)
        out.append(0x0A)
        out.append(contentsOf: amzDate.utf8)
        out.append(0x0A)
        out.append(contentsOf: scope.date.utf8)
        out.append(UInt8(ascii: "/"))
        out.append(contentsOf: scope.region.utf8)
        out.append(UInt8(ascii: "/"))
        out.append(contentsOf: scope.service.utf8)
        out.append(UInt8(ascii: "/"))
        out.append(contentsOf: "aws4_request\n".utf8)
        appendHex(SHA256.hash(data: canonicalRequest), to: &out)
        return out
    }

    /// Whether `signature` (as the client sent it, hex in either case) is the hex of `mac`, in
    /// time independent of where they differ.
    static func signatureMatches(_ mac: HashedAuthenticationCode<SHA256>, _ signature: String) -> Bool {
        var expected: [UInt8] = []
        expected.reserveCapacity(64)
        appendHex(mac, to: &expected)
        let sent = signature.utf8
        guard SigV4Authorization.isASCII(sent) else {
            return constantTimeEquals(String(decoding: expected, as: UTF8.self), signature.lowercased())
        }
        guard sent.count == expected.count else { return false }
        var diff: UInt8 = 0
        for (i, c) in sent.enumerated() {
            let lowered = c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c | 0x20 : c
            diff |= lowered ^ expected[i]
        }
        return diff == 0
    }
}

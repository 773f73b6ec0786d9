/// The `Authorization` header parsed on its UTF-8 bytes: one pass, no dictionary, no
/// intermediate strings except the fields it returns.
///
/// Only ASCII headers take this path. For ASCII text, splitting and trimming bytes gives exactly
/// what the `String` path (which splits on `Character`s) gives; with non-ASCII bytes a combining
/// mark could glue itself to a separator, so those headers keep the `String` path, error wording
/// included.
extension SigV4Authorization {
    private static let algorithmBytes: [UInt8] = Array(SigV4Canonical.algorithm.utf8)

    static func isASCII(_ bytes: some Sequence<UInt8>) -> Bool {
        var all: UInt8 = 0
        for b in bytes { all |= b }
        return all < 0x80
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }

    /// The range of `b[range]` without leading and trailing spaces and tabs.
    private static func trimmed(_ b: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi, isSpace(b[lo]) { lo += 1 }
        while hi > lo, isSpace(b[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    private static func equals(_ b: [UInt8], _ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let p = literal.utf8Start
        var i = 0
        for index in range {
            if b[index] != p[i] { return false }
            i += 1
        }
        return true
    }

    private static func string(_ b: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: b[range], as: UTF8.self)
    }

    /// `parseHeader` for an ASCII header; nil when the header is not ASCII.
    static func parseHeaderBytes(_ header: String, _ request: SigV4Request) throws(AWSError) -> SigV4Authorization? {
        let b = Array(header.utf8)
        guard isASCII(b) else { return nil }
        let whole = trimmed(b, 0..<b.count)
        var space = whole.lowerBound
        while space < whole.upperBound, b[space] != UInt8(ascii: " ") { space += 1 }
        guard b[whole.lowerBound..<space].elementsEqual(algorithmBytes) else {
            throw AWSError.incompleteSignature(
                "Unsupported AWS 'algorithm': '\(string(b, whole.lowerBound..<space))'. "
                    + "Only AWS4-HMAC-SHA256 is supported."
            )
        }
        var credential: Range<Int>?
        var signature: Range<Int>?
        var signedHeaders: Range<Int>?
        var start = space
        while start < whole.upperBound {
            var end = start
            while end < whole.upperBound, b[end] != UInt8(ascii: ",") { end += 1 }
            defer { start = end + 1 }
            if end == start { continue }  // `split` drops empty pieces
            let item = trimmed(b, start..<end)
            guard let eq = b[item].firstIndex(of: UInt8(ascii: "=")) else {
                throw AWSError.incompleteSignature(
                    "'\(string(b, item))' not a valid key=value pair (missing equal-sign) in Authorization header: "
                        + "'\(header)'."
                )
            }
            let key = item.lowerBound..<eq
            let value = (eq + 1)..<item.upperBound
            // Later duplicates win, as they did when the fields went into a dictionary.
            if equals(b, key, "Credential") {
                credential = value
            } else if equals(b, key, "Signature") {
                signature = value
            } else if equals(b, key, "SignedHeaders") {
                signedHeaders = value
            }
        }
        guard let credential, let signature, let signedHeaders, !credential.isEmpty, !signature.isEmpty,
            !signedHeaders.isEmpty
        else {
            let missing = [("Credential", credential), ("Signature", signature), ("SignedHeaders", signedHeaders)]
                .filter { $0.1?.isEmpty ?? true }.map(\.0)
            throw AWSError.incompleteSignature(
                missing.map { "Authorization header requires '\($0)' parameter." }.joined(separator: " ")
                    + " Authorization=\(header)"
            )
        }
        let date = try headerDate(request, header)
        return SigV4Authorization(
            credential: try SigV4CredentialScope.parse(bytes: b, credential),
            signedHeaders: try signedHeaderNames(bytes: b, signedHeaders),
            signature: string(b, signature),
            date: date,
            securityToken: request.firstValue(lowercased: "x-amz-security-token"),
            expires: nil
        )
    }

    /// `SignedHeaders`' names, trimmed and lower-cased, for an ASCII list.
    private static func signedHeaderNames(bytes b: [UInt8], _ list: Range<Int>) throws(AWSError) -> [String] {
        var names: [String] = []
        var hasHost = false
        var start = list.lowerBound
        while start <= list.upperBound {
            var end = start
            while end < list.upperBound, b[end] != UInt8(ascii: ";") { end += 1 }
            let name = trimmed(b, start..<end)
            guard !name.isEmpty else {
                throw AWSError.incompleteSignature(
                    "SignedHeaders contains an empty header name: '\(string(b, list))'."
                )
            }
            let lowered = String(
                unsafeUninitializedCapacity: name.count,
                initializingUTF8With: { out in
                    for (i, index) in name.enumerated() {
                        let c = b[index]
                        out[i] = c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c | 0x20 : c
                    }
                    return name.count
                }
            )
            hasHost = hasHost || lowered == "host" || lowered == ":authority"
            names.append(lowered)
            start = end + 1
        }
        guard hasHost else {
            throw AWSError.invalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
        }
        return names
    }
}

extension SigV4CredentialScope {
    /// `parse(_:)` for the ASCII bytes `b[range]`.
    static func parse(bytes b: [UInt8], _ range: Range<Int>) throws(AWSError) -> SigV4CredentialScope {
        var slashes: [Int] = []
        slashes.reserveCapacity(4)
        for i in range where b[i] == UInt8(ascii: "/") { slashes.append(i) }
        guard slashes.count == 4, slashes[0] > range.lowerBound else {
            throw AWSError.incompleteSignature(
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, "
                    + "got '\(String(decoding: b[range], as: UTF8.self))'"
            )
        }
        func part(_ i: Int) -> String {
            let lo = i == 0 ? range.lowerBound : slashes[i - 1] + 1
            let hi = i == 4 ? range.upperBound : slashes[i]
            return String(decoding: b[lo..<hi], as: UTF8.self)
        }
        guard b[(slashes[3] + 1)..<range.upperBound].elementsEqual("aws4_request".utf8) else {
            throw AWSError.invalidSignature(
                "Credential should be scoped with a valid terminator: 'aws4_request', not '\(part(4))'. "
            )
        }
        let region = b[(slashes[1] + 1)..<slashes[2]]
        guard !region.isEmpty,
            region.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
        else {
            throw AWSError.invalidSignature("Credential should be scoped to a valid region. ")
        }
        return SigV4CredentialScope(accessKeyId: part(0), date: part(1), region: part(2), service: part(3))
    }
}

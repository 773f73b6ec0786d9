import AWSWire
import Foundation

// Times AWSWire's per-request pieces in release mode: median µs per call over `samples` batches.
// ATELIER_SLICE=awswire swift build -c release --product atelier-bench-awswire --scratch-path .build-release
// .build-release/release/atelier-bench-awswire [filter]

let filter = CommandLine.arguments.dropFirst().first
let samples = 21

@inline(never) func consume<T>(_ value: T) { withExtendedLifetime(value) {} }

func report(_ name: String, _ perCall: [Double]) {
    let sorted = perCall.sorted()
    let median = sorted[sorted.count / 2]
    let label = name.padding(toLength: 50, withPad: " ", startingAt: 0)
    print(label + String(format: "%9.2f µs  (min %.2f)", median, sorted[0]))
}

nonisolated func measure(_ name: String, iterations: Int, _ body: () throws -> Void) rethrows {
    guard filter.map({ name.contains($0) }) ?? true else { return }
    for _ in 0..<max(1, iterations / 10) { try body() }
    var perCall: [Double] = []
    for _ in 0..<samples {
        let start = ContinuousClock.now
        for _ in 0..<iterations { try body() }
        let elapsed = ContinuousClock.now - start
        perCall.append(Double(elapsed.components.attoseconds) / 1e12 / Double(iterations)
            + Double(elapsed.components.seconds) * 1e6 / Double(iterations))
    }
    report(name, perCall)
}

nonisolated func measureAsync(_ name: String, iterations: Int, _ body: () async throws -> Void) async rethrows {
    guard filter.map({ name.contains($0) }) ?? true else { return }
    for _ in 0..<max(1, iterations / 10) { try await body() }
    var perCall: [Double] = []
    for _ in 0..<samples {
        let start = ContinuousClock.now
        for _ in 0..<iterations { try await body() }
        let elapsed = ContinuousClock.now - start
        perCall.append(Double(elapsed.components.attoseconds) / 1e12 / Double(iterations)
            + Double(elapsed.components.seconds) * 1e6 / Double(iterations))
    }
    report(name, perCall)
}

// MARK: 1. SigV4

/// Runs off the main actor, as the server's handlers do: an async call from main-actor code would
/// hop executors on every call and time thread switches instead of the verifier.
@concurrent func benchSigV4() async throws {
    let verifier = SigV4Verifier()
    let request = BenchRequest.request
    let lookup: @Sendable (String) async throws -> String? = { _ in BenchRequest.secret }
    let identity = try await verifier.verify(
        request, now: BenchRequest.now, expectedService: "cognito-idp", secretForAccessKey: lookup)
    precondition(identity.accessKeyId == "AKIDEXAMPLE")
    try await measureAsync("sigv4.verify", iterations: 5000) {
        consume(
            try await verifier.verify(
                request, now: BenchRequest.now, expectedService: "cognito-idp", secretForAccessKey: lookup))
    }
    // A fresh verifier per call: no cached signing key, so the four-HMAC derivation runs each time.
    try await measureAsync("sigv4.verify (cold key cache)", iterations: 2000) {
        consume(
            try await SigV4Verifier().verify(
                request, now: BenchRequest.now, expectedService: "cognito-idp", secretForAccessKey: lookup))
    }
}
try await benchSigV4()

// MARK: 2-4. JSON parse, validate, decode, encode

nonisolated func benchTarget() {
    let header = "AWSCognitoIdentityProviderService.DescribeUserPool"
    precondition(AmzTarget(header: header)?.operation == "DescribeUserPool")
    measure("AmzTarget(header:)", iterations: 200_000) { consume(AmzTarget(header: header)) }
}
benchTarget()

let model = try ServiceModel.load("cognito-idp")
let parsed = try JSONValue.parse(describeBody)
precondition(model.validate(operation: "DescribeUserPool", input: parsed) == nil)
measure("json.parse DescribeUserPool", iterations: 20000) { consume(try! JSONValue.parse(describeBody)) }
measure("model.validate DescribeUserPool", iterations: 20000) {
    consume(model.validate(operation: "DescribeUserPool", input: parsed))
}
let describeData = Data(describeBody)
measure("JSONDecoder DescribeUserPoolInput", iterations: 20000) {
    consume(try! JSONDecoder().decode(DescribeUserPoolInput.self, from: describeData))
}

measure("JSONValueDecoder DescribeUserPoolInput", iterations: 20000) {
    consume(try! JSONValueDecoder().decode(DescribeUserPoolInput.self, from: parsed))
}

let pool = UserPoolType.sample
// Decoding a large nested value both ways (the same text; dates as epoch seconds).
let poolText: Data = {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .secondsSince1970
    return try! encoder.encode(pool)
}()
let poolValue = try JSONValue.parse(Array(poolText))
measure("JSONDecoder UserPoolType", iterations: 5000) {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .secondsSince1970
    consume(try! decoder.decode(UserPoolType.self, from: poolText))
}
measure("JSONValue.parse + JSONValueDecoder UserPoolType", iterations: 5000) {
    consume(try! JSONValueDecoder().decode(UserPoolType.self, from: try! JSONValue.parse(Array(poolText))))
}
measure("JSONValue.parse UserPoolType text", iterations: 5000) {
    consume(try! JSONValue.parse(Array(poolText)))
}
measure("JSONValueDecoder UserPoolType", iterations: 5000) {
    consume(try! JSONValueDecoder().decode(UserPoolType.self, from: poolValue))
}
let roundTripped = try JSONValueDecoder().decode(UserPoolType.self, from: poolValue)
precondition(roundTripped == pool)
measure("JSONEncoder UserPoolType", iterations: 5000) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
        var c = encoder.singleValueContainer()
        try c.encode(date.timeIntervalSince1970)
    }
    consume(Array(try! encoder.encode(pool)))
}
measure("AWSJSONEncoder UserPoolType", iterations: 5000) {
    consume(try! AWSJSONEncoder().encode(pool))
}
let streamed = try JSONValue.parse(try AWSJSONEncoder().encode(pool))
let reference: JSONValue = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
        var c = encoder.singleValueContainer()
        try c.encode(date.timeIntervalSince1970)
    }
    return try! JSONValue.parse(Array(try! encoder.encode(pool)))
}()
precondition(streamed == reference, "AWSJSONEncoder and JSONEncoder disagree")

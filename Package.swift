// swift-tools-version:6.2
// Atelier: a self-hosted, secure machine-learning studio. See README.md and ../shared/DESIGN.md.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Developer convenience on small machines: `ATELIER_SLICE=ml swift test` (or `tuning`, `server`)
/// builds and tests only that slice's targets. CI and users build everything.
let slices: [String: Set<String>] = [
    "ml": ["CBLAS", "Tensor", "NeuralNet", "FastText", "TensorTests", "NeuralNetTests", "FastTextTests", "TensorBench"],
    "tuning": ["Runtime", "Tuning", "RuntimeTests", "TuningTests"],
    "identity": ["Policy", "Storage", "Identity", "PolicyTests", "StorageTests", "IdentityTests"],
    "awswire": ["AWSWire", "AWSWireTests", "atelier-bench-awswire"],
    "server": [
        "Policy", "Storage", "AWSWire", "Identity", "Gateway", "PolicyTests", "StorageTests", "AWSWireTests",
        "IdentityTests", "GatewayTests", "EndToEndTests",
    ],
]
let slice = Context.environment["ATELIER_SLICE"].flatMap { slices[$0] }

let package = Package(
    name: "atelier",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "atelier", targets: ["atelier"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // MARK: executable (thin: flags only, each command calls a library function)
        .executableTarget(
            name: "atelier",
            dependencies: [
                "Gateway", "FastText", "Tuning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "atelier-bench-ceiling",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Benchmarks/Ceiling",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "atelier-bench-awswire",
            dependencies: ["AWSWire"],
            path: "Benchmarks/AWSWireBench",
            swiftSettings: swiftSettings
        ),

        // MARK: server side
        .target(name: "Policy", swiftSettings: swiftSettings),
        .target(
            name: "Storage",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AWSWire",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Models")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Identity",
            dependencies: [
                "Storage", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Gateway",
            dependencies: [
                "AWSWire", "Identity", "Policy", "Storage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: machine learning (never imports the server targets)
        // Headers only (cblas.h from libopenblas-dev): no pkgConfig/link, because linking would load OpenBLAS
        // before `main` and freeze its kernel choice. Tensor/BLAS.swift dlopens it after choosing the kernel.
        .systemLibrary(name: "CBLAS"),
        .target(name: "Tensor", dependencies: ["CBLAS"], swiftSettings: swiftSettings),
        .target(name: "NeuralNet", dependencies: ["Tensor"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "TensorBench", dependencies: ["Tensor", "NeuralNet"], path: "Benchmarks/TensorBench",
            swiftSettings: swiftSettings
        ),
        .target(name: "FastText", swiftSettings: swiftSettings),

        // MARK: hyperparameter optimisation
        .target(
            name: "Runtime",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Tuning",
            dependencies: ["Runtime", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),

        // MARK: tests (one target per library target; live end-to-end tests apart)
        .testTarget(name: "PolicyTests", dependencies: ["Policy"], swiftSettings: swiftSettings),
        .testTarget(name: "StorageTests", dependencies: ["Storage"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AWSWireTests", dependencies: ["AWSWire"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(name: "IdentityTests", dependencies: ["Identity", "Storage"], swiftSettings: swiftSettings),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway", "Identity", "Policy", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["Gateway"], exclude: ["Scripts"], swiftSettings: swiftSettings),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(name: "FastTextTests", dependencies: ["FastText"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime"], swiftSettings: swiftSettings),
        .testTarget(name: "TuningTests", dependencies: ["Tuning"], exclude: ["Scripts"], swiftSettings: swiftSettings),
    ]
)

if let slice {
    package.targets = package.targets.filter { slice.contains($0.name) }
    package.products = []
}

// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Candor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "candor", targets: ["candor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.32.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.0"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/vapor/async-kit.git", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
    ],
    targets: [
        // The domain: pure Swift, no I/O.
        .target(
            name: "CandorCore",
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CandorStore",
            dependencies: [
                "CandorCore", "CandorDialer", "CandorSpeech",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CandorDialer",
            dependencies: ["CandorCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CandorSpeech",
            dependencies: ["CandorCore"],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CandorServer",
            dependencies: [
                "CandorCore", "CandorStore", "CandorDialer", "CandorSpeech",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "candor",
            dependencies: [
                "CandorCore", "CandorStore", "CandorServer", "CandorDialer", "CandorSpeech",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "CandorCoreTests", dependencies: ["CandorCore"], swiftSettings: swiftSettings),
        .testTarget(name: "CandorStoreTests", dependencies: ["CandorStore", "CandorCore", "CandorDialer", "CandorSpeech"], swiftSettings: swiftSettings),
        .testTarget(name: "CandorDialerTests", dependencies: ["CandorDialer", "CandorCore"], swiftSettings: swiftSettings),
        .testTarget(name: "CandorSpeechTests", dependencies: ["CandorSpeech", "CandorCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "CandorServerTests",
            dependencies: [
                "CandorServer", "CandorStore", "CandorCore", "CandorSpeech",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

var swiftSettings: [SwiftSetting] { [] }

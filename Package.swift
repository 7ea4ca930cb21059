// swift-tools-version:6.2
import Foundation
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "roundtable",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "roundtable", targets: ["roundtable"]),
        .executable(name: "roundtable-bench", targets: ["roundtable-bench"]),
        .library(name: "TransparencyLog", targets: ["TransparencyLog"]),
        .library(name: "RoundtableJSON", targets: ["RoundtableJSON"]),
        .library(name: "RoundtableDomain", targets: ["RoundtableDomain"]),
        .library(name: "RoundtableExchange", targets: ["RoundtableExchange"]),
        .library(name: "RoundtableStorageSQLite", targets: ["RoundtableStorageSQLite"]),
        .library(name: "RoundtableStoragePostgres", targets: ["RoundtableStoragePostgres"]),
        .library(name: "RoundtableWeb", targets: ["RoundtableWeb"]),
        .library(name: "RoundtableAPI", targets: ["RoundtableAPI"]),
        .library(name: "RoundtableNode", targets: ["RoundtableNode"]),
        .library(name: "RoundtableServer", targets: ["RoundtableServer"]),
        .library(name: "RoundtableClient", targets: ["RoundtableClient"]),
        .library(name: "RoundtableDataDirectory", targets: ["RoundtableDataDirectory"]),
        .library(name: "RoundtableWitness", targets: ["RoundtableWitness"]),
        .library(name: "RoundtableDelivery", targets: ["RoundtableDelivery"]),
        .library(name: "RoundtableTestSupport", targets: ["RoundtableTestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .target(
            name: "TransparencyLog",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RoundtableJSON",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RoundtableDomain",
            dependencies: ["RoundtableJSON", "TransparencyLog", .product(name: "HashTreeCollections", package: "swift-collections")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RoundtableExchange",
            dependencies: ["RoundtableDomain", "RoundtableJSON", "TransparencyLog", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RoundtableStorageSQLite",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),"RoundtableDomain", "TransparencyLog", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RoundtableStoragePostgres",
            dependencies: [
                "RoundtableDomain", "TransparencyLog", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RoundtableWeb",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),"RoundtableDomain", "RoundtableExchange", "TransparencyLog", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
            ],
            resources: [.copy("Templates"), .copy("Strings"), .copy("Assets")],
            swiftSettings: swiftSettings,
            // CLDR plural rules come from the ICU that Foundation ships on Linux.
            linkerSettings: [.linkedLibrary("_FoundationICU", .when(platforms: [.linux]))]
        ),
        .target(
            name: "RoundtableAPI",
            resources: [.copy("openapi.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RoundtableNode",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),
                "RoundtableDomain",
                "RoundtableExchange",
                "RoundtableJSON",
                "TransparencyLog",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RoundtableServer",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),
                "RoundtableAPI",
                "RoundtableDelivery",
                "RoundtableDomain",
                "RoundtableExchange",
                "RoundtableJSON",
                "RoundtableNode",
                "RoundtableWeb",
                "TransparencyLog",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RoundtableClient",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),
                "RoundtableAPI",
                "RoundtableDomain",
                "TransparencyLog",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RoundtableDataDirectory",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),"RoundtableClient", "RoundtableStorageSQLite", "TransparencyLog"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RoundtableWitness",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),
                "RoundtableDomain",
                "RoundtableStorageSQLite",
                "TransparencyLog",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RoundtableDelivery",
            dependencies: [
                "TransparencyLog",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "roundtable",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),
                "RoundtableAPI",
                "RoundtableClient",
                "RoundtableDelivery",
                "RoundtableDataDirectory",
                "RoundtableNode",
                "RoundtableServer",
                "RoundtableStoragePostgres",
                "RoundtableStorageSQLite",
                "RoundtableWitness",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "roundtable-bench",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),
                "RoundtableDelivery",
                "RoundtableAPI",
                "RoundtableClient",
                "RoundtableDataDirectory",
                "RoundtableNode",
                "RoundtableServer",
                "RoundtableStorageSQLite",
                "RoundtableWitness",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CompressNIO", package: "compress-nio"),
                "RoundtableStoragePostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RoundtableTestSupport",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"), "RoundtableDomain", "RoundtableNode", "RoundtableStoragePostgres",
                "TransparencyLog", .product(name: "Logging", package: "swift-log"), .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TransparencyLogTests",
            dependencies: ["TransparencyLog"],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RoundtableAPITests",
            dependencies: ["RoundtableAPI"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RoundtableDomainTests",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),"RoundtableDomain", "RoundtableTestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RoundtableExchangeTests",
            dependencies: ["RoundtableExchange", "RoundtableDomain", "RoundtableJSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RoundtableStorageSQLiteTests",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),
                "RoundtableStorageSQLite", "RoundtableNode", "RoundtableTestSupport", "TransparencyLog",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RoundtableStoragePostgresTests",
            dependencies: [
                "RoundtableStoragePostgres", "RoundtableDomain", "RoundtableTestSupport", "TransparencyLog",
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RoundtableWebTests",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),"RoundtableWeb", "RoundtableDomain", "RoundtableTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RoundtableServerTests",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),
                "RoundtableAPI",
                "RoundtableNode",
                "RoundtableServer",
                "RoundtableStorageSQLite",
                "RoundtableTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RoundtableWitnessTests",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),
                "RoundtableClient",
                "RoundtableDomain",
                "RoundtableNode",
                "RoundtableServer",
                "RoundtableTestSupport",
                "RoundtableWitness",
                "TransparencyLog",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RoundtableDeliveryTests",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),
                "RoundtableDelivery",
                "RoundtableDomain",
                "RoundtableNode",
                "RoundtableServer",
                "RoundtableTestSupport",
                "TransparencyLog",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "roundtableTests",
            dependencies: [
                .product(name: "HashTreeCollections", package: "swift-collections"),
                "roundtable",
                "RoundtableAPI",
                "RoundtableClient",
                "RoundtableDataDirectory",
                "RoundtableDomain",
                "RoundtableNode",
                "RoundtableServer",
                "RoundtableStorageSQLite",
                "RoundtableTestSupport",
                "RoundtableWitness",
                "TransparencyLog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

// The libFuzzer targets (Fuzz/), built only when ROUNDTABLE_FUZZ is set, with the fuzzer and address sanitizers
// (scripts/fuzz.sh): the normal build does not know them.
if ProcessInfo.processInfo.environment["ROUNDTABLE_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/FuzzDriver", swiftSettings: swiftSettings))
    let fuzzTargets: [(name: String, dependencies: [String])] = [
        ("FuzzSignedNote", ["TransparencyLog"]), ("FuzzAct", ["RoundtableDomain"]), ("FuzzJSON", ["RoundtableJSON"]),
        ("FuzzSTIX", ["RoundtableExchange", "RoundtableJSON"]), ("FuzzPageCursor", ["RoundtableExchange"]),
        ("FuzzTilePath", ["TransparencyLog"]), ("FuzzCheckpoint", ["TransparencyLog"]), ("FuzzCosignature", ["TransparencyLog"]),
        ("FuzzReceipt", ["TransparencyLog"]), ("FuzzMerkleProof", ["TransparencyLog"]), ("FuzzFounders", ["RoundtableDomain"]),
        ("FuzzMarkdown", ["RoundtableWeb"]),
    ]
    for (name, dependencies) in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: name, dependencies: dependencies.map { .target(name: $0) } + ["FuzzDriver"], path: "Fuzz/\(name)",
                swiftSettings: swiftSettings))
    }
}

// swift-tools-version:6.2
import PackageDescription

/// Full cross-module optimization for our library modules in release: the jobs call the drain, the HTTP client and
/// the database layer across module boundaries on every item, and unspecialized generics there showed in the profile.
let crossModule: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "cronjobs",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cronjob", targets: ["cronjob"]),
        .executable(name: "provider-sandbox", targets: ["provider-sandbox"]),
        .executable(name: "aws-emulator", targets: ["aws-emulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // UnixSignals only (no ServiceGroup): turns SIGTERM/SIGINT into an async sequence for the drain.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // The provider sandbox must sustain >20k req/s on loopback; the cronjob binary never links it.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already in the graph through hummingbird; the sandbox serves requests from a plain NIO HTTP/1.1 pipeline.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        // The default outbound transport: URLSession (libcurl) spent ~570 us CPU per request and held the
        // notification drain far below the database's floor (benchmarks/RESULTS.md).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // TLS for the default outbound transport (NIOHTTP1Transport); already in the graph through async-http-client.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // HMAC-SHA256 and SHA-256 for SigV4 (no Swift AWS SDK resolves here); already in the graph through
        // swift-certificates, and only the mirrored 3.12.3 and 4.5.2 resolve.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // The one redaction core (SecretText), below every module that prints errors or logs.
        .target(name: "Secrets", swiftSettings: crossModule),
        .target(
            name: "Postgres",
            dependencies: ["CLibPQ", "Secrets"],
            swiftSettings: crossModule
        ),
        // The one duration grammar, the one time grammar and the one JSON string escaper, shared by every module.
        .target(name: "Grammar", swiftSettings: crossModule),
        // The outbound HTTP client: transports, retries, redaction. Beside Postgres, below Runner; never imports Runner.
        .target(
            name: "HTTP",
            dependencies: [
                "Grammar", "Secrets",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: crossModule
        ),
        .target(
            name: "Runner",
            dependencies: [
                "Postgres", "Grammar", "HTTP", "Secrets",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: crossModule
        ),
        .target(
            name: "Schedules",
            dependencies: ["Grammar", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Jobs",
            dependencies: [
                "Runner", "Postgres", "HTTP", "Grammar",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "jobs",
            exclude: ["Providers/README.md"]
        ),
        // Demo and benchmark data for the example schema (`cronjob seed`); not a job.
        .target(name: "Seed", dependencies: ["Jobs", "Postgres", "Grammar"]),
        // Our own small AWS client: SigV4, the SDKs' credential chain, awsJson1_1 for ECS and CloudWatch Logs.
        .target(
            name: "AWS",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "cronjob",
            dependencies: [
                "Runner", "Jobs", "Seed", "Schedules", "Postgres", "Grammar", "AWS", "HTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "provider-sandbox",
            dependencies: [
                "Grammar",
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Local ECS + CloudWatch Logs for the invoke tests: checks SigV4, runs tasks as local cronjob processes.
        .executableTarget(
            name: "aws-emulator",
            dependencies: [
                "AWS",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "Postgres",
                // ScriptedHTTPServer: a loopback server that redirects, stalls and oversends on purpose.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // ScriptedHTTPServer over TLS, for the default transport's certificate checks.
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        // Swift values of the four jobs and two environments, shared by the compile and AWS tests.
        .target(name: "CompileFixtures", dependencies: ["Schedules"], path: "Tests/CompileFixtures"),
        .testTarget(
            name: "SchedulesTests", dependencies: ["Schedules", "TestSupport", "CompileFixtures"],
            resources: [.copy("Golden")]
        ),
        // cfn-lint, the AWS CLI and a moto server (started by scripts/test.sh) against the compiled output.
        .testTarget(name: "AWSTests", dependencies: ["Schedules", "TestSupport", "CompileFixtures"], exclude: ["Fixtures"]),
        .testTarget(
            name: "RunnerTests",
            dependencies: ["Runner", "Grammar", "Postgres", "TestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "HTTPTests",
            dependencies: [
                "HTTP", "Runner", "Jobs", "Grammar", "TestSupport", .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "JobsTests", dependencies: ["Jobs", "Seed", "Runner", "HTTP", "Postgres", "TestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "CLITests", dependencies: ["Postgres", "Runner", "TestSupport"]),
        // The AWS client (SigV4 vectors, credential chain) and `cronjob invoke` against the aws-emulator.
        .testTarget(name: "InvokeTests", dependencies: ["AWS", "Postgres", "TestSupport"]),
        // The Query protocol (form encoding, XML answers) and `cronjob diff`/`deploy` against the moto server.
        .testTarget(name: "DeployTests", dependencies: ["AWS", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

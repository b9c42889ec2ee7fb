// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "AITrader",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "aitrader", targets: ["aitrader"]),
    .library(name: "TradingCore", targets: ["TradingCore"]),
    .library(name: "Messaging", targets: ["Messaging"]),
    .library(name: "Persistence", targets: ["Persistence"]),
    .library(name: "Broker", targets: ["Broker"]),
    .library(name: "Inference", targets: ["Inference"]),
    .library(name: "Sentiment", targets: ["Sentiment"]),
    .library(name: "Services", targets: ["Services"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
    .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
    .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
    .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
  ],
  targets: [
    .target(
      name: "TradingCore",
      dependencies: [.product(name: "RealModule", package: "swift-numerics")]
    ),
    .target(
      name: "Messaging",
      dependencies: [
        "TradingCore",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .target(
      name: "Persistence",
      dependencies: [
        "TradingCore",
        .product(name: "SQLKit", package: "sql-kit"),
        .product(name: "SQLiteKit", package: "sqlite-kit"),
        .product(name: "PostgresKit", package: "postgres-kit"),
      ]
    ),
    .target(
      name: "Broker",
      dependencies: ["TradingCore", .product(name: "MCP", package: "swift-sdk")]
    ),
    .target(
      name: "COnnxRuntime",
      linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
    ),
    .target(
      name: "Inference",
      dependencies: ["TradingCore", "COnnxRuntime"]
    ),
    .target(
      name: "Sentiment",
      dependencies: ["TradingCore", "Inference"],
      path: "Sources/Sentiment"
    ),
    .target(
      name: "Services",
      dependencies: [
        "TradingCore", "Messaging", "Persistence", "Broker", "Inference", "Sentiment",
        .product(name: "MCP", package: "swift-sdk"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "Configuration", package: "swift-configuration"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]
    ),
    .executableTarget(
      name: "aitrader",
      dependencies: [
        "TradingCore", "Services", "Persistence",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "TradingCoreBenchmarks",
      dependencies: [
        "TradingCore",
        .product(name: "Histogram", package: "hdrhistogram-swift"),
      ],
      path: "Benchmarks/TradingCoreBenchmarks"
    ),
    .target(
      name: "BenchmarkSupport",
      path: "Benchmarks/BenchmarkSupport"
    ),
    .executableTarget(
      name: "InferenceBenchmarks",
      dependencies: ["Inference", "BenchmarkSupport"],
      path: "Benchmarks/InferenceBenchmarks"
    ),
    .executableTarget(
      name: "MessagingBenchmarks",
      dependencies: ["Messaging", "TradingCore", "BenchmarkSupport"],
      path: "Benchmarks/MessagingBenchmarks"
    ),
    .executableTarget(
      name: "SentimentBenchmarks",
      dependencies: ["Sentiment", "Inference", "BenchmarkSupport"],
      path: "Benchmarks/SentimentBenchmarks"
    ),
    .testTarget(
      name: "TradingCoreTests",
      dependencies: ["TradingCore"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "MessagingTests",
      dependencies: ["Messaging", "TradingCore", "TestServers"]
    ),
    // Servers of a test's own (PostgreSQL, Redis), for the tests that stop and start one.
    .target(
      name: "TestServers", dependencies: ["Messaging"],
      path: "Tests/TestServers"),
    .testTarget(
      name: "PersistenceTests",
      dependencies: ["Persistence", "TradingCore", "TestServers", .product(name: "SQLKit", package: "sql-kit")]
    ),
    .testTarget(
      name: "BrokerTests",
      dependencies: [
        "Broker", "TradingCore", .product(name: "MCP", package: "swift-sdk"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .testTarget(
      name: "InferenceTests",
      dependencies: ["Inference", "TradingCore"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "SentimentTests",
      dependencies: ["Sentiment", "Inference", "TradingCore"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "ServicesTests",
      dependencies: [
        "Services", "TradingCore", "Messaging", "Persistence", "Broker", "Inference", "Sentiment", "TestServers",
        .product(name: "MCP", package: "swift-sdk"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)

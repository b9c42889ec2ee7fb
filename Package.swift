// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "AITrader",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "aitrader", targets: ["aitrader"]),
    .library(name: "TradingCore", targets: ["TradingCore"]),
    .library(name: "Messaging", targets: ["Messaging"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
  ],
  targets: [
    .target(
      name: "TradingCore",
      dependencies: [.product(name: "RealModule", package: "swift-numerics")]
    ),
    .target(
      name: "Messaging",
      dependencies: ["TradingCore"]
    ),
    .executableTarget(
      name: "aitrader",
      dependencies: [
        "TradingCore",
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
    .testTarget(
      name: "TradingCoreTests",
      dependencies: ["TradingCore"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "MessagingTests",
      dependencies: ["Messaging", "TradingCore"]
    ),
  ],
  swiftLanguageModes: [.v6]
)

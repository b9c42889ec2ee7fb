import Foundation
import Testing

@testable import TradingCore

/// One backtesting.py run written by `scripts/make_stats_fixtures.py`: its inputs to
/// `compute_stats` and the stats table it printed.
struct StatsFixture: Decodable {
  static let names = [
    "goog_smacross", "eurusd_smacross", "btcusd_monthly", "goog_weekly", "goog_calendar_days", "goog_one_trade",
    "goog_no_trades",
  ]

  let name: String
  let description: String
  /// Unix seconds.
  let timestamps: [Int64]
  let closes: [Double]
  let equity: [Double]
  let firstTradingBar: Int
  let trades: Trades
  let stats: [Entry]

  /// The `_trades` columns the statistics use.
  struct Trades: Decodable {
    let entryBar: [Int]
    let exitBar: [Int]
    let size: [Double]
    let entryPrice: [Double]
    let exitPrice: [Double]
    let pnl: [Double]
    let returnPct: [Double]
    let commission: [Double]

    enum CodingKeys: String, CodingKey {
      case entryBar = "EntryBar", exitBar = "ExitBar", size = "Size", entryPrice = "EntryPrice"
      case exitPrice = "ExitPrice", pnl = "PnL", returnPct = "ReturnPct", commission = "Commission"
    }
  }

  /// One row of the peer's table: `["Sharpe Ratio", {"number": "0.6007…"}]`.
  struct Entry: Decodable {
    let label: String
    let value: Value

    init(from decoder: any Decoder) throws {
      var row = try decoder.unkeyedContainer()
      label = try row.decode(String.self)
      value = try row.decode(Value.self)
    }
  }

  /// A stats value: a time or span in nanoseconds, a count, or a float (`repr`, so `nan` survives).
  enum Value: Decodable {
    case timestamp(Int64)
    case duration(Int64)
    case count(Int)
    case number(Double)

    private enum Kind: String, CodingKey { case timestamp, duration, count, number }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: Kind.self)
      if let nanoseconds = try container.decodeIfPresent(Int64.self, forKey: .timestamp) {
        self = .timestamp(nanoseconds)
      } else if let nanoseconds = try container.decodeIfPresent(Int64.self, forKey: .duration) {
        self = .duration(nanoseconds)
      } else if let count = try container.decodeIfPresent(Int.self, forKey: .count) {
        self = .count(count)
      } else {
        let text = try container.decode(String.self, forKey: .number)
        guard let number = Double(text) else {
          throw DecodingError.dataCorruptedError(forKey: .number, in: container, debugDescription: text)
        }
        self = .number(number)
      }
    }
  }

  static func load(_ name: String) throws -> StatsFixture {
    let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/stats/\(name).json")
    return try JSONDecoder().decode(StatsFixture.self, from: Data(contentsOf: url))
  }

  var barTimestamps: [Timestamp] { timestamps.map { Timestamp(secondsSinceEpoch: $0) } }

  var tradeRecords: [TradeRecord] {
    trades.entryBar.indices.map { index in
      TradeRecord(
        entryBar: trades.entryBar[index], exitBar: trades.exitBar[index], size: trades.size[index],
        entryPrice: trades.entryPrice[index], exitPrice: trades.exitPrice[index], pnl: trades.pnl[index],
        returnFraction: trades.returnPct[index], commission: trades.commission[index])
    }
  }

  func computeStatistics() -> BacktestStatistics {
    BacktestStatistics(
      timestamps: barTimestamps, equity: equity, closes: closes, trades: tradeRecords, firstTradingBar: firstTradingBar)
  }
}

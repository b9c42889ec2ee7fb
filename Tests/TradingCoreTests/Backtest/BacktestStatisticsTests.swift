import Testing

@testable import TradingCore

@Suite struct BacktestStatisticsTests {
  private func day(_ index: Int) -> Timestamp {
    CivilDateTime(year: 2024, month: 1, day: 1).timestamp.adding(
      nanoseconds: Int64(index) * Timestamp.nanosecondsPerDay)
  }

  @Test func sumsInNumPysPairwiseOrder() {
    // numpy 2.4: np.sum(np.full(1000, 0.1)) and np.sum(1 / np.arange(1, 301)); a left-to-right
    // loop gives 99.9999999999986 and 6.282663880299502.
    #expect(PeerReductions.numpySum([Double](repeating: 0.1, count: 1000)) == 100.00000000000001)
    #expect(PeerReductions.numpySum((1...300).map { 1 / Double($0) }) == 6.282663880299504)
    #expect(PeerReductions.numpySum([1, .nan]).isNaN)
    #expect(PeerReductions.pandasSum([1, .nan, 2]) == 3)
  }

  @Test func geometricMeanFollowsThePeersSpecialCases() {
    #expect(PeerReductions.geometricMean([0.1, -0.1]) == (1.1 * 0.9).squareRoot() - 1)
    #expect(PeerReductions.geometricMean([0.5, -1]) == 0)
    #expect(PeerReductions.geometricMean([Double]()).isNaN)
  }

  @Test func annualTradingDaysFollowTheBarSpacing() {
    let weekdays = (0..<300).map(day).filter { DataPeriod.weekday($0) < 5 }
    #expect(DataPeriod(timestamps: weekdays).annualTradingDays == 252)
    #expect(DataPeriod(timestamps: (0..<300).map(day)).annualTradingDays == 365)
    let weekly = DataPeriod(timestamps: (0..<60).map { day($0 * 7) })
    #expect((weekly.annualTradingDays, weekly.samplingFrequency) == (52, .week))
    let hourly = DataPeriod(timestamps: (0..<50).map { day(0).adding(seconds: Int64($0) * 3600) })
    #expect(hourly.resolution == 3_600_000_000_000)
  }

  @Test func weeksRunMondayThroughSunday() {
    let period = DataPeriod(timestamps: (0..<60).map { day($0 * 7) })
    // 2024-01-01 was a Monday.
    #expect(period.samplingPeriod(of: day(0)) == period.samplingPeriod(of: day(6)))
    #expect(period.samplingPeriod(of: day(6)) + 1 == period.samplingPeriod(of: day(7)))
  }

  @Test func drawdownsByHand() {
    // Peaks at bars 0, 3 and 5; periods 0→3 (deepest 20 %) and 3→5 (deepest 25 %), and 5→6 (one bar)
    // ending at the last bar, which holds no bar between its ends and so does not count.
    let equity: [Double] = [100, 80, 90, 120, 90, 120, 110]
    let drawdowns = DrawdownStatistics(equity: equity, timestamps: (0..<7).map(day))
    #expect(drawdowns.maximum == 0.25)
    #expect(drawdowns.averagePeak == ((1 - 80.0 / 100) + 0.25) / 2)
    #expect(drawdowns.longestDuration == ElapsedTime(nanoseconds: 3 * Timestamp.nanosecondsPerDay))
    #expect(drawdowns.averageDuration == ElapsedTime(nanoseconds: 5 * Timestamp.nanosecondsPerDay / 2))
  }

  @Test func durationsRoundUpToTheBarResolution() {
    let timestamps = (0..<30).map(day)
    let equity: [Double] = (0..<30).map { $0 == 10 ? 90 : 100 }
    let trades = [
      TradeRecord(
        entryBar: 1, exitBar: 3, size: 1, entryPrice: 10, exitPrice: 11, pnl: 1, returnFraction: 0.1, commission: 0),
      TradeRecord(
        entryBar: 4, exitBar: 5, size: -1, entryPrice: 11, exitPrice: 12, pnl: -1, returnFraction: -0.09,
        commission: 0),
    ]
    let statistics = BacktestStatistics(
      timestamps: timestamps, equity: equity, closes: [Double](repeating: 10, count: 30), trades: trades,
      firstTradingBar: 0)
    // Mean trade duration 1.5 days rounds up to 2.
    #expect(statistics.averageTradeDuration == ElapsedTime(nanoseconds: 2 * Timestamp.nanosecondsPerDay))
    #expect(statistics.maxTradeDuration == ElapsedTime(nanoseconds: 2 * Timestamp.nanosecondsPerDay))
    #expect(statistics.exposurePct == 5.0 / 30.0 * 100)
    #expect(statistics.winRatePct == 50)
  }

  @Test func singleBarGivesNaNRatiosRatherThanACrash() {
    let statistics = BacktestStatistics(
      timestamps: [day(0)], equity: [10_000], closes: [100], trades: [], firstTradingBar: 0)
    #expect(statistics.duration == ElapsedTime(nanoseconds: 0))
    #expect(statistics.returnPct == 0)
    #expect(statistics.annualizedReturnPct.isNaN && statistics.sharpe.isNaN && statistics.cagrPct.isNaN)
    #expect(statistics.beta.isNaN && statistics.maxDrawdownDuration == nil && statistics.trades == 0)
  }

  @Test func formatsAsPandasPrints() {
    #expect(BacktestStatistics.format(0.600739972986, decimals: 5) == "0.60074")
    #expect(BacktestStatistics.format(10_000, decimals: 5) == "10000.0")
    #expect(BacktestStatistics.format(245.73450269, decimals: 5) == "245.7345")
    #expect(BacktestStatistics.format(-0.0, decimals: 5) == "-0.0")
    #expect(BacktestStatistics.format(-33.931591829, decimals: 5) == "-33.93159")
    #expect(BacktestStatistics.format(.nan, decimals: 5) == "--")
    #expect(BacktestStatistics.format(day(0)) == "2024-01-01 00:00:00")
    #expect(BacktestStatistics.format(day(0).adding(nanoseconds: 1_500)) == "2024-01-01 00:00:00.000001500")
    #expect(ElapsedTime(nanoseconds: 3116 * Timestamp.nanosecondsPerDay).description == "3116 days 00:00:00")
    #expect(ElapsedTime(nanoseconds: -3_600_000_000_000).description == "-1 days +23:00:00")
    #expect(ElapsedTime(nanoseconds: 500_000_000).description == "0 days 00:00:00.500000")
  }

  @Test func tableAlignsLabelsLeftAndValuesRight() throws {
    let table = try StatsFixture.load("goog_smacross").computeStatistics().formattedTable()
    let lines = table.split(separator: "\n").map(String.init)
    #expect(lines.count == 32)
    #expect(Set(lines.map(\.count)).count == 1)
    #expect(lines.first?.hasPrefix("Start ") == true && lines.first?.hasSuffix(" 2004-08-19 00:00:00") == true)
    let sharpe = try #require(lines.first { $0.hasPrefix("Sharpe Ratio") })
    #expect(sharpe.hasSuffix(" 0.60074"))
    let longestDrawdown = try #require(lines.first { $0.hasPrefix("Max. Drawdown Duration") })
    #expect(longestDrawdown.hasSuffix(" 830 days 00:00:00"))
  }
}

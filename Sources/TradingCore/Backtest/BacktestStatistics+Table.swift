extension BacktestStatistics {
  /// The figures as backtesting.py prints them: its labels, in its order, values formatted as
  /// pandas shows them (`2004-08-19 00:00:00`, `3116 days 00:00:00`, numbers to `decimals`
  /// places with trailing zeros dropped, `--` for NaN).
  ///
  /// The commissions row is left out when they total zero, as the peer leaves it out.
  public func tableRows(decimals: Int = 5) -> [(label: String, value: String)] {
    let number = { (value: Double) in BacktestStatistics.format(value, decimals: decimals) }
    let elapsed = { (value: ElapsedTime?) in value?.description ?? "--" }
    var rows: [(label: String, value: String)] = [
      ("Start", BacktestStatistics.format(start)),
      ("End", BacktestStatistics.format(end)),
      ("Duration", duration.description),
      ("Exposure Time [%]", number(exposurePct)),
      ("Equity Final [$]", number(equityFinal)),
      ("Equity Peak [$]", number(equityPeak)),
    ]
    if commissions != 0 { rows.append(("Commissions [$]", number(commissions))) }
    rows += [
      ("Return [%]", number(returnPct)),
      ("Buy & Hold Return [%]", number(buyAndHoldReturnPct)),
      ("Return (Ann.) [%]", number(annualizedReturnPct)),
      ("Volatility (Ann.) [%]", number(annualizedVolatilityPct)),
      ("CAGR [%]", number(cagrPct)),
      ("Sharpe Ratio", number(sharpe)),
      ("Sortino Ratio", number(sortino)),
      ("Calmar Ratio", number(calmar)),
      ("Alpha [%]", number(alphaPct)),
      ("Beta", number(beta)),
      ("Max. Drawdown [%]", number(maxDrawdownPct)),
      ("Avg. Drawdown [%]", number(averageDrawdownPct)),
      ("Max. Drawdown Duration", elapsed(maxDrawdownDuration)),
      ("Avg. Drawdown Duration", elapsed(averageDrawdownDuration)),
      ("# Trades", String(trades)),
      ("Win Rate [%]", number(winRatePct)),
      ("Best Trade [%]", number(bestTradePct)),
      ("Worst Trade [%]", number(worstTradePct)),
      ("Avg. Trade [%]", number(averageTradePct)),
      ("Max. Trade Duration", elapsed(maxTradeDuration)),
      ("Avg. Trade Duration", elapsed(averageTradeDuration)),
      ("Profit Factor", number(profitFactor)),
      ("Expectancy [%]", number(expectancyPct)),
      ("SQN", number(sqn)),
      ("Kelly Criterion", number(kellyCriterion)),
    ]
    return rows
  }

  /// The rows as a two-column table: labels left-aligned, values right-aligned, one row a line.
  public func formattedTable(decimals: Int = 5) -> String {
    let rows = tableRows(decimals: decimals)
    let labelWidth = rows.map(\.label.count).max() ?? 0
    let valueWidth = rows.map(\.value.count).max() ?? 0
    return rows.map { row in
      row.label + String(repeating: " ", count: labelWidth - row.label.count + 2)
        + String(repeating: " ", count: valueWidth - row.value.count) + row.value
    }.joined(separator: "\n")
  }

  /// `value` to `decimals` places with trailing zeros dropped but one kept (`10000.0`,
  /// `0.60074`), as pandas prints floats at `display.precision`.
  static func format(_ value: Double, decimals: Int) -> String {
    precondition((1...15).contains(decimals), "decimals must be 1…15")
    if value.isNaN { return "--" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    var power = 1.0
    for _ in 0..<decimals { power *= 10 }
    let scaled = (value.magnitude * power).rounded(.toNearestOrEven)
    // Beyond 2^53 the scaled value has no exact integer digits to print; Swift's shortest form does.
    guard scaled < 9_007_199_254_740_992 else { return "\(value)" }
    let units = UInt64(scaled)
    let whole = units / UInt64(power)
    var fraction = String(units % UInt64(power))
    fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
    while fraction.count > 1, fraction.hasSuffix("0") { fraction.removeLast() }
    return (value.sign == .minus ? "-" : "") + "\(whole).\(fraction)"
  }

  /// pandas' `str(Timestamp)`: `2004-08-19 00:00:00`, with `.ffffff` or `.fffffffff` when present.
  static func format(_ timestamp: Timestamp) -> String {
    var text = String(timestamp.iso8601.dropLast())  // drop the "Z"
    if let separator = text.firstIndex(of: "T") { text.replaceSubrange(separator...separator, with: " ") }
    guard let point = text.firstIndex(of: ".") else { return text }
    let digits = text[text.index(after: point)...]
    let width = digits.count <= 6 ? 6 : 9
    return text + String(repeating: "0", count: width - digits.count)
  }
}

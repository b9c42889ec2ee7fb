import TradingCore

/// The API reads the live account from the pipeline's portfolio service.
extension PortfolioService: PortfolioReading {
  public nonisolated func positionViews() async -> [PositionView] {
    let (state, marks, _) = valuation
    return state.positions.values.filter { !$0.isFlat }.sorted { $0.symbol < $1.symbol }.map { position in
      let mark = marks[position.symbol]
      return PositionView(
        symbol: position.symbol, quantity: position.quantity, averagePrice: position.averageEntryPrice,
        marketPrice: mark, unrealizedPnL: mark.map { position.unrealizedPnL(mark: $0) },
        realizedPnL: position.realizedPnL)
    }
  }

  public nonisolated func portfolioView() async -> PortfolioView {
    let (portfolio, marks, asOf) = valuation
    return PortfolioView(portfolio: portfolio, marks: marks, at: asOf)
  }
}

/// The pipeline's counters and latencies go to Prometheus.
extension AITraderMetrics: PipelineMetrics {
  public func tickProcessed() { recordTick() }
  public func tickRejected(reason: String) { recordRejectedTick(reason: reason) }
  public func signalEmitted() { recordSignal() }
  public func orderDecided(side: Side, latencySeconds: Double) {
    recordOrder(side: side)
    recordSignalToOrder(seconds: latencySeconds)
  }
  public func fillBooked() { recordFill() }
  public func tickToDecision(seconds: Double) { recordTickToDecision(seconds: seconds) }
}

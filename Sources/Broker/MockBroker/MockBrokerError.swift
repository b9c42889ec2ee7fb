/// Why the mock broker refused a tool call; the message is what the caller sees.
public enum MockBrokerError: Error, Sendable, Hashable, CustomStringConvertible {
  /// An argument is missing, of the wrong type or out of range.
  case invalidArgument(String)
  /// No such symbol is traded here.
  case unknownSymbol(String, known: [String])
  /// No order has this id (broker or client).
  case unknownOrder(String)
  /// The order cannot be cancelled: it is no longer open.
  case notOpen(String, status: String)
  /// The change happened but could not be written to the broker's journal.
  case storage(String)

  public var description: String {
    switch self {
    case .invalidArgument(let message): message
    case .unknownSymbol(let symbol, let known):
      "unknown symbol '\(symbol)': this broker trades \(known.joined(separator: ", "))"
    case .unknownOrder(let id): "no order has id '\(id)' (broker order_id or client_order_id)"
    case .notOpen(let id, let status): "order '\(id)' is \(status), not open: it cannot be cancelled"
    case .storage(let message): "the broker could not record the change: \(message)"
    }
  }
}

/// One input or output of a model as the model declares it: name, element type and shape.
public struct TensorDescription: Sendable, Hashable {
  /// A dimension of a declared shape.
  public enum Dimension: Sendable, Hashable, CustomStringConvertible {
    /// A size fixed by the model.
    case fixed(Int)
    /// A size given at run time, with its symbolic name when the model has one (e.g. "batch").
    case dynamic(String?)

    public var description: String {
      switch self {
      case .fixed(let size): String(size)
      case .dynamic(let name): name.map { $0.isEmpty ? "?" : $0 } ?? "?"
      }
    }
  }

  public let name: String
  /// The element type, or nil when the value is not a tensor (a sequence or a map).
  public let elementType: TensorElementType?
  public let dimensions: [Dimension]

  public init(name: String, elementType: TensorElementType?, dimensions: [Dimension]) {
    self.name = name
    self.elementType = elementType
    self.dimensions = dimensions
  }

  /// Whether the first dimension is given at run time, so that requests can be stacked on it.
  public var hasDynamicBatch: Bool {
    if case .dynamic = dimensions.first { return true }
    return false
  }
}

/// What a model file says about itself (`OrtModelMetadata`).
public struct ModelMetadata: Sendable, Hashable {
  public var producerName: String
  public var graphName: String
  public var description: String
  public var domain: String
  public var version: Int64
  /// The model's `metadata_props`.
  public var custom: [String: String]

  public init(
    producerName: String = "", graphName: String = "", description: String = "", domain: String = "",
    version: Int64 = 0, custom: [String: String] = [:]
  ) {
    self.producerName = producerName
    self.graphName = graphName
    self.description = description
    self.domain = domain
    self.version = version
    self.custom = custom
  }
}

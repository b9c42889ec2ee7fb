/// The element types of tensors that AITrader passes to and reads from models
/// (`ONNXTensorElementDataType` values from onnxruntime_c_api.h).
public enum TensorElementType: Sendable, Hashable, CustomStringConvertible {
  case float32
  case int64
  /// Any other ONNX element type, by its code; models that need one cannot be fed from here.
  case unsupported(Int32)

  init(code: Int32) {
    switch code {
    case 1: self = .float32
    case 7: self = .int64
    default: self = .unsupported(code)
    }
  }

  var code: Int32 {
    switch self {
    case .float32: 1
    case .int64: 7
    case .unsupported(let code): code
    }
  }

  public var description: String {
    switch self {
    case .float32: "float32"
    case .int64: "int64"
    case .unsupported(let code): "onnx_type_\(code)"
    }
  }
}

/// A dense tensor in row-major order: its shape and its values.
public struct Tensor: Sendable, Hashable {
  /// The values, typed.
  public enum Values: Sendable, Hashable {
    case float32([Float])
    case int64([Int64])

    public var count: Int {
      switch self {
      case .float32(let values): values.count
      case .int64(let values): values.count
      }
    }

    public var elementType: TensorElementType {
      switch self {
      case .float32: .float32
      case .int64: .int64
      }
    }
  }

  public let shape: [Int]
  public let values: Values

  /// A tensor of `shape` holding `values`; the element count must equal the shape's product.
  public init(shape: [Int], values: Values) throws(InferenceError) {
    guard shape.allSatisfy({ $0 >= 0 }) else { throw .invalidInput("negative dimension in shape \(shape)") }
    let count = shape.reduce(1, *)
    guard count == values.count else {
      throw .invalidInput("shape \(shape) holds \(count) values, got \(values.count)")
    }
    self.init(validShape: shape, values: values)
  }

  /// A tensor whose shape the caller has already checked against its values.
  init(validShape shape: [Int], values: Values) {
    self.shape = shape
    self.values = values
  }

  /// A float32 matrix with one row per element of `rows` (all of the same length).
  public init(rows: [[Float]]) throws(InferenceError) {
    let width = rows.first?.count ?? 0
    guard rows.allSatisfy({ $0.count == width }) else { throw .invalidInput("rows of different lengths") }
    try self.init(shape: [rows.count, width], values: .float32(rows.flatMap { $0 }))
  }

  public var elementType: TensorElementType { values.elementType }

  /// The float32 values; nil for other element types.
  public var floats: [Float]? {
    if case .float32(let values) = values { return values }
    return nil
  }

  /// The int64 values; nil for other element types.
  public var integers: [Int64]? {
    if case .int64(let values) = values { return values }
    return nil
  }

  /// The size of the first dimension (the batch), or nil for a scalar.
  public var rowCount: Int? { shape.first }

  /// Values per row: the product of every dimension after the first.
  var rowWidth: Int { shape.dropFirst().reduce(1, *) }

  /// Rows `range` of the first dimension, as a tensor of their own.
  func rows(_ range: Range<Int>) -> Tensor {
    let width = rowWidth
    let slice = range.lowerBound * width..<range.upperBound * width
    let values: Values =
      switch values {
      case .float32(let all): .float32(Array(all[slice]))
      case .int64(let all): .int64(Array(all[slice]))
      }
    // The slice holds exactly range.count × width values.
    return Tensor(validShape: [range.count] + shape.dropFirst(), values: values)
  }

  /// The tensors stacked along their first dimension; they share element type and trailing shape.
  static func concatenating(_ parts: [Tensor]) -> Tensor {
    precondition(!parts.isEmpty, "nothing to concatenate")
    guard parts.count > 1 else { return parts[0] }
    let rows = parts.reduce(0) { $0 + ($1.rowCount ?? 1) }
    let values: Values
    switch parts[0].values {
    case .float32:
      var all: [Float] = []
      all.reserveCapacity(rows * parts[0].rowWidth)
      for part in parts { all += part.floats ?? [] }
      values = .float32(all)
    case .int64:
      var all: [Int64] = []
      all.reserveCapacity(rows * parts[0].rowWidth)
      for part in parts { all += part.integers ?? [] }
      values = .int64(all)
    }
    // Callers group parts by element type and trailing shape, so the counts agree.
    return Tensor(validShape: [rows] + parts[0].shape.dropFirst(), values: values)
  }
}

import Inference

/// Tensors to and from JSON: nested arrays, one level per dimension, row-major.
enum TensorJSON {
  /// The tensor that `json` (a number or nested arrays of numbers) spells, typed for `input`.
  static func tensor(_ json: JSONValue, for input: TensorDescription) throws(APIError) -> Tensor {
    var shape: [Int] = []
    var probe = json
    while case .array(let items) = probe {
      shape.append(items.count)
      guard let first = items.first else { break }
      probe = first
    }
    var numbers: [Double] = []
    numbers.reserveCapacity(shape.reduce(1, *))
    try flatten(json, shape: shape[...], into: &numbers, path: input.name)
    let values: Tensor.Values
    switch input.elementType {
    case .float32:
      values = .float32(numbers.map { Float($0) })
    case .int64:
      var integers: [Int64] = []
      integers.reserveCapacity(numbers.count)
      for number in numbers {
        guard let integer = Int64(exactly: number) else {
          throw .badRequest("inputs.\(input.name): \(number) is not an integer; the input takes int64")
        }
        integers.append(integer)
      }
      values = .int64(integers)
    case .unsupported(let code):
      throw .badRequest("inputs.\(input.name): element type \(code) cannot be sent as JSON")
    case nil:
      throw .badRequest("inputs.\(input.name) is not a tensor input")
    }
    do throws(InferenceError) {
      return try Tensor(shape: shape, values: values)
    } catch {
      throw .badRequest("inputs.\(input.name): \(error)")
    }
  }

  /// Appends the numbers of `json` in row-major order, checking that it is rectangular.
  private static func flatten(
    _ json: JSONValue, shape: ArraySlice<Int>, into numbers: inout [Double], path: String
  ) throws(APIError) {
    guard let size = shape.first else {
      guard case .number(let number) = json else {
        throw .badRequest("inputs.\(path) holds \(kind(of: json)) where a number belongs")
      }
      guard number.isFinite else { throw .badRequest("inputs.\(path) holds a non-finite number") }
      numbers.append(number)
      return
    }
    guard case .array(let items) = json, items.count == size else {
      throw .badRequest("inputs.\(path) is ragged: every array at one depth must have the same length")
    }
    for (index, item) in items.enumerated() {
      try flatten(item, shape: shape.dropFirst(), into: &numbers, path: "\(path)[\(index)]")
    }
  }

  private static func kind(of json: JSONValue) -> String {
    switch json {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// `tensor` as nested arrays.
  static func json(_ tensor: Tensor) -> JSONValue {
    let numbers: [JSONValue] =
      switch tensor.values {
      case .float32(let values): values.map { .number(Double($0)) }
      case .int64(let values): values.map { .number(Double($0)) }
      }
    guard !tensor.shape.isEmpty else { return numbers.first ?? .null }
    return nest(numbers[...], shape: tensor.shape[...])
  }

  private static func nest(_ numbers: ArraySlice<JSONValue>, shape: ArraySlice<Int>) -> JSONValue {
    guard let size = shape.first else { return numbers.first ?? .null }
    let rest = shape.dropFirst()
    guard !rest.isEmpty else { return .array(Array(numbers)) }
    let width = rest.reduce(1, *)
    return .array(
      (0..<size).map { row in
        let start = numbers.startIndex + row * width
        return nest(numbers[start..<start + width], shape: rest)
      })
  }

  /// A declared input or output: `{"name", "type", "shape"}` with `"?"` or the symbol for
  /// dimensions given at run time.
  static func json(_ description: TensorDescription) -> JSONValue {
    .object([
      "name": .string(description.name),
      "type": .string(description.elementType.map(\.description) ?? "non-tensor"),
      "shape": .array(
        description.dimensions.map { dimension in
          if case .fixed(let size) = dimension { return .number(Double(size)) }
          return .string(dimension.description)
        }),
    ])
  }
}

import Testing

@testable import Inference

/// Tensors hold exactly as many values as their shape says, and stacking then splitting rows
/// gives back what went in.
@Suite struct TensorTests {
  @Test func aShapeMustHoldItsValues() throws {
    let matrix = try Tensor(shape: [2, 3], values: .float32([1, 2, 3, 4, 5, 6]))
    #expect(matrix.rowCount == 2)
    #expect(matrix.rowWidth == 3)
    #expect(matrix.elementType == .float32)
    #expect(matrix.floats == [1, 2, 3, 4, 5, 6])
    #expect(matrix.integers == nil)

    #expect(throws: InferenceError.invalidInput("shape [2, 3] holds 6 values, got 5")) {
      try Tensor(shape: [2, 3], values: .float32([1, 2, 3, 4, 5]))
    }
    #expect(throws: InferenceError.invalidInput("negative dimension in shape [-1, 6]")) {
      try Tensor(shape: [-1, 6], values: .float32([]))
    }
    let scalar = try Tensor(shape: [], values: .int64([42]))
    #expect(scalar.rowCount == nil)
    #expect(scalar.integers == [42])
    let empty = try Tensor(shape: [0, 6], values: .float32([]))
    #expect(empty.rowCount == 0)
    #expect(empty.values.count == 0)
  }

  @Test func rowsBuildAFloatMatrix() throws {
    let tensor = try Tensor(rows: [[1, 2], [3, 4], [5, 6]])
    #expect(tensor.shape == [3, 2])
    #expect(tensor.floats == [1, 2, 3, 4, 5, 6])
    #expect(throws: InferenceError.invalidInput("rows of different lengths")) {
      try Tensor(rows: [[1, 2], [3]])
    }
    #expect(try Tensor(rows: []).shape == [0, 0])
  }

  @Test func elementTypesKeepOnnxCodes() {
    #expect(TensorElementType(code: 1) == .float32)
    #expect(TensorElementType(code: 7) == .int64)
    #expect(TensorElementType(code: 11) == .unsupported(11))
    for type in [TensorElementType.float32, .int64, .unsupported(11)] {
      #expect(TensorElementType(code: type.code) == type)
    }
    #expect(TensorElementType.unsupported(11).description == "onnx_type_11")
  }

  @Test func concatenatingThenSplittingGivesThePartsBack() throws {
    let parts = [
      try Tensor(shape: [1, 2, 2], values: .int64([1, 2, 3, 4])),
      try Tensor(shape: [3, 2, 2], values: .int64(Array(5...16))),
      try Tensor(shape: [2, 2, 2], values: .int64(Array(17...24))),
    ]
    let stacked = Tensor.concatenating(parts)
    #expect(stacked.shape == [6, 2, 2])
    #expect(stacked.integers == Array(1...24))
    #expect(stacked.rowWidth == 4)
    #expect(stacked.rows(0..<1) == parts[0])
    #expect(stacked.rows(1..<4) == parts[1])
    #expect(stacked.rows(4..<6) == parts[2])
    #expect(stacked.rows(2..<2).shape == [0, 2, 2])
    #expect(Tensor.concatenating([parts[1]]) == parts[1])
  }

  @Test func floatRowsSplitAtTheirOwnBoundaries() throws {
    let first = try Tensor(rows: [[0.5, -1, 2]])
    let second = try Tensor(rows: [[3, 4, 5], [6, 7, 8.25]])
    let stacked = Tensor.concatenating([first, second])
    #expect(stacked == (try Tensor(rows: [[0.5, -1, 2], [3, 4, 5], [6, 7, 8.25]])))
    #expect(stacked.rows(0..<1) == first)
    #expect(stacked.rows(1..<3) == second)
    #expect(stacked.rows(1..<2).floats == [3, 4, 5])
  }
}

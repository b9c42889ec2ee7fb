#!/usr/bin/env python3
"""Writes the benchmark-only model of ANCHORS.md's ONNX figure: a 32 → 1 dense layer with a
sigmoid (y = sigmoid(x·W + b)), input `x` float32 [batch, 32], output `y` float32 [batch, 1],
weights from a fixed seed. Used by scripts/bench_onnx.sh beside models/direction.onnx.

  .venv-model/bin/python scripts/make_mlp32_model.py OUT.onnx
"""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main(path):
    rng = np.random.default_rng(32)
    weights = numpy_helper.from_array(rng.standard_normal((32, 1)).astype(np.float32) / 4, "W")
    bias = numpy_helper.from_array(np.array([0.1], dtype=np.float32), "b")
    graph = helper.make_graph(
        [
            helper.make_node("MatMul", ["x", "W"], ["xw"]),
            helper.make_node("Add", ["xw", "b"], ["logit"]),
            helper.make_node("Sigmoid", ["logit"], ["y"]),
        ],
        "mlp32",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 32])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 1])],
        initializer=[weights, bias],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="aitrader-bench")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


if __name__ == "__main__":
    main(sys.argv[1])

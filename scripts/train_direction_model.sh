#!/usr/bin/env bash
# Trains the next-bar direction model and writes models/direction.onnx plus the fixtures under
# Tests/InferenceTests/Fixtures/ (see scripts/train_direction_model.py).
#
#   bash scripts/train_direction_model.sh
#
# Needs Python 3.11 and PyPI. The pinned packages go into a virtual environment at .venv-model/
# (also used by scripts/bench_onnx_python.py), rebuilt when the pins below change.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=pinned_venv.sh
source scripts/pinned_venv.sh

VENV=.venv-model
# Direct needs first, then what they pull in, all pinned.
PINS=(
  numpy==2.4.6
  pandas==3.1.1
  scikit-learn==1.9.1
  skl2onnx==1.20.0
  onnx==1.23.2
  onnxruntime==1.32.0
  scipy==1.17.1
  joblib==1.6.0
  threadpoolctl==3.8.0
  protobuf==7.36.2
  ml_dtypes==0.6.0
  typing_extensions==4.16.0
  flatbuffers==25.12.19
  packaging==26.4
  python-dateutil==4.0.0
  tzdata==2026.6
  cloudpickle==3.1.3
  narwhals==2.29.0
)
pinned_venv "$VENV" "${PINS[@]}"
exec "$VENV/bin/python" scripts/train_direction_model.py "$@"

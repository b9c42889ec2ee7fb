#!/usr/bin/env bash
# Writes the small BERT-shaped classifier the FinBERT tests run and Python onnxruntime's answers for
# it, under Tests/SentimentTests/Fixtures/ (see scripts/make_tiny_bert_model.py).
#
#   bash scripts/setup.sh                  # .vendor/tokenizer/vocab.txt
#   bash scripts/make_tiny_bert_model.sh
#
# Needs Python 3.11 and PyPI. The pinned packages go into a virtual environment at .venv-bert/
# (also used by scripts/bench_finbert_python.py), rebuilt when the pins below change. No torch:
# the graph is written node by node with onnx.helper.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=pinned_venv.sh
source scripts/pinned_venv.sh

VENV=.venv-bert
# Direct needs first, then what they pull in, all pinned.
PINS=(
  numpy==2.4.6
  onnx==1.23.2
  onnxruntime==1.32.0
  tokenizers==0.23.3
  protobuf==7.36.2
  ml_dtypes==0.6.0
  typing_extensions==4.16.0
  flatbuffers==25.12.19
  packaging==26.4
  huggingface_hub==2.4.0
  click==8.5.1
  filelock==4.3.1
  fsspec==2026.9.0
  hf-xet==1.8.0
  httpx2==2.16.2
  httpcore2==2.16.2
  h11==0.16.0
  anyio==4.16.0
  idna==3.20
  truststore==0.10.5
  PyYAML==6.0.4
  tqdm==4.70.1
)
pinned_venv "$VENV" "${PINS[@]}"
exec "$VENV/bin/python" scripts/make_tiny_bert_model.py "$@"

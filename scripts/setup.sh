#!/usr/bin/env bash
# Fetches what the build and the tests need and the repository does not carry.
# Idempotent: each step is skipped when its result is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

VENDOR=.vendor
mkdir -p "$VENDOR/data"

# GOOG daily bars from the backtesting.py 0.6.6 wheel (PyPI), the parity test's input.
BACKTESTING_WHEEL=backtesting-0.6.6-py3-none-any.whl
BACKTESTING_SHA256=d2fc29ab6e10fbf44b05570720cef144d6d0d2ec8e183977114f2be9c5089b78
if [ ! -s "$VENDOR/data/GOOG.csv" ]; then
  tmp=$(mktemp -d)
  python3 -m pip download --quiet --no-deps --only-binary=:all: "backtesting==0.6.6" -d "$tmp"
  echo "$BACKTESTING_SHA256  $tmp/$BACKTESTING_WHEEL" | sha256sum --check --quiet
  python3 - "$tmp/$BACKTESTING_WHEEL" "$VENDOR/data/GOOG.csv" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, open(sys.argv[2], "wb") as out:
    out.write(wheel.read("backtesting/test/GOOG.csv"))
PY
  rm -rf "$tmp"
  echo "setup: GOOG.csv -> $VENDOR/data/GOOG.csv"
fi

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

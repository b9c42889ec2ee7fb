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

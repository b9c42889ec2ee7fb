#!/usr/bin/env bash
# Runs the peer anchors (backtesting.py, NautilusTrader, TA-Lib) and our benchmarks in one
# session, so that BENCHMARKS.md can quote ratios measured side by side.
#
#   bash scripts/bench_peers.sh [ANCHORS_DIR]
#
# ANCHORS_DIR holds bench_backtesting_py.py, bench_nautilus.py and bench_talib_numpy.py
# (default: ../shared/anchors). The peers are installed into a virtual environment at
# $PEERS_VENV (default .venv-peers).
set -euo pipefail
cd "$(dirname "$0")/.."
ANCHORS=${1:-../shared/anchors}
VENV=${PEERS_VENV:-.venv-peers}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet backtesting==0.6.6 nautilus_trader==1.221.0 ta-lib scipy
fi
bash scripts/setup.sh
VENV=$(realpath "$VENV")
swift build -c release --product TradingCoreBenchmarks >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$ANCHORS"/bench_*.py "$work/"

echo "== ours"
.build/release/TradingCoreBenchmarks --data .vendor/data/GOOG.csv
echo "== backtesting.py SmaCross on GOOG"
(cd "$work" && REPEATS=5 "$VENV/bin/python" bench_backtesting_py.py >/dev/null && grep -E "Timing" backtesting_py_smacross_goog.txt)
echo "== NautilusTrader EMACross on 2M quote ticks, and its EMA"
(cd "$work" && REPEATS=${NAUTILUS_REPEATS:-1} "$VENV/bin/python" bench_nautilus.py backtest ema)
echo "== TA-Lib / numpy EMA(10) over 10M"
(cd "$work" && "$VENV/bin/python" bench_talib_numpy.py)
echo "== ours again"
.build/release/TradingCoreBenchmarks --data .vendor/data/GOOG.csv

# Sourced by the benchmark scripts: starts `aitrader run` on a temporary data directory and a
# free loopback port, waits until /api/signals has items, and stops it with SIGTERM on exit.
#
#   source scripts/bench_server.sh
#   bench_build                      # release build (skipped with BENCH_SKIP_BUILD=1)
#   bench_start_server [ARGS…]       # extra `aitrader run` flags, e.g. --tick-rate 2000
#   … use $BENCH_PORT, $BENCH_PID, $BENCH_DATA …
#
# The caller must `set -euo pipefail`. Every wait is bounded; traffic goes to 127.0.0.1 only.

BENCH_BINARY=${BENCH_BINARY:-.build/release/aitrader}
BENCH_PID=""
BENCH_DATA=""
BENCH_PORT=""

bench_build() {
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    bash scripts/setup.sh
    swift build -c release --product aitrader >/dev/null
  fi
  [ -x "$BENCH_BINARY" ] || { echo "bench: $BENCH_BINARY is missing" >&2; return 1; }
}

bench_stop_server() {
  if [ -n "$BENCH_PID" ] && kill -0 "$BENCH_PID" 2>/dev/null; then
    kill -TERM "$BENCH_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do # 15 s for the graceful shutdown, then SIGKILL
      kill -0 "$BENCH_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$BENCH_PID" 2>/dev/null && kill -KILL "$BENCH_PID" 2>/dev/null || true
    wait "$BENCH_PID" 2>/dev/null || true
  fi
  BENCH_PID=""
  if [ -n "$BENCH_DATA" ]; then rm -rf "$BENCH_DATA"; fi
  BENCH_DATA=""
}

# shellcheck source=loopback_port.sh
source "$(dirname "${BASH_SOURCE[0]}")/loopback_port.sh"

# CPU seconds (user + system) the process has used so far.
bench_cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / hz }' "/proc/$1/stat"
}

bench_start_server() {
  BENCH_DATA=$(mktemp -d)
  BENCH_PORT=$(free_port)
  trap bench_stop_server EXIT
  trap 'exit 130' INT TERM
  AITRADER_LOG_LEVEL=${AITRADER_LOG_LEVEL:-warning} "$BENCH_BINARY" run --host 127.0.0.1 --port "$BENCH_PORT" \
    --data-dir "$BENCH_DATA" "$@" >"$BENCH_DATA/server.log" 2>&1 &
  BENCH_PID=$!
  local url="http://127.0.0.1:$BENCH_PORT/api/signals?limit=1"
  for _ in $(seq 1 600); do # at most 60 s until the first signal is served
    if ! kill -0 "$BENCH_PID" 2>/dev/null; then
      echo "bench: the server exited early:" >&2
      cat "$BENCH_DATA/server.log" >&2
      return 1
    fi
    if curl -fsS --max-time 1 "$url" 2>/dev/null | grep -q '"items":\[{'; then
      echo "server: pid $BENCH_PID on 127.0.0.1:$BENCH_PORT, data $BENCH_DATA, flags: $*"
      return 0
    fi
    sleep 0.1
  done
  echo "bench: no signal served within 60 s" >&2
  return 1
}

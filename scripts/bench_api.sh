#!/usr/bin/env bash
# HTTP throughput of the embedded system (issue 3, "Benchmarks"): `wrk` against /health (the
# floor: routing and HTTP only) and /api/signals?limit=50 of `aitrader run` on loopback, while
# the pipeline keeps producing signals — first as `run` serves it (the newest signals from
# memory, RecentSignals), then with AITRADER_RECENT_SIGNALS=0 (every page a SQLite query and
# JSON encoding), in the same run.
#
#   bash scripts/bench_api.sh                  # wrk -t2 -c64 -d15s
#   WRK_CONNECTIONS=128 WRK_DURATION=30s TICK_RATE=50 bash scripts/bench_api.sh
#
# Prints wrk's requests/s and latency percentiles, and the CPU seconds used by the server and by
# wrk (both share the machine's cores) and `uptime` before and after, to judge the load.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench_server.sh

THREADS=${WRK_THREADS:-2}
CONNECTIONS=${WRK_CONNECTIONS:-64}
DURATION=${WRK_DURATION:-15s}
TICK_RATE=${TICK_RATE:-50}

if ! command -v wrk >/dev/null; then
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo -n"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq wrk >/dev/null
fi

bench_build
echo "uptime before: $(uptime)"
bench_start_server --tick-rate "$TICK_RATE"

run_wrk() { # PATH LABEL
  local url="http://127.0.0.1:$BENCH_PORT$1"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$url" >/dev/null # warm-up
  local before after wrk_cpu_start wrk_cpu_end
  before=$(bench_cpu_seconds "$BENCH_PID")
  wrk_cpu_start=$(awk '/^cpu /{print $2+$3+$4}' /proc/stat)
  echo "== $2: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url"
  timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url"
  after=$(bench_cpu_seconds "$BENCH_PID")
  wrk_cpu_end=$(awk '/^cpu /{print $2+$3+$4}' /proc/stat)
  awk -v a="$before" -v b="$after" -v d="${DURATION%s}" -v s="$wrk_cpu_start" -v e="$wrk_cpu_end" \
    -v hz="$(getconf CLK_TCK)" -v n="$(nproc)" 'BEGIN {
      printf "server CPU: %.1f s in %s s = %.0f%% of one core; whole machine busy (user+nice+sys): %.0f%% of %d cores\n",
        b - a, d, 100 * (b - a) / d, 100 * (e - s) / hz / d / n, n }'
}

# Waits (at most 120 s) until the first page holds 50 signals, so that every run lists full pages.
wait_for_full_page() {
  for _ in $(seq 1 240); do
    [ "$(curl -fsS "http://127.0.0.1:$BENCH_PORT/api/signals?limit=50" | grep -o '"id":' | wc -l)" -ge 50 ] && return
    sleep 0.5
  done
  echo "bench: fewer than 50 signals after 120 s" >&2
}

wait_for_full_page
run_wrk "/health" "floor: /health"
run_wrk "/api/signals?limit=50" "/api/signals?limit=50 (newest signals from memory)"
run_wrk "/api/signals?limit=50&symbol=AAPL&min_score=0.3" "/api/signals?limit=50&symbol=AAPL&min_score=0.3 (from memory)"
items=$(curl -fsS "http://127.0.0.1:$BENCH_PORT/api/signals?limit=50" | grep -o '"id":' | wc -l)
echo "items per /api/signals?limit=50 response: $items"
bench_stop_server
AITRADER_RECENT_SIGNALS=0 bench_start_server --tick-rate "$TICK_RATE"
wait_for_full_page
run_wrk "/api/signals?limit=50" "/api/signals?limit=50 (AITRADER_RECENT_SIGNALS=0: from SQLite)"
echo "uptime after: $(uptime)"

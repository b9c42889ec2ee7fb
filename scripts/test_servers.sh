#!/usr/bin/env bash
# The real servers `make test` runs the suite against: a redis-server (append-only file on) and a
# PostgreSQL, each on a free loopback port in a temporary directory, installed from Debian's
# packages when missing.
#
#   bash scripts/test_servers.sh run CMD ARGS…   start both, run CMD with the variables below, stop both
#   bash scripts/test_servers.sh redis stop|start  (inside CMD) stop or restart the same redis-server
#   bash scripts/test_servers.sh postgres stop|start  (inside CMD) the same for PostgreSQL
#
# CMD sees AITRADER_TEST_REDIS_URL (redis://127.0.0.1:PORT), AITRADER_TEST_DATABASE_URL
# (postgres://aitrader@127.0.0.1:PORT/aitrader) and AITRADER_TEST_SERVERS_DIR (the state folder).
# PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as the `postgres` user.
set -euo pipefail

log() { echo "test servers: $*" >&2; }

install_missing() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# shellcheck source=loopback_port.sh
source "$(dirname "${BASH_SOURCE[0]}")/loopback_port.sh"

pg_bin() { dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)"; }

# Runs a PostgreSQL command as the user that owns the cluster.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

state() { cat "$AITRADER_TEST_SERVERS_DIR/$1"; }

redis_start() {
  local dir="$AITRADER_TEST_SERVERS_DIR"
  redis-server "$dir/redis.conf" >/dev/null
  for _ in $(seq 1 100); do
    redis-cli -p "$(state redis.port)" ping >/dev/null 2>&1 && return
    sleep 0.1
  done
  log "redis-server did not start"; cat "$dir/redis.log" >&2; return 1
}

redis_stop() {
  redis-cli -p "$(state redis.port)" shutdown >/dev/null 2>&1 || true
  for _ in $(seq 1 100); do
    redis-cli -p "$(state redis.port)" ping >/dev/null 2>&1 || return 0
    sleep 0.1
  done
}

postgres_start() {
  local dir="$AITRADER_TEST_SERVERS_DIR"
  as_pg "$(pg_bin)/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/log" -w -t 60 \
    -o "-p $(state pg.port) -k $dir/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=800" start >/dev/null
}

postgres_stop() {
  as_pg "$(pg_bin)/pg_ctl" -D "$AITRADER_TEST_SERVERS_DIR/pg/data" -m fast -w stop >/dev/null 2>&1 || true
}

start_all() {
  install_missing
  AITRADER_TEST_SERVERS_DIR="$(mktemp -d /tmp/aitrader-servers.XXXXXX)"
  export AITRADER_TEST_SERVERS_DIR
  local dir="$AITRADER_TEST_SERVERS_DIR"
  chmod 755 "$dir"
  free_port > "$dir/redis.port"
  free_port > "$dir/pg.port"
  mkdir -p "$dir/redis"
  cat > "$dir/redis.conf" <<CONF
port $(state redis.port)
bind 127.0.0.1
dir $dir/redis
appendonly yes
appendfsync everysec
save ""
daemonize yes
pidfile $dir/redis.pid
logfile $dir/redis.log
CONF
  redis_start
  mkdir -p "$dir/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir/pg"
  as_pg "$(pg_bin)/initdb" -D "$dir/pg/data" -U aitrader --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  postgres_start
  as_pg "$(pg_bin)/createdb" -h 127.0.0.1 -p "$(state pg.port)" -U aitrader aitrader
  export AITRADER_TEST_REDIS_URL="redis://127.0.0.1:$(state redis.port)"
  export AITRADER_TEST_DATABASE_URL="postgres://aitrader@127.0.0.1:$(state pg.port)/aitrader"
  log "redis $AITRADER_TEST_REDIS_URL, postgres $AITRADER_TEST_DATABASE_URL"
}

stop_all() {
  [ -n "${AITRADER_TEST_SERVERS_DIR:-}" ] || return 0
  redis_stop
  postgres_stop
  rm -rf "$AITRADER_TEST_SERVERS_DIR"
}

case "${1:-}" in
  run)
    shift
    trap stop_all EXIT
    start_all
    "$@"
    ;;
  redis | postgres)
    : "${AITRADER_TEST_SERVERS_DIR:?only inside 'test_servers.sh run'}"
    "${1}_${2:?start or stop}"
    ;;
  *)
    echo "usage: $0 run CMD… | redis start|stop | postgres start|stop" >&2
    exit 64
    ;;
esac

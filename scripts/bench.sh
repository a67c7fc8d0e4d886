#!/usr/bin/env bash
# The benchmark (not a test, not in CI): builds release, seeds a county's households into
# SQLite and then PostgreSQL, and prints one table per database with each product figure
# beside the raw limit measured in the same run (README, "Performance").
#
#   scripts/bench.sh                    # 1,000,000 households, 100,000 open cases (~25 min)
#   BENCH_SCALE=small scripts/bench.sh  # 20,000 households: a 2-minute smoke run
#   BENCH_DB=sqlite scripts/bench.sh    # one database only (sqlite or postgres)
#
# The pieces are in server/examples/bench/ (seed, raw limits, HTTP load, bare axum).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/tools.sh
source scripts/postgres.sh

case "${BENCH_SCALE:-full}" in
  full) HOUSEHOLDS=1000000 SECS=10 SAMPLES=200 ;;
  small) HOUSEHOLDS=20000 SECS=3 SAMPLES=30 ;;
  *) die "BENCH_SCALE is full or small" ;;
esac
CLIENTS=32

say 'building release: the server binary and the bench tool (the bench feature adds only the tool)'
cargo build --release -p server --features bench --bin server --bin bench
# CARGO_TARGET_DIR lets the release build sit apart from the tests' debug one.
SERVER_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/server"
BENCH="${CARGO_TARGET_DIR:-$ROOT/target}/release/bench"

WORK="$(mktemp -d /tmp/sn-bench.XXXXXX)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_postgres
  rm -rf "$WORK"
}
trap cleanup EXIT

# Starts a command that prints `running: URL`; sets STARTED_PID and STARTED_ADDR.
start_and_wait() {
  local log="$1"; shift
  "$@" >"$log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  for _ in $(seq 1 600); do
    if grep -q 'running: ' "$log"; then
      STARTED_ADDR="$(grep -o 'running: http://[0-9.:]*' "$log" | head -1 | sed 's|running: http://||')"
      return
    fi
    kill -0 "$STARTED_PID" 2>/dev/null || { cat "$log"; die "$1 stopped"; }
    sleep 0.5
  done
  cat "$log"; die "$1 did not start"
}

stop_started() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# One database: seed, raw limits, the product over HTTP, the bare handler, the table.
bench_database() {
  local name="$1" url="$2"
  local results="$WORK/$name.txt" keys="$WORK/keys"
  local b=("$BENCH" --results "$results")
  say "$name: seeding $HOUSEHOLDS households (then the product's deadline sweep)"
  "${b[@]}" seed --database-url "$url" --keys "$keys" --households "$HOUSEHOLDS"
  say "$name: raw durable single-row inserts ($CLIENTS clients, ${SECS}s)"
  "${b[@]}" raw-inserts --database-url "$url" --clients "$CLIENTS" --seconds "$SECS"

  say "$name: the product server (release, production mode, workers off)"
  start_and_wait "$WORK/$name-server.log" env DATABASE_URL="$url" SAFETY_NET_ADDR=127.0.0.1:0 \
    SEED_DEMO=0 SAFETY_NET_KEYS_FILE="$keys" WORKERS=0 RUST_LOG=warn LEPTOS_SITE_ROOT="$WORK/no-site" \
    "$SERVER_BIN"
  local server_pid="$STARTED_PID" addr="$STARTED_ADDR"
  say "$name: /healthz"
  "${b[@]}" rps --server "$addr" --key healthz_per_s --clients "$CLIENTS" --seconds "$SECS"
  say "$name: the queue page over HTTP and its raw SQL, interleaved"
  "${b[@]}" queue --server "$addr" --database-url "$url" --keys "$keys" \
    --households "$HOUSEHOLDS" --samples "$SAMPLES"
  say "$name: filing load ($CLIENTS clients, ${SECS}s at full speed, then ${SECS}s at half)"
  "${b[@]}" filings --server "$addr" --clients "$CLIENTS" --seconds "$SECS"
  local hwm
  hwm="$(awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status")"
  echo "rss_hwm_mb $(awk -v kb="$hwm" 'BEGIN {printf "%.1f", kb / 1024}')" >>"$results"
  stop_started "$server_pid"

  say "$name: a bare axum handler"
  start_and_wait "$WORK/$name-bare.log" "$BENCH" bare
  local bare_pid="$STARTED_PID"
  "${b[@]}" rps --server "$STARTED_ADDR" --key bare_per_s --clients "$CLIENTS" --seconds "$SECS"
  stop_started "$bare_pid"
  mkdir -p "$ROOT/target" && cp "$results" "$ROOT/target/bench-$name.txt"
}

DBS="${BENCH_DB:-sqlite postgres}"
started=$SECONDS
if [[ " $DBS " == *" sqlite "* ]]; then
  bench_database SQLite "sqlite://$WORK/bench.db"
  rm -f "$WORK"/bench.db*
fi
if [[ " $DBS " == *" postgres "* ]]; then
  ensure_postgres
  PG_DURABLE=1 start_postgres
  as_pg "$(pg_bin)/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres sn_bench
  bench_database PostgreSQL "postgres://postgres@127.0.0.1:$PG_PORT/sn_bench"
  stop_postgres
fi

say "results ($(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $((SECONDS - started)) s)"
for name in SQLite PostgreSQL; do
  [ -f "$ROOT/target/bench-$name.txt" ] && [ -f "$WORK/$name.txt" ] || continue
  "$BENCH" --results "$WORK/$name.txt" table --title "$name"
done

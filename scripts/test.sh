#!/usr/bin/env bash
# Runs every test: format, lints, unit and property tests, API tests on SQLite and on a
# real PostgreSQL server (started and stopped here), and the end-to-end suite in Chromium.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"
cd "$ROOT"

SERVER_PID=""
E2E_DIR=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$E2E_DIR" ] && rm -rf "$E2E_DIR"
  stop_postgres
  # The API tests' databases and key files (one directory per test process).
  rm -rf "${TMPDIR:-/tmp}/safety-net-tests"
}
trap cleanup EXIT

# A full disk fails SQLite writes in hundreds of tests at once, far from the cause: say so first.
free_gb="$(df -Pk "$ROOT" | awk 'NR==2 {print int($4 / 1048576)}')"
if [ "${free_gb:-0}" -lt 15 ]; then
  say "WARNING: only ${free_gb} GB free on the disk holding $ROOT; a fresh build and the tests need about 15 GB"
fi

ensure_build_tools
ensure_postgres
ensure_smtp_server
ensure_nginx
ensure_chromium
ensure_playwright

say "formatting"
cargo fmt --all --check

say "lints (server, and the browser build)"
# The flag of the test build below (see TEST_BUILD): the build scripts and macros clippy
# compiles are then the test build's too.
SERVER_FLAGS="--cfg erase_components"
RUSTFLAGS="$SERVER_FLAGS" cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p app --lib --no-default-features --features hydrate --target wasm32-unknown-unknown -- -D warnings

# The nginx test must run here, not return early for want of nginx.
export REQUIRE_NGINX=1
# A failing test's message then ends the output, not a backtrace that pushes it out of view.
export RUST_BACKTRACE=0
# The fault tests run the real binary and check timings (503 within 3 s, recovery within 10 s),
# so they run apart, two at a time, not among 190 other tests on two cores.
FAULT_TESTS=(db_restart:: kill_nine:: disk_full:: shutdown:: slow_clients:: two_servers:: outbox_outage::)
SKIP_FAULTS=()
for t in "${FAULT_TESTS[@]}"; do SKIP_FAULTS+=(--skip "$t"); done
# One build of the server side for every step below: the workspace's test build with the
# test clock (release builds lack it). Its server binary (target/debug/server) is also the
# end-to-end tests' server, so the browser tests compile only the browser side (a second
# server build, by cargo-leptos with other flags and features, compiled every server-side
# crate again). cargo-leptos builds a debug site with `--cfg erase_components`, which
# changes the pages' hydration markers, so the test build takes the same flag.
TEST_BUILD=(--workspace --features server/test-clock)
api_tests() {
  RUSTFLAGS="$SERVER_FLAGS" cargo test "${TEST_BUILD[@]}" "$@" -- "${SKIP_FAULTS[@]}"
  say "fault tests on the real binary, two at a time"
  RUSTFLAGS="$SERVER_FLAGS" cargo test "${TEST_BUILD[@]}" --test api -- --test-threads=2 "${FAULT_TESTS[@]}"
}

say "unit, property and API tests on SQLite"
api_tests

start_postgres
say "storage and API tests on PostgreSQL"
api_tests --test api
stop_postgres

say "building the site for the end-to-end tests (browser side; the server is the test build's)"
cargo leptos build --frontend-only
[ -x "$ROOT/target/debug/server" ] || die "the test build left no target/debug/server"
say "building the staff pages' bundle (the household's carries no staff islands)"
build_staff_bundle
E2E_DIR="$(mktemp -d /tmp/safety-net-e2e.XXXXXX)"
E2E_PORT="$(free_port)"
# Starts the debug server (test clock) on a fresh SQLite database, serving the site in $1.
start_e2e_server() {
  [ -n "$SERVER_PID" ] && { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }
  rm -f "$E2E_DIR"/e2e.db*
  say "starting the server on 127.0.0.1:$E2E_PORT with a fresh SQLite database"
  SAFETY_NET_ADDR="127.0.0.1:$E2E_PORT" DATABASE_URL="sqlite://$E2E_DIR/e2e.db" SEED_DEMO=1 TEST_CLOCK=1 \
    LEPTOS_SITE_ROOT="$1" LEPTOS_HASH_FILE_NAME="${2:-hash.txt}" RUST_LOG=warn \
    "$ROOT/target/debug/server" >"$E2E_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$E2E_PORT/readyz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$E2E_DIR/server.log"; die "server exited"; }
    sleep 0.3
  done
}
start_e2e_server "$ROOT/target/site"
say "end-to-end journeys in headless Chromium"
BASE_URL="http://127.0.0.1:$E2E_PORT" node --test --test-concurrency=1 end2end/tests/ \
  || { tail -50 "$E2E_DIR/server.log"; exit 1; }

say "a journey in Chromium through nginx (TLS, SECURE_COOKIES=1, HSTS)"
NGINX_START=$SECONDS
bash "$ROOT/scripts/e2e-behind-nginx.sh"
say "the journey through nginx took $((SECONDS - NGINX_START)) s"

# The budgets of pages that carry WASM only hold for the release WASM (opt-level z, LTO,
# wasm-opt) as deployed (precompressed). Build only the browser side in release, into its own
# site directory, and serve it from the debug server built above (no release server build).
say "page budgets on the release WASM, brotli/gzip precompressed"
BUDGET_START=$SECONDS
RELEASE_SITE="$ROOT/target/site-release"
LEPTOS_SITE_ROOT="target/site-release" LEPTOS_HASH_FILE_NAME="$RELEASE_SITE/hash.txt" \
  cargo leptos build --release -P --frontend-only
LEPTOS_SITE_ROOT="target/site-release" STAFF_HASH_FILE="$RELEASE_SITE/hash-staff.txt" \
  build_staff_bundle --release -P
start_e2e_server "$RELEASE_SITE" "$RELEASE_SITE/hash.txt"
BUDGET_WASM=1 BASE_URL="http://127.0.0.1:$E2E_PORT" node --test end2end/tests/page_budgets.test.mjs \
  || { tail -50 "$E2E_DIR/server.log"; exit 1; }
say "page budgets took $((SECONDS - BUDGET_START)) s"
say "all tests passed"

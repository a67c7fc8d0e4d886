#!/usr/bin/env bash
# The Chromium journey through Debian's nginx (end2end/proxy/): starts the debug server of
# scripts/test.sh's test build (with the test clock) and the site it built, with
# SECURE_COOKIES=1 and TRUSTED_PROXIES set to nginx, and nginx with the shipped configuration
# (scripts/nginx-site.sh) in front. Called by scripts/test.sh; alone:
# `bash scripts/e2e-behind-nginx.sh` after that build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh" # free_port
cd "$ROOT"
DIR="$(mktemp -d /tmp/safety-net-nginx.XXXXXX)"
APP_PORT="$(free_port)"; HTTPS_PORT="$(free_port)"; HTTP_PORT="$(free_port)"
# Each port is let go before the next is asked for: ask again until the three differ.
while [ "$HTTPS_PORT" = "$APP_PORT" ]; do HTTPS_PORT="$(free_port)"; done
while [ "$HTTP_PORT" = "$APP_PORT" ] || [ "$HTTP_PORT" = "$HTTPS_PORT" ]; do HTTP_PORT="$(free_port)"; done
SERVER=""; NGINX=""
stop() {
  [ -n "$NGINX" ] && { kill "$NGINX" 2>/dev/null || true; wait "$NGINX" 2>/dev/null || true; }
  [ -n "$SERVER" ] && { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }
  rm -rf "$DIR"
}
trap stop EXIT
ORIGIN="https://localhost:$HTTPS_PORT"
SAFETY_NET_ADDR="127.0.0.1:$APP_PORT" DATABASE_URL="sqlite://$DIR/e2e.db" SEED_DEMO=1 TEST_CLOCK=1 \
  SECURE_COOKIES=1 PUBLIC_ORIGIN="$ORIGIN" TRUSTED_PROXIES=127.0.0.1/32 \
  LEPTOS_SITE_ROOT="$ROOT/target/site" RUST_LOG=warn "$ROOT/target/debug/server" >"$DIR/server.log" 2>&1 &
SERVER=$!
bash "$ROOT/scripts/nginx-site.sh" "$DIR/nginx" "127.0.0.1:$APP_PORT" "$HTTPS_PORT" "$HTTP_PORT"
/usr/sbin/nginx -c "$DIR/nginx/nginx.conf" -p "$DIR/nginx" &
NGINX=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$APP_PORT/readyz" >/dev/null 2>&1 \
    && curl -sfk -o /dev/null "$ORIGIN/" 2>/dev/null && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$DIR/server.log"; die "server exited"; }
  kill -0 "$NGINX" 2>/dev/null || { cat "$DIR/nginx/error.log"; die "nginx exited"; }
  sleep 0.3
done
BASE_URL="$ORIGIN" node --test --test-concurrency=1 end2end/proxy/ \
  || { tail -50 "$DIR/server.log"; tail -20 "$DIR/nginx/error.log"; exit 1; }

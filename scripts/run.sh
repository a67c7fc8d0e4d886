#!/usr/bin/env bash
# Runs Safety Net with the embedded SQLite database and the demo county.
# Usage: scripts/run.sh   (env: SAFETY_NET_ADDR, DATABASE_URL, SEED_DEMO, LOG_FORMAT)
# The binary's default is production (no demo); this script turns the demo on unless told not to.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"
cd "$ROOT"

ensure_build_tools
say "building the release site (first time ~10 min on 2 cores; later runs are incremental)"
cargo leptos build --release -P  # -P: brotli + gzip copies of every asset, served when accepted
build_staff_bundle --release -P  # the staff pages' islands, kept out of the household's bundle
export LEPTOS_SITE_ROOT="$ROOT/target/site"
export DATABASE_URL="${DATABASE_URL:-sqlite://$ROOT/data/safety-net.db}"
export SEED_DEMO="${SEED_DEMO:-1}"
say "starting the server (Ctrl-C stops it)"
exec "$ROOT/target/release/server"

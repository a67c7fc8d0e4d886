#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there.
# Sourced by run.sh and test.sh; every step says what it does.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
CARGO_LEPTOS_VERSION="0.3.11"
BINARYEN_VERSION="132"
# The project's own wasm-bindgen (exactly the lockfile's version) comes first, so a different
# one the person has in ~/.cargo/bin is neither used nor replaced.
export PATH="$TOOLS/wasm-bindgen/bin:$HOME/.cargo/bin:$TOOLS/binaryen/node_modules/.bin:$PATH"

# Each step says how far into the run it starts (minutes:seconds since the first script of
# the run sourced this file), so a slow CI run shows where its time went.
: "${SN_T0:=$(date +%s)}"
export SN_T0
say() {
  local t=$(($(date +%s) - SN_T0))
  printf '\033[1m==> [%d:%02d] %s\033[0m\n' $((t / 60)) $((t % 60)) "$*"
}
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The staff bundle (site `pkg/staff/`, hashes in hash-staff.txt): the browser build with the
# staff islands (feature `staff-islands`), so the household's bundle carries none. Run from the
# repository root after the main build, with the same LEPTOS_SITE_ROOT; args: --release -P for
# a release site. Built into its own site root (cargo-leptos empties the top of the site root
# it builds into) and copied under the main one's pkg/. STAFF_HASH_FILE: where its hash file
# goes (default hash-staff.txt beside the server binary).
build_staff_bundle() {
  local site="${LEPTOS_SITE_ROOT:-target/site}"
  LEPTOS_SITE_ROOT="$site-staff" LEPTOS_HASH_FILE_NAME="${STAFF_HASH_FILE:-hash-staff.txt}" \
    cargo leptos build "$@" --frontend-only --lib-features staff-islands
  rm -rf "$site/pkg/staff"
  cp -r "$site-staff/pkg" "$site/pkg/staff"
}

need() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is missing: $2"
}

ensure_rust() {
  need cargo "install Rust with rustup (https://rustup.rs), then run this again"
  need rustup "install Rust with rustup, then run this again"
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_cargo_leptos() {
  if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then return; fi
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (needs rustc >= 1.96, built with nightly; ~15 min once)"
  if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
  fi
  cargo +nightly install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
}

ensure_wasm_bindgen() {
  local want
  want="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock")"
  [ -n "$want" ] || die "wasm-bindgen not found in Cargo.lock"
  if wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then return; fi
  local other
  other="$(wasm-bindgen --version 2>/dev/null || true)"
  if [ -n "$other" ]; then
    say "found $other on PATH; the build needs $want: installing that into $TOOLS/wasm-bindgen (yours stays as it is)"
  else
    say "installing wasm-bindgen-cli $want into $TOOLS/wasm-bindgen (must equal the lockfile's wasm-bindgen)"
  fi
  cargo install wasm-bindgen-cli --version "$want" --root "$TOOLS/wasm-bindgen" --force
}

ensure_wasm_opt() {
  if [ -x "$TOOLS/binaryen/node_modules/.bin/wasm-opt" ]; then return; fi
  need npm "install Node.js and npm, then run this again"
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
  mkdir -p "$TOOLS/binaryen"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/binaryen" "binaryen@$BINARYEN_VERSION"
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* by hand"
  say "installing $* from Debian"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

# The outbound TLS tests talk to a real SMTP server: Debian's aiosmtpd (under Debian's own
# python3, whatever python3 comes first on PATH), with a test CA.
ensure_smtp_server() {
  /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || apt_install python3-aiosmtpd
}

# Debian's nginx and openssl: the API tests put deploy/nginx-safety-net.conf in front of the
# server with a self-signed certificate (server/tests/api/behind_nginx.rs).
ensure_nginx() {
  [ -x /usr/sbin/nginx ] || apt_install nginx-core
  command -v openssl >/dev/null 2>&1 || apt_install openssl
  command -v curl >/dev/null 2>&1 || apt_install curl
}

ensure_postgres() {
  if [ -z "$(pg_bin)" ]; then apt_install postgresql; fi
  [ -n "$(pg_bin)" ] || die "PostgreSQL server binaries not found after install"
}

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  true
}

ensure_playwright() {
  if [ -d "$ROOT/end2end/node_modules/playwright-core" ] && [ -d "$ROOT/end2end/node_modules/axe-core" ]; then return; fi
  need npm "install Node.js and npm, then run this again"
  say "installing playwright-core for the end-to-end tests"
  (cd "$ROOT/end2end" && npm ci --silent --no-audit --no-fund)
}

ensure_build_tools() {
  ensure_rust
  ensure_cargo_leptos
  ensure_wasm_bindgen
  ensure_wasm_opt
}

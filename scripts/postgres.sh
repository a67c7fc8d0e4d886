#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on a loopback port in a temporary directory.
# Sourced by test.sh: start_postgres sets TEST_POSTGRES_URL; stop_postgres removes everything.
PG_DIR=""
PG_PORT=""

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start_postgres() {
  local bin
  bin="$(pg_bin)"
  PG_DIR="$(mktemp -d /tmp/safety-net-pg.XXXXXX)"
  PG_PORT="$(free_port)"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  say "starting PostgreSQL on 127.0.0.1:$PG_PORT in $PG_DIR"
  as_pg "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log"; die "initdb failed"; }
  make_test_certificates "$PG_DIR"
  # Tests run without fsync (-F); the benchmark sets PG_DURABLE=1 to measure durable commits.
  local fsync_off="-F"
  [ "${PG_DURABLE:-0}" = 1 ] && fsync_off=""
  # PG_SETTINGS: more `-c name=value` options, to try other settings under the benchmark
  # (docs/performance.md, session 22: larger memory and WAL settings filed slower).
  as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR $fsync_off ${PG_SETTINGS:-} -c ssl=on -c ssl_cert_file=$PG_DIR/tls/server.pem -c ssl_key_file=$PG_DIR/tls/server.key" start >/dev/null \
    || { cat "$PG_DIR/server.log"; die "PostgreSQL did not start"; }
  export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  # TLS tests: the CA that signed the server's certificate (for localhost and 127.0.0.1).
  export TEST_POSTGRES_CA="$PG_DIR/tls/ca.pem"
}

# A throw-away CA and a server certificate it signed, valid for localhost and 127.0.0.1,
# so the tests can connect with sslmode=verify-full.
make_test_certificates() {
  local dir="$1/tls"
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Safety Net test CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" >/dev/null 2>&1 || die "openssl could not make the test CA"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$dir/server.key" -out "$dir/server.csr" >/dev/null 2>&1 || die "openssl could not make a key"
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' >"$dir/ext.cnf"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 2 -extfile "$dir/ext.cnf" -out "$dir/server.pem" >/dev/null 2>&1 || die "openssl could not sign"
  chmod 0600 "$dir/server.key"
  [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
  chmod 0644 "$dir/ca.pem"
}

stop_postgres() {
  [ -n "$PG_DIR" ] || return 0
  as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}

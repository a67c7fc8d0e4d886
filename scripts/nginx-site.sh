#!/usr/bin/env bash
# Writes DIR/nginx.conf: the shipped deploy/nginx-safety-net.conf on loopback ports, in front of
# APP (host:port), with a fresh self-signed certificate for localhost (DIR/cert.pem, key.pem).
# Used by the API test behind_nginx.rs and by the Chromium journey through nginx, so both
# follow the shipped file. Run: nginx -c DIR/nginx.conf -p DIR
# Usage: scripts/nginx-site.sh DIR APP HTTPS_PORT HTTP_PORT
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 DIR APP HTTPS_PORT HTTP_PORT" >&2; exit 2; }
DIR="$1" APP="$2" HTTPS="$3" HTTP="$4"
SHIPPED="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/deploy/nginx-safety-net.conf"
mkdir -p "$DIR"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost -keyout "$DIR/key.pem" -out "$DIR/cert.pem" >/dev/null 2>&1
site="$(sed \
  -e "s|server 127.0.0.1:3000|server $APP|" \
  -e "s|listen 443 ssl http2;|listen 127.0.0.1:$HTTPS ssl http2;|" \
  -e "s|listen \[::\]:443 ssl http2;||" \
  -e "s|listen 80;|listen 127.0.0.1:$HTTP;|" \
  -e "s|listen \[::\]:80;||" \
  -e "s|/etc/ssl/safety-net/fullchain.pem|$DIR/cert.pem|" \
  -e "s|/etc/ssl/safety-net/privkey.pem|$DIR/key.pem|" \
  -e "s|/var/log/nginx/|$DIR/|" \
  "$SHIPPED")"
# The shipped file must still hold every line replaced above.
for want in "server $APP" "listen 127.0.0.1:$HTTPS ssl" "listen 127.0.0.1:$HTTP;" "$DIR/cert.pem" "$DIR/key.pem"; do
  grep -qF "$want" <<<"$site" || { echo "deploy/nginx-safety-net.conf changed: no '$want'" >&2; exit 1; }
done
cat >"$DIR/nginx.conf" <<CONF
daemon off;
user root;
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/error.log;
events {}
http {
  client_body_temp_path $DIR/body;
  proxy_temp_path $DIR/proxy;
  fastcgi_temp_path $DIR/fastcgi;
  uwsgi_temp_path $DIR/uwsgi;
  scgi_temp_path $DIR/scgi;
$site
}
CONF

#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: start | stop | url | status.
#
#   url="$(scripts/pg-test-server.sh start)"   # prints the SQLAlchemy URL
#   IURC_TEST_PG="$url" pytest ...
#   scripts/pg-test-server.sh stop             # stops it and removes its files
#
# Installs Debian's postgresql when no initdb is found. The server refuses to run
# as root, so as root the cluster belongs to the `postgres` user. It listens on
# 127.0.0.1 only, with trust authentication, in a temporary folder.
set -euo pipefail

PORT="${IURC_PG_PORT:-54329}"
DBNAME="${IURC_PG_DB:-iurc_test}"
STATE="${IURC_PG_STATE:-/tmp/iurc-pg-test-$PORT}"   # the cluster lives here
URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/$DBNAME"

log() { echo "pg-test-server: $*" >&2; }

pg_bin() {
  local initdb
  initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -z "$initdb" ]] && command -v initdb >/dev/null; then
    initdb="$(command -v initdb)"
  fi
  [[ -n "$initdb" ]] && dirname "$initdb"
}

ensure_installed() {
  if [[ -n "$(pg_bin || true)" ]]; then
    return
  fi
  if ! command -v apt-get >/dev/null; then
    log "PostgreSQL is not installed and this is not Debian/Ubuntu: install it, then run again."
    exit 1
  fi
  log "installing postgresql from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

# Run a command as the cluster's owner (root may not run the server).
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

owner() { if [[ "$(id -u)" == 0 ]]; then echo postgres; else id -un; fi; }

running() {
  local bin
  bin="$(pg_bin)"
  [[ -f "$STATE/data/postmaster.pid" ]] && as_owner "$bin/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1
}

start() {
  ensure_installed
  local bin user
  bin="$(pg_bin)"
  user="$(owner)"
  if running; then
    echo "$URL"
    return
  fi
  rm -rf "$STATE"
  mkdir -p "$STATE/socket"
  chown -R "$user" "$STATE"
  chmod 700 "$STATE"
  as_owner "$bin/initdb" -D "$STATE/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 \
    || { cat "$STATE/initdb.log" >&2; exit 1; }
  # Small and fast: no durability needed for a throw-away test cluster.
  as_owner "$bin/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w -t 60 \
    -o "-p $PORT -k $STATE/socket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >&2 || { cat "$STATE/server.log" >&2; exit 1; }
  as_owner "$bin/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qAt \
    -c "CREATE DATABASE $DBNAME" >&2
  log "started on 127.0.0.1:$PORT (files in $STATE)"
  echo "$URL"
}

stop() {
  local bin
  bin="$(pg_bin || true)"
  if [[ -n "$bin" && -d "$STATE/data" ]]; then
    as_owner "$bin/pg_ctl" -D "$STATE/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$STATE"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  status) if running; then echo "running: $URL"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac

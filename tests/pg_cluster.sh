#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: `pg_cluster.sh start DIR` creates and starts one
# in DIR, listening only on a Unix socket inside DIR, and prints its URL; `pg_cluster.sh stop DIR`
# stops it and removes DIR. As root the server runs as the unprivileged `postgres` user
# (PostgreSQL refuses to run as root). Needs the server binaries (Debian: postgresql).
set -euo pipefail

find_bin() {
  if command -v "$1" >/dev/null 2>&1; then command -v "$1"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] || { echo "pg_cluster: $1 not found (install PostgreSQL)" >&2; exit 2; }
  echo "$found"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
pg_ctl=$(find_bin pg_ctl)

case "$cmd" in
  start)
    initdb=$(find_bin initdb)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    chmod 700 "$dir"
    as_owner "$initdb" -D "$dir/data" -U reader_admin --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # Only a socket in DIR: no TCP port to collide with another cluster. For tests, fsync off
    # (the cluster is thrown away); PG_CLUSTER_DURABLE=1 keeps a real server's settings, so
    # benchmarks compare like with like.
    options="-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=200"
    if [ -z "${PG_CLUSTER_DURABLE:-}" ]; then
      options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o "$options" \
      >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    # The test process connects through the socket: let it reach DIR whoever it runs as.
    chmod 755 "$dir"
    echo "postgresql+psycopg://reader_admin@/postgres?host=$dir"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_owner "$pg_ctl" -D "$dir/data" -m immediate stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb in a new temporary directory, listening on a Unix socket in
# that directory only (no TCP port), durable settings (fsync and synchronous_commit on, PostgreSQL's defaults).
#
#   scripts/postgres.sh start         starts one; prints its directory, then its URL (to the `postgres` database)
#   scripts/postgres.sh stop DIR      stops the cluster of DIR and removes DIR
#
# As root, the cluster runs as the `postgres` user that Debian's package creates (PostgreSQL refuses to run as root).
set -euo pipefail

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi

case "${1:-}" in
  start)
    dir="$(mktemp -d /tmp/roundtable-pg-XXXXXX)"
    chmod 755 "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Enough connections for the tests' pools running in parallel.
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $dir -p 5432 -c max_connections=400 -c fsync=on -c synchronous_commit=on" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "$dir"
    echo "postgres://postgres@/postgres?host=$dir&port=5432&sslmode=disable"
    ;;
  stop)
    dir="${2:?usage: postgres.sh stop DIR}"
    [ -d "$dir/data" ] && "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: scripts/postgres.sh start | stop DIR" >&2
    exit 2
    ;;
esac

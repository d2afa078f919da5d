#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests, from Debian's postgresql package:
#   scripts/throwaway-postgres.sh start DIR   -> a fresh cluster in DIR on a free loopback port;
#                                                prints the Npgsql connection string on stdout
#   scripts/throwaway-postgres.sh stop DIR    -> stops it (DIR can then be deleted)
#   scripts/throwaway-postgres.sh pause DIR   -> stops the server, keeping its data (an outage:
#                                                clients' connections are cut, new ones refused)
#   scripts/throwaway-postgres.sh resume DIR  -> starts it again on the same port with the same data
# The server runs as user postgres when started by root (PostgreSQL refuses to run as root).
set -euo pipefail

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop|pause|resume DIR" >&2
  exit 2
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_server() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $1 -k $dir -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
}

case "$command" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres "$dir"
      if ! runuser -u postgres -- test -x "$dir"; then
        echo "user postgres cannot reach $dir (a parent folder is private); use a folder under a world-readable path" >&2
        exit 1
      fi
    fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Kept so that resume brings the server back where its clients look for it.
    echo "$port" >"$dir/port"
    start_server "$port"
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  pause)
    [ -d "$dir/data" ] || { echo "no throwaway PostgreSQL in $dir" >&2; exit 1; }
    # fast: sessions are terminated (clients see their connection cut), data is kept.
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    ;;
  resume)
    [ -f "$dir/port" ] || { echo "no throwaway PostgreSQL in $dir (start it first)" >&2; exit 1; }
    start_server "$(cat "$dir/port")"
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop|pause|resume DIR" >&2
    exit 2
    ;;
esac

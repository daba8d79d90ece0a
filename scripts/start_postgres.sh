#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the store tests; prints the URL to use.
# Usage: eval "$(bash scripts/start_postgres.sh)"   (sets BAIWEN_TEST_PG_URL and PG_TEST_DIR)
set -euo pipefail
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pgbin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
dir=$(mktemp -d /tmp/baiwen-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
run "$pgbin/initdb -D $dir/data -A trust -U postgres -E UTF8 >$dir/initdb.log 2>&1"
run "$pgbin/pg_ctl -D $dir/data -o '-h 127.0.0.1 -p $port -k $dir' -l $dir/server.log -w start >/dev/null"
echo "export PG_TEST_DIR=$dir PG_TEST_BIN=$pgbin"
echo "export BAIWEN_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:$port/postgres"

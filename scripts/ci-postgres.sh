#!/bin/sh
# Start a throwaway PostgreSQL for CI and write its environment to a file.
#
#   scripts/ci-postgres.sh [ENV_FILE]     # default: $PG_TEST_DIR/env.sh (/tmp/hpcbot-pg)
#   . "$ENV_FILE"                          # exports HPCBOT_TEST_POSTGRES_URL
#
# Needs root: installs Debian's `postgresql` quietly if missing, then runs initdb and pg_ctl
# as the postgres user on 127.0.0.1 (trust auth: the cluster holds test data only). Idempotent:
# a cluster already running from $PG_TEST_DIR is reused. Stop it with
#   runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | tail -1)/pg_ctl" -D /tmp/hpcbot-pg/data stop
set -eu
PG_TEST_DIR=${PG_TEST_DIR:-/tmp/hpcbot-pg}
PG_TEST_PORT=${PG_TEST_PORT:-55432}
ENV_FILE=${1:-$PG_TEST_DIR/env.sh}
DATABASE=hpcbot_test

if [ "$(id -u)" -ne 0 ]; then
    echo "ci-postgres.sh: must run as root (installs packages, runs the server as postgres)" >&2
    exit 1
fi
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    echo "ci-postgres.sh: installing postgresql from Debian" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_postgres() { runuser -u postgres -- "$@"; }

mkdir -p "$PG_TEST_DIR"
chown postgres "$PG_TEST_DIR"
if ! as_postgres "$BIN/pg_ctl" -D "$PG_TEST_DIR/data" status >/dev/null 2>&1; then
    if [ ! -f "$PG_TEST_DIR/data/PG_VERSION" ]; then
        as_postgres "$BIN/initdb" -D "$PG_TEST_DIR/data" -U postgres --auth=trust \
            --encoding=UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1
    fi
    # fsync off: a crash loses only test data, and CI gets much faster commits.
    as_postgres "$BIN/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 30 \
        -o "-h 127.0.0.1 -p $PG_TEST_PORT -k $PG_TEST_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null
fi
psql_admin() { as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PG_TEST_PORT" -U postgres -qtAX "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE $DATABASE"
fi
mkdir -p "$(dirname "$ENV_FILE")"
printf 'export HPCBOT_TEST_POSTGRES_URL=%s\n' \
    "postgresql+psycopg://postgres@127.0.0.1:$PG_TEST_PORT/$DATABASE" >"$ENV_FILE"
echo "ci-postgres.sh: $("$BIN/postgres" --version) up on 127.0.0.1:$PG_TEST_PORT; env in $ENV_FILE" >&2

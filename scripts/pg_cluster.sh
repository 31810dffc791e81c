#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests on PostgreSQL (MARSAD_TEST_DB) and for trying marsad on it.
#
#   bash scripts/pg_cluster.sh start   # prints the database URL, e.g.
#                                      # postgresql+psycopg://marsad@/marsad?host=/tmp/marsad-pg-0/socket
#   bash scripts/pg_cluster.sh url     # the URL of the running cluster
#   bash scripts/pg_cluster.sh stop    # stops it and deletes its files
#
# The cluster lives in $MARSAD_PG_DIR (default: $TMPDIR/marsad-pg-UID), listens on a unix socket in that
# folder only (no TCP port to collide with), trusts local connections, and runs with fsync off: it is
# for tests, never for data you want to keep. PostgreSQL itself comes from Debian's packages when
# initdb/pg_ctl are not found (on PATH or in /usr/lib/postgresql/*/bin). initdb refuses to run as
# root: as root the cluster runs as the `postgres` system user (created when missing).
set -euo pipefail

DIR="${MARSAD_PG_DIR:-${TMPDIR:-/tmp}/marsad-pg-$(id -u)}"
DATA="$DIR/data"
SOCK="$DIR/socket"
LOG="$DIR/server.log"
DB_USER="marsad"
DB_NAME="marsad"

say() { echo "pg_cluster.sh: $*" >&2; }
die() { say "$*"; exit 1; }

find_bin() {
    # The folder holding initdb and pg_ctl: PATH first, then the newest Debian version folder.
    local initdb
    if initdb="$(command -v initdb 2>/dev/null)" && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$initdb")"
        return 0
    fi
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}

install_postgres() {
    command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and there is no apt-get here; install PostgreSQL (initdb, pg_ctl) by hand"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo="sudo -n"
        else
            die "PostgreSQL is not installed, and installing it needs root or password-less sudo; run: sudo apt-get install postgresql"
        fi
    fi
    local log
    log="$(mktemp)"
    say "installing PostgreSQL from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends postgresql; } >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        die "apt-get could not install postgresql (above)"
    fi
    rm -f "$log"
}

# as_owner CMD...: run a command as the cluster's owner (this user, or `postgres` when we are root)
as_owner() {
    if [ "$(id -u)" -ne 0 ]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
    fi
}

url() {
    echo "postgresql+psycopg://$DB_USER@/$DB_NAME?host=$SOCK"
}

running() {
    local bin="$1"
    [ -f "$DATA/postmaster.pid" ] && as_owner "$bin/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

start() {
    local bin
    if ! bin="$(find_bin)"; then
        install_postgres
        bin="$(find_bin)" || die "PostgreSQL was installed but initdb/pg_ctl are still not found"
    fi
    if running "$bin"; then
        say "already running in $DIR"
        url
        return 0
    fi
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres \
            || die "running as root, initdb needs an unprivileged user and useradd postgres failed"
    fi
    rm -rf "$DIR"
    mkdir -p "$SOCK"
    if [ "$(id -u)" -eq 0 ]; then
        chown -R postgres: "$DIR"
        # the postgres user must be able to reach its folder through every parent
        local p="$DIR"
        while p="$(dirname "$p")" && [ "$p" != "/" ]; do
            as_owner test -x "$p" || die "user postgres cannot enter $p; set MARSAD_PG_DIR to a folder under /tmp"
        done
    fi
    # C locale and UTF-8: byte-order text comparison, as SQLite's, and any Arabic text
    as_owner "$bin/initdb" -D "$DATA" -U "$DB_USER" -E UTF8 --locale=C --auth=trust >"$DIR/initdb.log" 2>&1 \
        || { cat "$DIR/initdb.log" >&2; die "initdb failed (above)"; }
    as_owner "$bin/pg_ctl" start -D "$DATA" -l "$LOG" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$SOCK' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        >/dev/null || { cat "$LOG" >&2; die "the server did not start (log above)"; }
    local psql="$bin/psql"
    [ -x "$psql" ] || psql="$(command -v psql)" || die "psql not found"
    "$psql" -X -q -h "$SOCK" -U "$DB_USER" -d postgres -c "CREATE DATABASE $DB_NAME" >/dev/null \
        || die "could not create database $DB_NAME"
    "$psql" -X -tA -h "$SOCK" -U "$DB_USER" -d "$DB_NAME" -c "SELECT 1 FROM pg_ts_config WHERE cfgname = 'arabic'" \
        | grep -q 1 || say "warning: this PostgreSQL has no 'arabic' text search configuration"
    say "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') running in $DIR"
    url
}

stop() {
    local bin
    if bin="$(find_bin)" && [ -d "$DATA" ] && running "$bin"; then
        as_owner "$bin/pg_ctl" stop -D "$DATA" -m fast -w >/dev/null || say "pg_ctl stop failed"
    fi
    rm -rf "$DIR"
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    url) [ -d "$DATA" ] || die "no cluster in $DIR (run: bash scripts/pg_cluster.sh start)"; url ;;
    *) die "usage: pg_cluster.sh start|url|stop" ;;
esac

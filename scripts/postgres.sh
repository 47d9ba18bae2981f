# Sourced by ./run-tests: a private PostgreSQL for the county server's tests, on loopback.
# Installs the Debian packages when missing (as root), makes a throwaway cluster in
# $ZHUCUN_PG_DIR (trust auth, 127.0.0.1 only) and exports ZHUCUN_TEST_COUNTY_DB. Without
# PostgreSQL the county tests run on SQLite alone and say so.
ZHUCUN_PG_PORT="${ZHUCUN_PG_PORT:-54329}"
ZHUCUN_PG_DIR="${ZHUCUN_PG_DIR:-${TMPDIR:-/tmp}/zhucun-pg-$ZHUCUN_PG_PORT}"

zhucun_postgres() {
    local bin run=()
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
    if [ -z "$bin" ] && [ "$(id -u)" -eq 0 ]; then
        echo "zhucun: installing postgresql…" >&2
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 || true
        bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
    fi
    if [ -z "$bin" ]; then
        echo "zhucun: no PostgreSQL: the county tests run on SQLite only" >&2
        return 0
    fi
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
        run=(runuser -u postgres --)
    fi
    if ! "${run[@]}" "$bin/pg_ctl" -D "$ZHUCUN_PG_DIR" status >/dev/null 2>&1; then
        rm -rf "$ZHUCUN_PG_DIR"
        mkdir -p "$ZHUCUN_PG_DIR"
        if [ ${#run[@]} -gt 0 ]; then chown postgres "$ZHUCUN_PG_DIR"; fi
        "${run[@]}" "$bin/initdb" -D "$ZHUCUN_PG_DIR" -U zhucun --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
            || { echo "zhucun: initdb failed: the county tests run on SQLite only" >&2; return 0; }
        "${run[@]}" "$bin/pg_ctl" -D "$ZHUCUN_PG_DIR" -l "$ZHUCUN_PG_DIR/server.log" -w \
            -o "-p $ZHUCUN_PG_PORT -k $ZHUCUN_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" \
            start >/dev/null || { echo "zhucun: PostgreSQL did not start (see $ZHUCUN_PG_DIR/server.log)" >&2; return 0; }
    fi
    export ZHUCUN_TEST_COUNTY_DB="postgresql://zhucun@127.0.0.1:$ZHUCUN_PG_PORT/postgres"
}

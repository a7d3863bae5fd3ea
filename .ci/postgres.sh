# Sourced by .ci/run (and usable by hand): start a throwaway PostgreSQL cluster on loopback.
# Sets COMMISSIONER_DESK_TEST_POSTGRES_URL; call pg_stop_throwaway to stop and delete it.
set -euo pipefail

pg_bin_dir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

pg_start_throwaway() {
  if ! PG_BIN=$(pg_bin_dir); then
    echo "Installing PostgreSQL from Debian packages…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    PG_BIN=$(pg_bin_dir)
  fi
  PG_DIR=$(mktemp -d /tmp/cd-pg.XXXXXX)
  PG_PORT=${PG_PORT:-$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
  local run_as=()
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: run the cluster as the postgres user (or nobody).
    local pg_user=postgres
    id "$pg_user" >/dev/null 2>&1 || pg_user=nobody
    chown "$pg_user" "$PG_DIR"
    run_as=(runuser -u "$pg_user" --)
  fi
  "${run_as[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U cd_test --auth=trust -E UTF8 >/dev/null
  "${run_as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off" start >/dev/null
  export COMMISSIONER_DESK_TEST_POSTGRES_URL="postgresql://cd_test@127.0.0.1:$PG_PORT/postgres"
  PG_RUN_AS=("${run_as[@]}")
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

pg_stop_throwaway() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}

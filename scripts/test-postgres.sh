#!/usr/bin/env bash
# Sourced by .ci/run (and usable by hand: `source scripts/test-postgres.sh;
# start_test_postgres; swift test --filter HistoryTests`): installs Debian's
# postgresql when missing, creates a throwaway cluster in a temporary folder
# owned by an unprivileged user, starts it on 127.0.0.1 on a free port with a
# password (SCRAM), exports VALVONTA_TEST_POSTGRES for the tests and stops the
# server (immediate: the cluster is thrown away, so no shutdown checkpoint) and removes the folder when the shell exits.
start_test_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    local SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  TEST_PG_DIR=$(mktemp -d /tmp/valvonta-pg.XXXXXX)
  # initdb refuses root: as root, the cluster belongs to the postgres system user.
  TEST_PG_AS=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$TEST_PG_DIR"
    TEST_PG_AS=(runuser -u postgres --)
  fi
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000)))
  local password="ci-throwaway-$RANDOM$RANDOM"
  printf '%s\n' "$password" >"$TEST_PG_DIR/pw"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$TEST_PG_DIR/pw"
  "${TEST_PG_AS[@]}" "$bin/initdb" -D "$TEST_PG_DIR/data" -U valvonta --pwfile="$TEST_PG_DIR/pw" \
    --auth=scram-sha-256 >"$TEST_PG_DIR/initdb.log" 2>&1 || { cat "$TEST_PG_DIR/initdb.log" >&2; return 1; }
  TEST_PG_CTL="$bin/pg_ctl"
  trap stop_test_postgres EXIT
  "${TEST_PG_AS[@]}" "$TEST_PG_CTL" -D "$TEST_PG_DIR/data" -l "$TEST_PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $TEST_PG_DIR -c max_connections=200" start >/dev/null \
    || { cat "$TEST_PG_DIR/server.log" >&2; return 1; }
  export VALVONTA_TEST_POSTGRES="postgres://valvonta:$password@127.0.0.1:$port/postgres?sslmode=disable"
  echo "test-postgres: a throwaway PostgreSQL server on 127.0.0.1:$port" >&2
}

stop_test_postgres() {
  [ -n "${TEST_PG_DIR:-}" ] || return 0
  "${TEST_PG_AS[@]}" "$TEST_PG_CTL" -D "$TEST_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$TEST_PG_DIR"
  TEST_PG_DIR=""
}

#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 (the store tests run
# on it as well as on SQLite). On this project's machines PostgreSQL 15 is
# installed from Debian's packages; elsewhere, point
# BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING at your own server.
set -euo pipefail
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  exit 0
fi
if command -v pg_ctlcluster >/dev/null 2>&1 && ls /etc/postgresql >/dev/null 2>&1; then
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  echo "postgres: starting cluster $version/main" >&2
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && exit 0
    sleep 1
  done
fi
echo "postgres: no server answers on 127.0.0.1:5432 and none could be started" >&2
exit 1

#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 so the PostgreSQL tests run:
# starts the installed cluster if it is down, installs PostgreSQL with apt if it is missing.
set -uo pipefail
host=127.0.0.1
ready() { pg_isready -q -h "$host" -p 5432 2>/dev/null || python3 - <<'PY'
import socket, sys
s = socket.socket(); s.settimeout(1)
sys.exit(0 if s.connect_ex(("127.0.0.1", 5432)) == 0 else 1)
PY
}
ready && exit 0
if [ "$(id -u)" = "0" ]; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    echo "Installing PostgreSQL for the tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null
    version=$(ls /etc/postgresql | sort -V | tail -1)
    sed -i 's/^\(local\|host\)\(.*\)\(peer\|scram-sha-256\|md5\)$/\1\2trust/' "/etc/postgresql/$version/main/pg_hba.conf"
  fi
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
  done
  for _ in $(seq 1 30); do ready && break; sleep 1; done
fi
if ready; then
  psql -h "$host" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" 2>/dev/null | grep -q 1 \
    || psql -h "$host" -U postgres -d postgres -c "CREATE DATABASE test" >/dev/null 2>&1 || true
  exit 0
fi
echo "No PostgreSQL server answers on $host:5432; the PostgreSQL tests will be skipped." >&2
exit 1

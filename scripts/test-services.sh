#!/usr/bin/env bash
# Sets up what the tests need beyond Python, and prints `export` lines for the caller to eval.
#  - PostgreSQL (Debian package), started on localhost, with a role and database for tests
#    -> SITREP_TEST_PG_URL
#  - Chromium (Debian packages chromium, chromium-driver) for the browser tests
#    -> SITREP_CHROMIUM
# Without root the parts that are missing are skipped; the tests that need them then skip
# with a reason. Progress goes to stderr so stdout stays eval-able.
set -u
log() { echo "[test-services] $*" >&2; }
is_root=0; [ "$(id -u)" = "0" ] && is_root=1
apt_updated=0
apt_install() {
  if [ $is_root = 1 ] && command -v apt-get >/dev/null; then
    if [ $apt_updated = 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
      apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 || log "apt-get install $* failed"
  else
    log "not root or no apt-get: cannot install $*"
  fi
}

# --- PostgreSQL --------------------------------------------------------------------------
if [ -z "${SITREP_TEST_PG_URL:-}" ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
    apt_install postgresql
  fi
  if [ $is_root = 1 ] && command -v pg_lsclusters >/dev/null 2>&1; then
    line=$(pg_lsclusters -h 2>/dev/null | head -n 1)
    if [ -z "$line" ]; then
      ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
      pg_createcluster "$ver" main >&2 || true
      line=$(pg_lsclusters -h | head -n 1)
    fi
    ver=$(echo "$line" | awk '{print $1}'); name=$(echo "$line" | awk '{print $2}'); port=$(echo "$line" | awk '{print $3}')
    pg_ctlcluster "$ver" "$name" start >&2 2>/dev/null || true
    for _ in $(seq 1 30); do
      su postgres -c "psql -p $port -tAc 'select 1'" >/dev/null 2>&1 && break
      sleep 1
    done
    su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -q" >&2 <<SQL || log "could not create the test role"
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sitrep') THEN
    CREATE ROLE sitrep LOGIN PASSWORD 'sitrep' CREATEDB;
  END IF;
END \$\$;
SQL
    su postgres -c "psql -p $port -tAc \"select 1 from pg_database where datname='sitrep_test'\"" | grep -q 1 \
      || su postgres -c "createdb -p $port -O sitrep sitrep_test" >&2
    echo "export SITREP_TEST_PG_URL=postgresql://sitrep:sitrep@localhost:$port/sitrep_test"
    log "PostgreSQL $ver/$name on port $port"
  else
    log "PostgreSQL not available: the PostgreSQL tests will skip"
  fi
fi

# --- Chromium ----------------------------------------------------------------------------
if [ -z "${SITREP_CHROMIUM:-}" ]; then
  if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium chromium-driver fonts-dejavu-core
  fi
  if [ -x /usr/bin/chromium ]; then
    echo "export SITREP_CHROMIUM=/usr/bin/chromium"
  else
    log "Chromium not available: the browser tests will skip"
  fi
fi

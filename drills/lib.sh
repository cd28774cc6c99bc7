# Shared by the drills (sourced). drills/run.sh calls drill_setup once and runs each drill in turn; a drill
# script also runs alone (`bash drills/kill9.sh`): it calls drill_setup, which builds and starts what is
# missing and stops what it started on exit.
#
# After drill_setup:
#   CRONJOB, SANDBOX   release binaries
#   PG_ADMIN_URL, PG_PASSWORD, PG_DIR, PG_PORT   one throwaway PostgreSQL on loopback (scripts/lib/postgres.sh)
#   DRILL_TOKEN        the provider token (the sandbox requires it; every *_API_TOKEN is set to it)
#   DRILL_LOGS         every output of every cronjob and sandbox process goes under here (the secrets drill reads it)
#   DRILL_SCALE        full (default) or ci (reduced counts, set by `drills/run.sh --ci`)
# Each drill prints exactly one line on stdout: `drill NAME: ok  counts...` or `drill NAME: FAIL  why`, and exits
# 0 or 1. Details go to "$DRILL_LOGS/NAME/".

DRILL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$DRILL_ROOT/scripts/lib/deps.sh"
source "$DRILL_ROOT/scripts/lib/postgres.sh"

drill_setup() {
  DRILL_SCALE=${DRILL_SCALE:-full}
  if [ -z "${DRILL_OWNER:-}" ]; then
    export DRILL_OWNER=$$
    ensure_build_deps
    ensure_apt_packages curl procps
    if [ -z "${CRONJOB:-}" ]; then
      (cd "$DRILL_ROOT" && swift build -c release --product cronjob >&2 && swift build -c release --product provider-sandbox >&2) \
        || { echo "release build failed" >&2; exit 1; }
      local bin; bin=$(cd "$DRILL_ROOT" && swift build -c release --show-bin-path)
      export CRONJOB="$bin/cronjob" SANDBOX="$bin/provider-sandbox"
    fi
    DRILL_WORK=$(mktemp -d /tmp/cronjob-drills.XXXXXX)
    chmod 755 "$DRILL_WORK"
    export DRILL_WORK DRILL_LOGS="${DRILL_LOGS:-$DRILL_WORK/logs}"
    mkdir -p "$DRILL_LOGS"
    export DRILL_TOKEN="tok-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
    trap drill_teardown EXIT
    trap 'exit 130' INT TERM
    start_postgres "$DRILL_WORK/pg"
  fi
  export DRILL_SCALE
}

drill_teardown() {
  local pid
  for pid in ${DRILL_SANDBOX_PIDS:-}; do kill "$pid" 2>/dev/null || true; done
  stop_postgres
  [ "${DRILL_KEEP_LOGS:-}" = 1 ] || rm -rf "$DRILL_WORK"
}

# scaled FULL CI: the count for the current scale.
scaled() { if [ "$DRILL_SCALE" = ci ]; then echo "$2"; else echo "$1"; fi; }

# drill_db NAME: a fresh database with the example schema; exports DATABASE_URL (and CRONJOB_ENV=drill).
drill_db() {
  local name="drill_$1"
  psql_admin -q -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" >/dev/null
  export DATABASE_URL="postgresql://cronjob:$PG_PASSWORD@127.0.0.1:$PG_PORT/$name"
  export CRONJOB_ENV=drill
  "$CRONJOB" migrate --example-schema >"$DRILL_LOGS/$1.migrate.log" 2>&1
}

psql_admin() { "$(pg_bindir)/psql" "$PG_ADMIN_URL" -v ON_ERROR_STOP=1 "$@"; }
# q SQL: one value (or rows, |-separated) from the drill's database.
q() { "$(pg_bindir)/psql" "$DATABASE_URL" -v ON_ERROR_STOP=1 -Atc "$1"; }

# drill_sandbox LOG [flags...]: a provider sandbox requiring DRILL_TOKEN; exports SANDBOX_URL and the
# provider variables. Several may run; each is stopped at teardown (or by drill_stop_sandbox).
drill_sandbox() {
  local log=$1; shift
  "$SANDBOX" --host 127.0.0.1 --port 0 --token "$DRILL_TOKEN" --exit-with-parent "$@" >"$log" 2>&1 &
  SANDBOX_PID=$!
  DRILL_SANDBOX_PIDS="${DRILL_SANDBOX_PIDS:-} $SANDBOX_PID"
  local i
  for i in $(seq 1 200); do
    if grep -q '^listening on ' "$log" 2>/dev/null; then
      export SANDBOX_URL="http://$(sed -n 's/^listening on //p' "$log" | head -n 1)"
      export PAYMENTS_API_URL="$SANDBOX_URL" PAYOUTS_API_URL="$SANDBOX_URL" EMAIL_API_URL="$SANDBOX_URL" PUSH_API_URL="$SANDBOX_URL"
      export PAYMENTS_API_TOKEN="$DRILL_TOKEN" PAYOUTS_API_TOKEN="$DRILL_TOKEN" EMAIL_API_TOKEN="$DRILL_TOKEN" PUSH_API_TOKEN="$DRILL_TOKEN"
      return 0
    fi
    kill -0 "$SANDBOX_PID" 2>/dev/null || break
    sleep 0.05
  done
  cat "$log" >&2
  echo "provider-sandbox did not start" >&2
  return 1
}

drill_stop_sandbox() { kill "$SANDBOX_PID" 2>/dev/null || true; wait "$SANDBOX_PID" 2>/dev/null || true; }

# sandbox_admin PATH [JSON]: GET (or POST JSON to) an admin route of the current sandbox.
sandbox_admin() {
  if [ $# -gt 1 ]; then curl -fsS -X POST -H 'Content-Type: application/json' --data "$2" "$SANDBOX_URL$1"
  else curl -fsS "$SANDBOX_URL$1"; fi
}

# key_histogram PREFIX: from the sandbox stats, "sends:keys" pairs for keys starting with PREFIX, e.g. "1:500"
# (every key sent once) or "1:498 2:2" (two keys sent twice).
key_histogram() {
  sandbox_admin /_admin/stats | python3 -c '
import collections, json, sys
keys = json.load(sys.stdin)["keys"]
h = collections.Counter(v for k, v in keys.items() if k.startswith(sys.argv[1]))
print(" ".join(f"{s}:{n}" for s, n in sorted(h.items())) or "none")' "$1"
}

drill_ok() { echo "drill $1: ok  $2"; exit 0; }
drill_fail() { echo "drill $1: FAIL  $2"; exit 1; }

# verify_exactly_once ROWS STATS: the exactly-once check of the kill9, sigterm and db-restart drills
# (drills/exactly_once.py): one line of counts, then one line of problems (empty when none).
verify_exactly_once() { SANDBOX_URL="$SANDBOX_URL" python3 "$DRILL_ROOT/drills/exactly_once.py" "$1" "$2"; }

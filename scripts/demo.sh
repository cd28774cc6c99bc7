#!/usr/bin/env bash
# One command that shows cronjob working: installs what it needs, starts a throwaway PostgreSQL on loopback,
# migrates with the example schema, seeds a realistic dataset, runs notify-upload, shows the history,
# and stops everything it started (also on Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
source scripts/lib/postgres.sh

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "checking build dependencies"
ensure_build_deps

step "building cronjob (release; the first build takes a few minutes)"
swift build -c release --product cronjob 2>&1 | grep -E 'error|warning: unre|Compiling cronjob|Build complete' || true
bin="$(swift build -c release --show-bin-path)/cronjob"
[ -x "$bin" ] || { echo "build failed" >&2; exit 1; }

work=$(mktemp -d /tmp/cronjob-demo.XXXXXX)
chmod 755 "$work"
cleanup() { stop_postgres; rm -rf "$work"; }
trap cleanup EXIT
trap 'echo; echo "interrupted; cleaning up"; exit 130' INT TERM

step "starting a throwaway PostgreSQL on 127.0.0.1"
start_postgres "$work/pg"
export DATABASE_URL="$PG_ADMIN_URL"
export CRONJOB_LOG_FORMAT=text
echo "PostgreSQL $(psql "$DATABASE_URL" -Atc 'show server_version') on port $PG_PORT"

step "cronjob migrate --example-schema"
"$bin" migrate --example-schema

step "cronjob seed --scale 1"
"$bin" seed --scale 1

step "cronjob run notify-upload"
set +e
"$bin" run notify-upload
code=$?
set -e
echo "notify-upload exited $code"

step "cronjob run notify-upload (again: nothing is queued twice)"
"$bin" run notify-upload || true

step "cronjob history"
"$bin" history

echo
echo "done; stopping PostgreSQL"
exit "$code"

#!/usr/bin/env bash
# One command that shows cronjob working end to end on this machine: installs what it needs, starts a throwaway
# PostgreSQL and the provider sandbox on loopback, migrates with the example schema, seeds a realistic dataset,
# dry-runs sync-payments, runs every job and prints its exit code, lists the schedules, shows the run history,
# and stops everything it started (also on Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
source scripts/lib/postgres.sh
source scripts/lib/sandbox.sh

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "checking build dependencies"
ensure_build_deps

step "building cronjob and provider-sandbox (the first build takes a few minutes)"
swift build --product cronjob 2>&1 | grep -E 'error|Build complete' || true
swift build --product provider-sandbox 2>&1 | grep -E 'error|Build complete' || true
bindir="$(swift build --show-bin-path)"
bin="$bindir/cronjob"
[ -x "$bin" ] && [ -x "$bindir/provider-sandbox" ] || { echo "build failed" >&2; exit 1; }

work=$(mktemp -d /tmp/cronjob-demo.XXXXXX)
chmod 755 "$work"
cleanup() { stop_sandbox; stop_postgres; rm -rf "$work"; }
trap cleanup EXIT
trap 'echo; echo "interrupted; stopping what the demo started"; exit 130' INT TERM

step "starting a throwaway PostgreSQL on 127.0.0.1"
start_postgres "$work/pg"
export DATABASE_URL="$PG_ADMIN_URL"
echo "PostgreSQL $(psql "$DATABASE_URL" -Atc 'show server_version') on port $PG_PORT"

step "starting the provider sandbox (payments, payouts, email, push) on 127.0.0.1"
start_sandbox "$bindir/provider-sandbox" "$work/sandbox.log" --latency 5 --payment-default hash
export_provider_env
echo "provider sandbox at $SANDBOX_URL"

export CRONJOB_LOG_FORMAT=text CRONJOB_CONNECT_TIMEOUT=10s

step "cronjob migrate --example-schema"
"$bin" migrate --example-schema

step "cronjob seed --scale 1 (400 users, 60 events, orders in every state)"
"$bin" seed --scale 1

if "$bin" jobs | grep -q '^sync-payments '; then
  step "cronjob run sync-payments --dry-run (what it would do; nothing is committed, no write is sent)"
  "$bin" run sync-payments --dry-run 2>/dev/null || true
fi

declare -A outcome
for job in $("$bin" jobs | awk '{print $1}'); do
  step "cronjob run $job"
  set +e
  "$bin" run "$job"
  code=$?
  set -e
  outcome[$job]=$code
done

step "cronjob schedules --env production --next 2"
"$bin" schedules --env production --next 2 --file schedules.yaml || true

step "cronjob history"
"$bin" history --limit 20

step "summary"
failed=0
for job in "${!outcome[@]}"; do
  printf '  %-24s exit %s\n' "$job" "${outcome[$job]}"
  [ "${outcome[$job]}" = 0 ] || failed=1
done
echo
echo "stopping the sandbox and PostgreSQL"
exit "$failed"

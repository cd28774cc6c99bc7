#!/usr/bin/env bash
# process-notifications over a seeded backlog with two concurrent runs of the built binary: starts its own
# PostgreSQL and provider-sandbox on loopback, seeds `--notifications N`, runs two
# `cronjob run process-notifications --concurrency allow` at once, then prints the sandbox's histogram of
# sends per idempotency key (every key exactly once: `{1: N}`), the rows per status, the wall time and
# notifications/s. Stops everything it started.
#
#   bash benchmarks/notifications-two-runs.sh [--notifications 10000] [--runs 2] [--latency 0] [--debug]
set -euo pipefail
cd "$(dirname "$0")/.."

notifications=10000 runs=2 latency=0 configuration=release
while [ $# -gt 0 ]; do
  case "$1" in
    --notifications) notifications=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --latency) latency=$2; shift 2 ;;
    --debug) configuration=debug; shift ;;
    *) echo "usage: $0 [--notifications N] [--runs N] [--latency MS] [--debug]" >&2; exit 64 ;;
  esac
done

source scripts/lib/deps.sh
source scripts/lib/postgres.sh
ensure_build_deps
ensure_apt_packages curl

echo "building cronjob and provider-sandbox ($configuration)..." >&2
swift build -c "$configuration" --product cronjob >&2
swift build -c "$configuration" --product provider-sandbox >&2
bin=$(swift build -c "$configuration" --show-bin-path)

work=$(mktemp -d /tmp/notifications-bench.XXXXXX)
chmod 755 "$work"
sandbox_pid=
cleanup() {
  [ -n "$sandbox_pid" ] && { kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; }
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_postgres "$work/pg"
export DATABASE_URL="$PG_ADMIN_URL"
cd "$work"  # no schedules.yaml here: the flags below are the whole configuration
"$bin/cronjob" migrate --example-schema >/dev/null
"$bin/cronjob" seed --notifications "$notifications" >"$work/seed.log"

"$bin/provider-sandbox" --host 127.0.0.1 --port 0 --token bench-token --latency "$latency" >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 1 200); do
  grep -q '^listening on ' "$work/sandbox.out" && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.err" >&2; exit 1; }
  sleep 0.05
done
port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/sandbox.out" | head -n 1)
[ -n "$port" ] || { echo "provider-sandbox did not print its port" >&2; exit 1; }
export EMAIL_API_URL="http://127.0.0.1:$port" PUSH_API_URL="http://127.0.0.1:$port"
export EMAIL_API_TOKEN=bench-token PUSH_API_TOKEN=bench-token

count_sql() { "$(pg_bindir)/psql" "$DATABASE_URL" -Atc "$1"; }
due=$(count_sql "SELECT count(*) FROM notifications WHERE status IN ('queued','sending') AND next_attempt_at <= now()")
echo "due notifications before the runs: $due (seeded --notifications $notifications plus the demo world's due rows)"

start=$(date +%s.%N)
pids=()
for i in $(seq 1 "$runs"); do
  "$bin/cronjob" run process-notifications --concurrency allow --timeout 30m >"$work/run$i.log" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!pids[@]}"; do
  if wait "${pids[$i]}"; then code=0; else code=$?; status=1; fi
  echo "run $((i + 1)) exited $code"
done
end=$(date +%s.%N)

curl -fsS "http://127.0.0.1:$port/_admin/stats" >"$work/stats.json"
count_sql "SELECT status || ' ' || count(*) FROM notifications GROUP BY status ORDER BY status" >"$work/statuses"
sent_now=$(count_sql "SELECT count(*) FROM notifications WHERE status = 'sent' AND sent_at >= to_timestamp($start)")
python3 - "$work/stats.json" "$start" "$end" "$sent_now" "$work/statuses" <<'PY'
import collections, json, sys
stats = json.load(open(sys.argv[1]))
start, end, sent = float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
histogram = dict(sorted(collections.Counter(stats["keys"].values()).items()))
print("sends per idempotency key (sends: keys):", histogram)
print("provider requests:", stats["total"], "statuses:", stats["statuses"], "max in flight:", stats["max_in_flight"],
      "keys dropped:", stats.get("keys_dropped", 0))
print("rows by status after the runs:", ", ".join(open(sys.argv[5]).read().split("\n")).strip(", "))
seconds = end - start
print(f"sent {sent} notifications in {seconds:.2f} s: {sent / seconds:.0f} notifications/s")
PY
for i in $(seq 1 "$runs"); do
  grep -h '"processed notifications"' "$work/run$i.log" | head -n 1 || tail -n 3 "$work/run$i.log"
done
exit $status

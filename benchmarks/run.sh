#!/usr/bin/env bash
# The benchmark suite in one command: builds the release binaries, starts one throwaway PostgreSQL and one
# provider-sandbox on loopback, runs every benchmark --runs times (each run from an identical copy of the same
# seeded backlog, restored with CREATE DATABASE ... TEMPLATE), measures the references in the same invocation,
# stops everything it started and prints ONE table (benchmarks/report.py): per row the median [min–max], the
# reference, the ratio, its target and PASS/MISS. See benchmarks/README.md for what each row means.
#
#   bash benchmarks/run.sh [--runs 3] [--quick] [--drain 100000] [--latency-notifications 4000]
#                          [--payments 10000] [--memory-notifications 1000000] [--memory-runs 1]
#                          [--cold-runs 20] [--wrk-duration 5s] [--only drain,latency,payments,cold,memory]
#                          [--set NAME=VALUE]... [--results FILE] [--no-build] [--profile]
#
# --profile (or `--only profile`) adds one drain of --drain notifications under `perf record` and writes its top
# symbols (self time) and a breakdown by area next to the results file (RESULTS-profile.txt), and prints them.
# The jobs run with their default settings; --set NAME=VALUE (repeatable) gives every cronjob run that variable
# (e.g. --set HTTP_TRANSPORT=urlsession), and the table says so. --no-build uses the binaries already built.
# --quick: small sizes and one run (about 2 minutes), a smoke test of the script; its figures mean little.
# Not part of CI: it takes ~15 minutes on 2 cores (5 of them the 1M memory drain), and its figures depend on
# what else the machine runs.
set -eEuo pipefail
trap 'echo "BENCHMARK FAILED: benchmarks/run.sh line $LINENO: $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/.."
repo=$PWD

usage() {
  sed -n '8,17p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit "${1:-64}"
}

runs= drain= latency_notifications= payments= memory_notifications= memory_runs= cold_runs= wrk_duration=
quick=0 build=1 only=drain,latency,payments,cold,memory results= job_env=() profile=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick|--no-build|--profile|-h|--help) ;;
    *) [ $# -ge 2 ] || { echo "$1 needs a value" >&2; usage; } ;;
  esac
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    --drain) drain=$2; shift 2 ;;
    --latency-notifications) latency_notifications=$2; shift 2 ;;
    --payments) payments=$2; shift 2 ;;
    --memory-notifications) memory_notifications=$2; shift 2 ;;
    --memory-runs) memory_runs=$2; shift 2 ;;
    --cold-runs) cold_runs=$2; shift 2 ;;
    --wrk-duration) wrk_duration=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --results) results=$2; shift 2 ;;
    --set) [[ $2 =~ ^[A-Z][A-Z0-9_]*=.*$ ]] || { echo "--set wants NAME=VALUE" >&2; exit 64; }; job_env+=("$2"); shift 2 ;;
    --no-build) build=0; shift ;;
    --profile) profile=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
if [ "$quick" = 1 ]; then
  : "${runs:=1}" "${drain:=10000}" "${latency_notifications:=800}" "${payments:=800}"
  : "${memory_notifications:=50000}" "${memory_runs:=1}" "${cold_runs:=5}" "${wrk_duration:=2s}"
else
  : "${runs:=3}" "${drain:=100000}" "${latency_notifications:=4000}" "${payments:=10000}"
  : "${memory_notifications:=1000000}" "${memory_runs:=1}" "${cold_runs:=20}" "${wrk_duration:=5s}"
fi
for n in runs drain latency_notifications payments memory_notifications memory_runs cold_runs; do
  [[ ${!n} =~ ^[1-9][0-9]*$ ]] || { echo "--${n//_/-} must be a positive integer" >&2; exit 64; }
done
[[ $wrk_duration =~ ^[1-9][0-9]*[smh]?$ ]] || { echo "--wrk-duration must be like 5s" >&2; exit 64; }
for b in ${only//,/ }; do
  case "$b" in drain|latency|payments|cold|memory|profile) ;; *) echo "--only: unknown benchmark '$b'" >&2; exit 64 ;; esac
done
[ "$profile" = 0 ] || only="$only,profile"
wants() { [[ ",$only," == *",$1,"* ]]; }
[ -n "$results" ] || results="/tmp/cronjob-bench-$(date -u +%Y%m%dT%H%M%SZ).tsv"

# The settings the jobs run with are their defaults; these are only the figures the script derives from them.
concurrency=8         # HTTP_CONCURRENCY default (Sources/HTTP/HTTPClientConfiguration.swift)
batch_size=200        # PROCESS_NOTIFICATIONS_BATCH_SIZE default (jobs/ProcessNotifications/ProcessNotificationsSettings.swift)
latency_ms=50         # provider latency of the latency-bound rows
token=bench-token     # the sandbox requires it on every provider route; every *_API_TOKEN is this

# Nothing from the caller's environment may change the jobs' settings or where they connect.
while read -r v; do unset "$v"; done < <(compgen -e | grep -E \
  '^(HTTP_|PROCESS_NOTIFICATIONS_|SYNC_PAYMENTS_|NOTIFY_UPLOAD_|CHECK_PAYOUT_|PAYOUT_|CRONJOB_|DATABASE_|ECS_|EMAIL_API_|PUSH_API_|PAYMENTS_API_|PAYOUTS_API_|PG[A-Z]+$)' || true)

source scripts/lib/deps.sh
source scripts/lib/postgres.sh
source scripts/lib/sandbox.sh
ensure_build_deps
ensure_apt_packages wrk time curl
if wants profile; then ensure_apt_packages linux-perf || { echo "--profile needs perf (apt-get install linux-perf)" >&2; exit 1; }; fi

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '\nBENCHMARK FAILED: %s\n' "$*" >&2; exit 1; }

started=$(date +%s)
# The binary as the image ships it (Dockerfile: --static-swift-stdlib), in a build directory of its own so that it
# never trades objects with the dynamically linked release build of the tests and drills.
build_flags=(-c release --static-swift-stdlib --scratch-path .build-bench)
if [ "$build" = 1 ]; then
  log "building cronjob and provider-sandbox (release, --static-swift-stdlib, .build-bench)..."
  { swift build "${build_flags[@]}" --product cronjob >&2 && swift build "${build_flags[@]}" --product provider-sandbox >&2; } \
    || die "the release build failed (--no-build runs the binaries built last, if any)"
fi
built=$(swift build "${build_flags[@]}" --show-bin-path)
[ -x "$built/cronjob" ] && [ -x "$built/provider-sandbox" ] || die "release binaries missing in $built (drop --no-build)"
pg_bin=$(pg_bindir)

work=$(mktemp -d /tmp/cronjob-bench.XXXXXX)
chmod 755 "$work"
mkdir "$work/run" "$work/logs" "$work/bin"  # run/: the jobs' working directory, no schedules.yaml
# A copy of the binaries: the build directory is shared, and a rebuild during the benchmark must not change them.
cp "$built/cronjob" "$built/provider-sandbox" "$work/bin/"
bin=$work/bin
cleanup() {
  stop_sandbox
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

: >"$results"
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$results"; }  # kind key value

# ---------------------------------------------------------------------------------------------------- machine
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$repo" diff --quiet HEAD -- Sources jobs Package.swift 2>/dev/null || commit="$commit+uncommitted changes"
record info date "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
record info host "$(uname -sr), $(nproc) cores ($cpu_model), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
record info load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
record info commit "$commit"
record info binary "cronjob $(sha256sum "$bin/cronjob" | cut -c1-12), built $(date -u -r "$built/cronjob" '+%Y-%m-%d %H:%M UTC')"
record info settings "${job_env[*]:-defaults}"
record info postgres "$("$pg_bin/postgres" --version | sed 's/^postgres (PostgreSQL) //') on loopback TCP (fsync=off, synchronous_commit=off)"
record info swift "$(swift --version 2>/dev/null | head -n 1)"
for p in runs drain latency_notifications payments memory_notifications memory_runs cold_runs wrk_duration \
         concurrency batch_size latency_ms quick only; do
  record param "$p" "${!p}"
done
echo "== machine"
awk -F'\t' '$1 == "info" { printf "  %-10s %s\n", $2, $3 }' "$results"
echo "== sizes: runs $runs, drain $drain, latency-bound $latency_notifications, payments $payments," \
  "memory $memory_notifications x $memory_runs, cold start $cold_runs each, benchmarks: $only"
echo "   results file: $results"

# ------------------------------------------------------------------------------------------- servers, helpers
log "starting PostgreSQL and provider-sandbox on loopback..."
start_postgres "$work/pg"
pg_pid=$(head -n 1 "$work/pg/data/postmaster.pid")
db_url() { printf '%s/%s' "${PG_ADMIN_URL%/postgres}" "$1"; }
q() {  # q URL SQL: one value or rows, unaligned; NOTICEs (DROP ... IF EXISTS) are not worth printing
  PGOPTIONS='-c client_min_messages=warning' "$pg_bin/psql" "$1" -XAtq -v ON_ERROR_STOP=1 -c "$2"
}
admin() { q "$PG_ADMIN_URL" "$1" >/dev/null; }
strategy=
[ "$(q "$PG_ADMIN_URL" 'SHOW server_version_num')" -ge 150000 ] && strategy="STRATEGY = FILE_COPY"
copy_db() { admin "DROP DATABASE IF EXISTS $1"; admin "CREATE DATABASE $1 TEMPLATE $2 $strategy"; }  # copy_db NEW TEMPLATE
drop_db() { admin "DROP DATABASE IF EXISTS $1"; }

start_sandbox "$bin/provider-sandbox" "$work/logs/sandbox.log" --token "$token" --latency 0 --payment-default approved \
  --exit-with-parent
export PAYMENTS_API_URL="$SANDBOX_URL" PAYOUTS_API_URL="$SANDBOX_URL" EMAIL_API_URL="$SANDBOX_URL" PUSH_API_URL="$SANDBOX_URL"
export PAYMENTS_API_TOKEN=$token PAYOUTS_API_TOKEN=$token EMAIL_API_TOKEN=$token PUSH_API_TOKEN=$token
# reset_sandbox [LATENCY_MS]: forget counts and keys (reset also restores the start flags), then set the latency.
reset_sandbox() {
  curl -fsS -X POST "$SANDBOX_URL/_admin/reset" >/dev/null
  curl -fsS -X POST -H 'Content-Type: application/json' -d "{\"latency_ms\":[${1:-0},${1:-0}]}" \
    "$SANDBOX_URL/_admin/config" >/dev/null
}

# CPU seconds used so far: by the sandbox, and by PostgreSQL (postmaster, its live children, and its exited
# children: a backend's time moves to the postmaster's cutime/cstime when it exits).
ticks_per_second=$(getconf CLK_TCK)
sandbox_cpu() { awk -v hz="$ticks_per_second" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$SANDBOX_PID/stat"; }
postgres_cpu() {
  # (a process may exit between the glob and the read: cat then fails, which is fine)
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$pg_pid" -v hz="$ticks_per_second" '
    { line = $0; pid = $1; sub(/^.*\) /, "", line); split(line, f, " ")
      # after the comm field: f[2] = ppid, f[12] utime, f[13] stime, f[14] cutime, f[15] cstime
      if (pid == pm) t += f[12] + f[13] + f[14] + f[15]; else if (f[2] == pm) t += f[12] + f[13] }
    END { printf "%.2f", t / hz }'
}
now_s() { date +%s.%N; }
job_exports() { [ ${#job_env[@]} -eq 0 ] || export "${job_env[@]}"; }  # the --set variables, in a job's subshell
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6g", (b > 0 ? a / b : 0) }'; }

seed_template() {  # seed_template NAME SEED-FLAGS...: a migrated, seeded database to copy runs from
  local name=$1; shift
  copy_db "$name" tpl_empty
  ( cd "$work/run" && DATABASE_URL=$(db_url "$name") "$bin/cronjob" seed "$@" >"$work/logs/seed-$name.log" 2>&1 ) \
    || { cat "$work/logs/seed-$name.log" >&2; die "seed $* failed"; }
  log "  $name: $(head -n 1 "$work/logs/seed-$name.log")"
  q "$(db_url "$name")" "VACUUM ANALYZE" >/dev/null  # every copy starts with the same statistics and hint bits
}

extra_env=()  # variables for one run_job only (after the --set ones)
profile_cmd=()  # a command run_job puts in front of cronjob (perf record for the profile)
# run_job JOB DB LABEL: runs `cronjob run JOB` under GNU time from the empty working directory, against DB,
# with the default settings; sets wall, cpu (user+sys s), rss_kib, run_start; fails loudly unless it exits 0.
run_job() {
  local job=$1 db=$2 label=$3 code=0
  local out="$work/logs/$label.log" timing="$work/logs/$label.time"
  run_start=$(now_s)
  ( cd "$work/run" && job_exports && { [ ${#extra_env[@]} -eq 0 ] || export "${extra_env[@]}"; } \
      && DATABASE_URL=$(db_url "$db") /usr/bin/time -f '%e %U %S %M' -o "$timing" \
      "${profile_cmd[@]}" "$bin/cronjob" run "$job" --timeout 60m --concurrency allow >"$out" 2>&1 ) || code=$?
  local end; end=$(now_s)
  if [ "$code" != 0 ]; then
    tail -n 5 "$out" >&2
    die "$label: cronjob run $job exited $code (log above)"
  fi
  wall=$(elapsed "$run_start" "$end")
  read -r _ user sys rss_kib < <(tail -n 1 "$timing")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}

# Sandbox stats after a notifications run: no Idempotency-Key sent twice, and the most requests in flight.
check_sandbox_keys() {  # check_sandbox_keys LABEL SENT
  curl -fsS "$SANDBOX_URL/_admin/stats" | python3 -c '
import collections, json, sys
label, sent = sys.argv[1], int(sys.argv[2])
s = json.load(sys.stdin)
twice = sum(1 for v in s["keys"].values() if v > 1)
print(s["max_in_flight"], s["total"], twice, s.get("keys_dropped", 0))
if twice:
    sys.exit(f"{label}: {twice} Idempotency-Keys were sent more than once")
' "$1" "$2"
}

due_sql="SELECT count(*) FROM notifications WHERE status IN ('queued','sending') AND next_attempt_at <= now()"
# Every notification the seed added (dedupe_key bulk:N) must end sent, and nothing that was due at the start
# may be left due: otherwise the figure would be for less work than it claims.
check_notifications() {  # check_notifications LABEL DB SEEDED START
  local url; url=$(db_url "$2")
  local bulk_sent left
  bulk_sent=$(q "$url" "SELECT count(*) FROM notifications WHERE dedupe_key LIKE 'bulk:%' AND status = 'sent'")
  left=$(q "$url" "SELECT count(*) FROM notifications WHERE status IN ('queued','sending') AND next_attempt_at <= to_timestamp($4)")
  [ "$bulk_sent" = "$3" ] || die "$1: only $bulk_sent of the $3 seeded notifications ended sent ($(q "$url" \
    "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM notifications WHERE dedupe_key LIKE 'bulk:%' GROUP BY 1) s"))"
  [ "$left" = 0 ] || die "$1: $left notifications that were due at the start are still queued or sending"
}
count_sent() { q "$(db_url "$1")" "SELECT count(*) FROM notifications WHERE status = 'sent'"; }

# ------------------------------------------------------------------------------------------------- templates
log "seeding the template databases..."
admin "CREATE DATABASE tpl_empty"
( cd "$work/run" && DATABASE_URL=$(db_url tpl_empty) "$bin/cronjob" migrate --example-schema >"$work/logs/migrate.log" 2>&1 ) \
  || { cat "$work/logs/migrate.log" >&2; die "migrate failed"; }
only_bulk=(--payouts 0 --pending-uploads 0)
{ wants drain || wants profile; } && seed_template tpl_drain --notifications "$drain" --payments 0 "${only_bulk[@]}"
wants latency && seed_template tpl_latency --notifications "$latency_notifications" --payments 0 "${only_bulk[@]}"
wants payments && seed_template tpl_payments --payments "$payments" --notifications 0 "${only_bulk[@]}"

# --------------------------------------------------------------------------------------------- one benchmark run
bench_drain() {  # 1. process-notifications at 0 ms, its database floor (pgbench) and the sandbox's capacity (wrk)
  local i=$1 db=drain_$i sent before pg0 sb0
  copy_db "$db" tpl_drain
  before=$(count_sent "$db")
  reset_sandbox 0
  pg0=$(postgres_cpu); sb0=$(sandbox_cpu)
  run_job process-notifications "$db" "drain-$i"
  local pg_cpu sb_cpu
  pg_cpu=$(elapsed "$pg0" "$(postgres_cpu)"); sb_cpu=$(elapsed "$sb0" "$(sandbox_cpu)")
  sent=$(( $(count_sent "$db") - before ))
  check_notifications "drain run $i" "$db" "$drain" "$run_start"
  local in_flight total twice dropped
  read -r in_flight total twice dropped < <(check_sandbox_keys "drain run $i" "$sent") || die "drain run $i: sandbox check failed"
  drop_db "$db"
  record sample drain.rate "$(div "$sent" "$wall")"
  record sample drain.sent "$sent"
  record sample drain.wall "$wall"
  record sample drain.cpu "$cpu"
  record sample drain.rss_kib "$rss_kib"
  record sample drain.cpu_postgres "$pg_cpu"
  record sample drain.cpu_sandbox "$sb_cpu"
  record sample drain.max_in_flight "$in_flight"
  log "  drain $i: $sent sent in $wall s = $(div "$sent" "$wall")/s; cronjob CPU $cpu s, RSS $((rss_kib / 1024)) MiB;" \
    "postgres CPU $pg_cpu s, sandbox CPU $sb_cpu s; $total requests, max in flight $in_flight"

  # The same drain on the other transport, URLSession (libcurl), which the default replaced: the comparison the
  # README cites. Same backlog, same sandbox, same checks.
  db=drain_urlsession_$i
  copy_db "$db" tpl_drain
  before=$(count_sent "$db")
  reset_sandbox 0
  extra_env=(HTTP_TRANSPORT=urlsession)
  run_job process-notifications "$db" "drain-urlsession-$i"
  extra_env=()
  sent=$(( $(count_sent "$db") - before ))
  check_notifications "urlsession drain run $i" "$db" "$drain" "$run_start"
  check_sandbox_keys "urlsession drain run $i" "$sent" >/dev/null || die "urlsession drain run $i: sandbox check failed"
  drop_db "$db"
  record sample drain_urlsession.rate "$(div "$sent" "$wall")"
  record sample drain_urlsession.cpu "$cpu"
  record sample drain_urlsession.rss_kib "$rss_kib"
  log "  drain $i on URLSession: $sent sent in $wall s = $(div "$sent" "$wall")/s; cronjob CPU $cpu s, RSS $((rss_kib / 1024)) MiB"

  # (a) the database floor: the job's claim and completion statements, nothing else, from one pgbench client
  db=floor_$i
  copy_db "$db" tpl_drain
  local url due batches start end
  url=$(db_url "$db")
  before=$(count_sent "$db")
  due=$(q "$url" "$due_sql")
  batches=$(( (due + batch_size - 1) / batch_size + 1 ))  # +1: rows that come due meanwhile; an empty batch is cheap
  pg0=$(postgres_cpu)
  start=$(now_s)
  "$pg_bin/pgbench" -n -c 1 -D batch_size="$batch_size" -f "$repo/benchmarks/sql/notifications-floor.sql" -t "$batches" \
    "$url" >"$work/logs/floor-$i.log" 2>&1 || { tail -n 20 "$work/logs/floor-$i.log" >&2; die "floor run $i: pgbench failed"; }
  end=$(now_s)
  pg_cpu=$(elapsed "$pg0" "$(postgres_cpu)")
  grep -q '^number of failed transactions: 0 ' "$work/logs/floor-$i.log" || die "floor run $i: pgbench reports failed transactions"
  sent=$(( $(count_sent "$db") - before ))
  check_notifications "floor run $i" "$db" "$drain" "$start"
  drop_db "$db"
  wall=$(elapsed "$start" "$end")
  record sample floor.rate "$(div "$sent" "$wall")"
  record sample floor.sent "$sent"
  record sample floor.wall "$wall"
  record sample floor.batches "$batches"
  record sample floor.cpu_postgres "$pg_cpu"
  log "  floor $i: $sent sent by $batches pgbench batches in $wall s = $(div "$sent" "$wall")/s; postgres CPU $pg_cpu s"

  # (b) the sandbox's capacity at the job's concurrency: wrk, one thread, $concurrency connections
  reset_sandbox 0
  SANDBOX_TOKEN=$token wrk -t1 -c"$concurrency" -d"$wrk_duration" -s "$work/messages.lua" "$SANDBOX_URL" \
    >"$work/logs/wrk-$i.log" 2>&1 || { cat "$work/logs/wrk-$i.log" >&2; die "wrk failed"; }
  local rps
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$work/logs/wrk-$i.log")
  [ -n "$rps" ] || { cat "$work/logs/wrk-$i.log" >&2; die "wrk printed no Requests/sec"; }
  if grep -qE 'Non-2xx|Socket errors' "$work/logs/wrk-$i.log"; then
    cat "$work/logs/wrk-$i.log" >&2; die "wrk run $i: errors (wrong token? sandbox overloaded?)"
  fi
  record sample sandbox.rate "$rps"
  log "  sandbox $i: wrk -t1 -c$concurrency -d$wrk_duration POST /v1/messages: $rps requests/s"
}

bench_latency() {  # 2. process-notifications at 50 ms, against the ideal concurrency / latency
  local i=$1 db=latency_$i before sent
  copy_db "$db" tpl_latency
  before=$(count_sent "$db")
  reset_sandbox "$latency_ms"
  run_job process-notifications "$db" "latency-$i"
  sent=$(( $(count_sent "$db") - before ))
  check_notifications "latency-bound run $i" "$db" "$latency_notifications" "$run_start"
  local in_flight total twice dropped
  read -r in_flight total twice dropped < <(check_sandbox_keys "latency-bound run $i" "$sent") || die "latency-bound run $i: sandbox check failed"
  drop_db "$db"
  record sample latency.rate "$(div "$sent" "$wall")"
  record sample latency.wall "$wall"
  record sample latency.max_in_flight "$in_flight"
  log "  latency-bound $i: $sent sent in $wall s = $(div "$sent" "$wall")/s (max in flight $in_flight)"
}

bench_payments() {  # 3. sync-payments at 50 ms, every payment approved
  local i=$1 db=payments_$i url due checked left
  copy_db "$db" tpl_payments
  url=$(db_url "$db")
  due=$(q "$url" "SELECT count(*) FROM payments WHERE status = 'pending' AND next_check_at <= now()")
  reset_sandbox "$latency_ms"
  run_job sync-payments "$db" "payments-$i"
  # Counted: payments this run checked (checked_at set during it); the seed's demo world adds a few due ones.
  checked=$(q "$url" "SELECT count(*) FROM payments WHERE checked_at >= to_timestamp($run_start)")
  left=$(q "$url" "SELECT count(*) FROM payments WHERE status = 'pending' AND next_check_at <= to_timestamp($run_start)")
  drop_db "$db"
  [ "$left" = 0 ] || die "payments run $i: $left payments due at the start are still pending and due"
  [ "$checked" -ge "$payments" ] || die "payments run $i: only $checked payments checked of $due due ($payments seeded)"
  record sample payments.rate "$(div "$checked" "$wall")"
  record sample payments.checked "$checked"
  record sample payments.wall "$wall"
  record sample payments.cpu "$cpu"
  record sample payments.rss_kib "$rss_kib"
  log "  sync-payments $i: $checked checked in $wall s = $(div "$checked" "$wall")/s; CPU $cpu s, RSS $((rss_kib / 1024)) MiB"
}

bench_cold() {  # 4. cronjob run notify-upload with nothing to do vs psql -c 'select 1', alternating
  copy_db cold tpl_empty
  local url i t0 t1 code
  url=$(db_url cold)
  one_cronjob() {
    t0=$(date +%s%N)
    ( cd "$work/run" && job_exports && DATABASE_URL=$url "$bin/cronjob" run notify-upload >"$work/logs/cold.log" 2>&1 ) || {
      code=$?; tail -n 3 "$work/logs/cold.log" >&2; die "cold start: cronjob run notify-upload exited $code"; }
    t1=$(date +%s%N)
  }
  one_psql() {  # the same subshell as the cronjob run, so both pay the same fork
    t0=$(date +%s%N)
    ( cd "$work/run" && "$pg_bin/psql" "$url" -c 'select 1' >/dev/null 2>"$work/logs/cold-psql.log" ) || {
      cat "$work/logs/cold-psql.log" >&2; die "cold start: psql failed"; }
    t1=$(date +%s%N)
  }
  # Process start alone, no database: where the difference comes from.
  one_version() {  # PROGRAM
    t0=$(date +%s%N)
    ( cd "$work/run" && "$1" --version >/dev/null 2>&1 ) || die "cold start: $1 --version failed"
    t1=$(date +%s%N)
  }
  for i in 1 2; do one_cronjob; one_psql; done  # warm the page cache and the server's catalog caches
  for i in $(seq 1 "$cold_runs"); do
    one_cronjob; record sample cold.cronjob_ms "$(div $((t1 - t0)) 1000000)"
    one_psql; record sample cold.psql_ms "$(div $((t1 - t0)) 1000000)"
    one_version "$bin/cronjob"; record sample cold.cronjob_version_ms "$(div $((t1 - t0)) 1000000)"
    one_version "$pg_bin/psql"; record sample cold.psql_version_ms "$(div $((t1 - t0)) 1000000)"
  done
  local ran
  ran=$(q "$url" "SELECT count(*) FROM cronjob_runs WHERE job = 'notify-upload' AND status = 'succeeded'")
  [ "$ran" -ge "$cold_runs" ] || die "cold start: only $ran succeeded runs recorded in cronjob_runs"
  drop_db cold
  log "  cold start: $cold_runs runs each of cronjob run notify-upload and psql -c 'select 1'"
}

bench_memory() {  # 5. peak RSS draining a large backlog at 0 ms
  local i=$1 db=memory_$i before sent pg0 sb0
  copy_db "$db" tpl_memory
  before=$(count_sent "$db")
  reset_sandbox 0
  run_job process-notifications "$db" "memory-$i"
  sent=$(( $(count_sent "$db") - before ))
  check_notifications "memory run $i" "$db" "$memory_notifications" "$run_start"
  drop_db "$db"
  record sample memory.rss_kib "$rss_kib"
  record sample memory.rate "$(div "$sent" "$wall")"
  record sample memory.cpu "$cpu"
  record sample memory.wall "$wall"
  log "  memory $i: $sent sent in $wall s = $(div "$sent" "$wall")/s; peak RSS $((rss_kib / 1024)) MiB, CPU $cpu s"
}

# One drain under `perf record` (cpu-clock, so it works in a VM without hardware counters), reported by symbol
# (self time, cronjob process only) and by area; the report goes next to the results file and to stdout.
bench_profile() {
  local db=profile data="$work/perf.data" out="${results%.tsv}-profile.txt" before sent
  copy_db "$db" tpl_drain
  before=$(count_sent "$db")
  reset_sandbox 0
  extra_env=() profile_cmd=(perf record -e cpu-clock -F 1999 -o "$data" --)
  run_job process-notifications "$db" "profile"
  profile_cmd=()
  sent=$(( $(count_sent "$db") - before ))
  drop_db "$db"
  perf report -i "$data" --stdio --no-children --sort symbol --percent-limit 0.01 2>/dev/null \
    | grep -E '^ +[0-9.]+%' | sed -E 's/[[:space:]]+$//' >"$work/logs/perf-symbols.txt" || die "perf report printed no symbols"
  perf report -i "$data" --stdio --sort comm 2>/dev/null | grep -E '^ +[0-9.]+%' >"$work/logs/perf-threads.txt" || true
  {
    echo "profile: process-notifications, $sent notifications in $wall s, cronjob CPU $cpu s" \
      "($(div "$(awk -v c="$cpu" 'BEGIN { print c * 1e6 }')" "$sent") us/notification), commit $commit"
    python3 "$repo/benchmarks/profile-areas.py" <"$work/logs/perf-symbols.txt"
    echo; echo "by thread (self %):"
    sed -E 's/^ +/  /' "$work/logs/perf-threads.txt"
    echo; echo "top 40 symbols (self %, demangled):"
    head -n 40 "$work/logs/perf-symbols.txt" | sed -E 's/ +\[[.k]\] / /' | swift demangle --simplified | cut -c1-160
  } | tee "$out"
  echo "profile written to $out (perf data was $data, removed with the work directory)"
}

# The wrk script of benchmarks/sandbox-wrk.sh, plus the bearer token the sandbox requires here.
cat >"$work/messages.lua" <<'LUA'
-- thread_id is a global that setup() sets in each thread's own Lua state (a local here would shadow it).
local token = os.getenv("SANDBOX_TOKEN") or ""
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
function request()
  counter = counter + 1
  local key = "bench-" .. (thread_id or 0) .. "-" .. counter
  local body = '{"to":"buyer' .. counter .. '@example.com","template":"order-paid","data":{"order":"ord_' .. counter .. '"}}'
  return wrk.format("POST", "/v1/messages", {["Content-Type"] = "application/json", ["Idempotency-Key"] = key,
                                             ["Authorization"] = "Bearer " .. token}, body)
end
LUA

# ------------------------------------------------------------------------------------------------------ runs
# Interleaved: run i of every benchmark, then run i+1, so a noisy minute spreads over all rows and references.
for i in $(seq 1 "$runs"); do
  log "run $i of $runs"
  wants drain && bench_drain "$i"
  wants latency && bench_latency "$i"
  wants payments && bench_payments "$i"
done
if wants cold; then log "cold start"; bench_cold; fi
if wants profile; then log "profile: one drain of $drain under perf"; bench_profile; fi
if wants memory; then
  log "memory: seeding $memory_notifications notifications..."
  seed_template tpl_memory --notifications "$memory_notifications" --payments 0 "${only_bulk[@]}"
  for i in $(seq 1 "$memory_runs"); do bench_memory "$i"; done
  drop_db tpl_memory
fi

record info load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
record info wall_total "$(( $(date +%s) - started )) s"
echo
python3 "$repo/benchmarks/report.py" "$results"
echo "results file: $results (python3 benchmarks/report.py FILE [--markdown] prints this table again)"

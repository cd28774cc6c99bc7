#!/usr/bin/env bash
# SIGTERM drill (ECS stops a task with SIGTERM, then SIGKILL after its stop timeout): rounds of
# `cronjob run process-notifications` over a backlog, the sandbox slow enough (--latency 20-50) that each run is
# busy sending, and a SIGTERM about a second into it. Each stopped run must exit 143 within the stop timeout (10 s;
# the seconds are measured) and leave nothing it claimed leased: each row it claimed is `sent` (with its message
# id) or back to `queued` without a lease, and it must have logged that it drained. Then the next run, without a
# signal, exits 0 and sends the rest: every row `sent`, each delivered exactly once (the sandbox numbers the
# messages it creates: a probe with a new key tells how many it created in all, which must equal the distinct
# message ids of the rows; replaying each row's key answers the row's own message id), and no key was requested
# more often than its row was claimed. Runs use the default lease (2m): a row a stopped run left leased would
# keep the next run from finishing it, so the drill would see it.
# Output under $DRILL_LOGS/sigterm/ (round-N.log, next-run.log, stats.json, rows.txt, ...).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
drill_setup
name=sigterm
logs="$DRILL_LOGS/$name"
mkdir -p "$logs"

rounds=$(scaled 5 2)
notifications=$(scaled 10000 3000)
stop_timeout=10   # seconds ECS waits between SIGTERM and SIGKILL (the task definition's stopTimeout)

own_pids=""
cleanup() {
  local pid
  for pid in $own_pids; do kill -9 "$pid" 2>/dev/null || true; done
  drill_stop_sandbox 2>/dev/null
  if [ "${DRILL_OWNER:-}" = "$$" ]; then drill_teardown; fi
}
trap cleanup EXIT

drill_db sigterm
mv "$DRILL_LOGS/sigterm.migrate.log" "$logs/migrate.log" 2>/dev/null
cd "$DRILL_WORK" || drill_fail "$name" "no work directory"  # no schedules.yaml here: flags and variables are the configuration
"$CRONJOB" seed --notifications "$notifications" --payments 0 --payouts 0 --pending-uploads 0 >"$logs/seed.log" 2>&1 \
  || drill_fail "$name" "seed failed (see $logs/seed.log)"
# Scope: the seeded backlog (`bulk:N`, due now; every 20th `sending` under an expired lease of an earlier killed
# run). The demo world's own notifications are removed so that the counts are about this drill only.
q "DELETE FROM notifications WHERE dedupe_key NOT LIKE 'bulk:%';
   CREATE TABLE drill_start AS SELECT id, status, attempts FROM notifications;" >/dev/null \
  || drill_fail "$name" "could not prepare the backlog"
seeded=$(q "SELECT count(*) FROM drill_start")
[ "$seeded" = "$notifications" ] || drill_fail "$name" "seeded $seeded bulk notifications, expected $notifications"

drill_sandbox "$logs/sandbox.log" --latency 20-50 || drill_fail "$name" "provider-sandbox did not start"
unset PROCESS_NOTIFICATIONS_LEASE  # the default lease: a row left leased would not be taken over during the drill

stop_seconds_all="" max_stop=0 sent_by_stopped=0 requeued_total=0
for round in $(seq 1 "$rounds"); do
  q "SET client_min_messages = warning; DROP TABLE IF EXISTS drill_round; CREATE TABLE drill_round AS SELECT id, status, attempts FROM notifications;" >/dev/null \
    || drill_fail "$name" "round $round: could not snapshot the rows"
  round_started=$(q "SELECT now()")
  # Start a run, wait until it is busy sending (the sandbox sees its requests) and about a second has passed,
  # SIGTERM it, and time how long it takes to exit (SIGKILL at the stop timeout, as ECS would).
  result=$(python3 - "$CRONJOB" "$logs/round-$round.log" "$SANDBOX_URL" "$stop_timeout" 2>>"$logs/orchestrator.log" <<'PY'
import json, random, signal, subprocess, sys, time, urllib.request
cronjob, log, sandbox, stop_timeout = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
def requests():
    return json.load(urllib.request.urlopen(f"{sandbox}/_admin/stats", timeout=10))["total"]
before = requests()
with open(log, "w") as out:
    proc = subprocess.Popen([cronjob, "run", "process-notifications", "--concurrency", "forbid", "--timeout", "10m"],
                            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
start = time.monotonic()
term_after = random.uniform(0.8, 1.3)
busy = False
while proc.poll() is None and time.monotonic() - start < 60:
    busy = busy or requests() > before
    if busy and time.monotonic() - start >= term_after:
        break
    time.sleep(0.05)
if proc.poll() is not None:
    print(f"ended_early {proc.returncode} 0 {time.monotonic() - start:.2f}")
    sys.exit(0)
if not busy:
    proc.kill(); proc.wait()
    print(f"never_busy -9 0 {time.monotonic() - start:.2f}")
    sys.exit(0)
termed = time.monotonic()
proc.send_signal(signal.SIGTERM)
try:
    code = proc.wait(timeout=stop_timeout)
    print(f"stopped {code} {time.monotonic() - termed:.2f} {termed - start:.2f}")
except subprocess.TimeoutExpired:
    proc.kill(); proc.wait()
    print(f"timeout -9 {time.monotonic() - termed:.2f} {termed - start:.2f}")
PY
  ) || drill_fail "$name" "round $round: the orchestrator failed (see $logs/orchestrator.log)"
  read -r what code stop_seconds term_at <<<"$result"
  echo "round $round: $result" >>"$logs/rounds.txt"
  case "$what" in
    stopped) ;;
    ended_early) drill_fail "$name" "round $round: the run ended on its own (exit $code) before the SIGTERM: backlog too small" ;;
    never_busy) drill_fail "$name" "round $round: the run sent nothing within 60 s (see $logs/round-$round.log)" ;;
    timeout) drill_fail "$name" "round $round: still running ${stop_timeout}s after SIGTERM: SIGKILLed as ECS would (see $logs/round-$round.log)" ;;
    *) drill_fail "$name" "round $round: unexpected orchestrator answer '$result'" ;;
  esac
  [ "$code" = 143 ] || drill_fail "$name" "round $round: exit $code after SIGTERM, expected 143 (see $logs/round-$round.log)"
  grep -q '"stop signal received' "$logs/round-$round.log" \
    || drill_fail "$name" "round $round: the run did not log the stop signal (see $logs/round-$round.log)"
  stop_seconds_all="${stop_seconds_all:+$stop_seconds_all,}$stop_seconds"
  max_stop=$(python3 -c "print(max($max_stop, $stop_seconds))")

  # What this run claimed or touched (attempts went up, or updated during the round): each row sent with its
  # message id, or back in the queue, due now and unleased.
  state=$(q "SELECT count(*) FILTER (WHERE n.status = 'sent'),
                    count(*) FILTER (WHERE n.status = 'queued'),
                    count(*) FILTER (WHERE n.status = 'sending'),
                    count(*) FILTER (WHERE n.status = 'dead'),
                    count(*) FILTER (WHERE n.status <> 'sending' AND n.lease_expires_at IS NOT NULL),
                    count(*) FILTER (WHERE n.status = 'sent' AND (n.provider_message_id IS NULL OR n.sent_at IS NULL)),
                    count(*) FILTER (WHERE n.status = 'queued' AND n.next_attempt_at > now())
               FROM notifications n JOIN drill_round r USING (id)
              WHERE n.attempts > r.attempts OR n.updated_at >= '$round_started'::timestamptz") \
    || drill_fail "$name" "round $round: could not read the rows"
  IFS='|' read -r c_sent c_queued c_sending c_dead c_lease c_noid c_later <<<"$state"
  # Whatever the attempt accounting (a batch released unsent may give its attempt back): no lease taken during
  # this round may remain, and no row that is not `sending` may hold one.
  leases=$(q "SELECT count(*) FILTER (WHERE status = 'sending' AND lease_expires_at > '$round_started'::timestamptz)
                   + count(*) FILTER (WHERE status <> 'sending' AND lease_expires_at IS NOT NULL)
              FROM notifications") || drill_fail "$name" "round $round: could not read the leases"
  remaining=$(q "SELECT count(*) FROM notifications WHERE status <> 'sent'")
  echo "round $round: claimed sent=$c_sent queued=$c_queued sending=$c_sending dead=$c_dead lease_kept=$c_lease no_message_id=$c_noid queued_later=$c_later round_leases=$leases remaining=$remaining" >>"$logs/rounds.txt"
  [ "$c_sending" = 0 ] && [ "$c_lease" = 0 ] && [ "$leases" = 0 ] \
    || drill_fail "$name" "round $round: the stopped run left $c_sending claimed rows 'sending' and $leases leases taken during the round (exit $code in ${stop_seconds}s)"
  [ "$c_dead" = 0 ] && [ "$c_noid" = 0 ] \
    || drill_fail "$name" "round $round: claimed rows dead=$c_dead, sent without message id or sent_at=$c_noid"
  [ "$c_later" = 0 ] || drill_fail "$name" "round $round: $c_later released rows were pushed into the future instead of due now"
  [ $((c_sent + c_queued)) -gt 0 ] || drill_fail "$name" "round $round: the run had claimed nothing before the SIGTERM"
  [ "$remaining" -gt 0 ] || drill_fail "$name" "round $round: the backlog was drained before the SIGTERM: the drill needs a bigger one"
  sent_by_stopped=$((sent_by_stopped + c_sent))
  requeued_total=$((requeued_total + c_queued))
done
left_after_stops=$(q "SELECT count(*) FROM notifications WHERE status <> 'sent'")

# The next run, no signal, the sandbox faster: it must finish the rest.
sandbox_admin /_admin/config '{"latency_ms": [1, 5]}' >/dev/null || drill_fail "$name" "could not configure the sandbox"
next_started=$(date +%s.%N)
timeout -k 10 900 "$CRONJOB" run process-notifications --concurrency forbid --timeout 10m >"$logs/next-run.log" 2>&1
next_exit=$?
next_seconds=$(python3 -c "import time; print(f'{time.time() - $next_started:.1f}')")
[ "$next_exit" = 0 ] || drill_fail "$name" "the next run exited $next_exit, expected 0 (see $logs/next-run.log)"

# --- verification ---------------------------------------------------------------------------------------------
sandbox_admin /_admin/stats >"$logs/stats.json" || drill_fail "$name" "could not read the sandbox stats"
q "SELECT n.id, n.status, s.attempts, n.attempts, coalesce(n.provider_message_id, ''), n.channel,
          (n.sent_at IS NOT NULL), (n.lease_expires_at IS NOT NULL)
     FROM drill_start s LEFT JOIN notifications n USING (id) ORDER BY s.id" >"$logs/rows.txt" \
  || drill_fail "$name" "could not read the rows"
sandbox_admin /_admin/config '{"latency_ms": [0, 0]}' >/dev/null || drill_fail "$name" "could not configure the sandbox"

# One line of counts, then one line of problems (empty when none). Replays every sent row's key (the answer must
# be the row's message id, marked replayed), then probes with a new key: the number of the probe's message, minus
# one, is how many messages the sandbox created in all.
report=$(verify_exactly_once "$logs/rows.txt" "$logs/stats.json" 2>"$logs/verify.log"
) || drill_fail "$name" "could not verify the results (see $logs/verify.log)"
counts=$(sed -n 1p <<<"$report")
problems=$(sed -n 2p <<<"$report")

summary="rounds=$rounds exits=143x$rounds stop_s=$stop_seconds_all (max $max_stop, limit ${stop_timeout}) sent_before_stop=$sent_by_stopped requeued=$requeued_total left_after_stops=$left_after_stops next_exit=$next_exit next_run=${next_seconds}s notifications=$seeded $counts"
[ -z "$problems" ] || drill_fail "$name" "$problems; $summary"
drill_ok "$name" "$summary"

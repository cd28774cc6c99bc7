#!/usr/bin/env bash
# kill -9 drill: many `cronjob run process-notifications --concurrency allow` over one shared backlog, a couple at
# a time, each killed with SIGKILL at a random moment (mid-batch: rows leased, sends in flight or answered but not
# written back). Every run uses a short lease (PROCESS_NOTIFICATIONS_LEASE=2s), so later runs take over what the
# killed ones left `sending`; once the last lease has expired, one clean run finishes the backlog. Then:
#   - none lost: every seeded row is still there and `sent`; none left `sending`, none dead or queued;
#   - every notification was delivered exactly once: the sandbox answers a repeated Idempotency-Key with the same
#     message (header Idempotent-Replayed) and numbers the messages it creates, shared by email and push; its stats
#     count requests per key, replays included. So: a probe with a new key tells how many messages it created in
#     all, which must equal the sent rows, whose provider_message_id are all distinct; and replaying each row's key
#     answers exactly the row's provider_message_id (a replay, not a new message);
#   - requests per key (replays after a kill are expected) never exceed the claims of that row: no run sent a row
#     it had not leased.
# Output under $DRILL_LOGS/kill9/ (run-NN.log per run, clean-run.log, stats.json, rows.txt, ...).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
drill_setup
name=kill9
logs="$DRILL_LOGS/$name"
mkdir -p "$logs"

runs=$(scaled 50 5)
# Sized so that the killed runs cannot drain it: the clean run always has work left, and every killed run was killed
# while it had work. The 5 killed runs of --ci send and lease 4,000-4,800 rows between them since the drain got
# faster (a 4,000 backlog ran dry and the last run ended on its own), so 12,000 leaves a margin of 2.5x.
notifications=$(scaled 100000 12000)
min_life=0.25 max_life=1.6   # seconds between a run's start and its SIGKILL
max_parallel=2               # runs alive at once (a new one starts 0.1-0.7 s after the previous one)
lease=2s

own_pids=""
cleanup() {
  local pid
  for pid in $own_pids; do kill "$pid" 2>/dev/null || true; done
  drill_stop_sandbox 2>/dev/null
  if [ "${DRILL_OWNER:-}" = "$$" ]; then drill_teardown; fi
}
trap cleanup EXIT

drill_db kill9
mv "$DRILL_LOGS/kill9.migrate.log" "$logs/migrate.log" 2>/dev/null
cd "$DRILL_WORK" || drill_fail "$name" "no work directory"  # no schedules.yaml here: flags and variables are the configuration
"$CRONJOB" seed --notifications "$notifications" --payments 0 --payouts 0 --pending-uploads 0 >"$logs/seed.log" 2>&1 \
  || drill_fail "$name" "seed failed (see $logs/seed.log)"
# The drill's scope is the seeded backlog (`bulk:N`, due now; every 20th already `sending` under an expired lease
# of an earlier killed run). The demo world's own notifications (sent long ago under made-up message ids, or due
# minutes from now) are removed so that "every row sent exactly once" is about this drill only.
q "DELETE FROM notifications WHERE dedupe_key NOT LIKE 'bulk:%';
   CREATE TABLE drill_start AS SELECT id, status, attempts FROM notifications;" >/dev/null \
  || drill_fail "$name" "could not prepare the backlog"
seeded=$(q "SELECT count(*) FROM drill_start")
[ "$seeded" = "$notifications" ] || drill_fail "$name" "seeded $seeded bulk notifications, expected $notifications"

drill_sandbox "$logs/sandbox.log" --latency 5-20 || drill_fail "$name" "provider-sandbox did not start"
export PROCESS_NOTIFICATIONS_LEASE=$lease

# The killed runs: a couple alive at a time, each SIGKILLed at a random moment. Python keeps the timing.
python3 - "$CRONJOB" "$logs" "$runs" "$min_life" "$max_life" "$max_parallel" >"$logs/runs.txt" 2>"$logs/orchestrator.log" <<'PY' &
import random, signal, subprocess, sys, time
cronjob, logs, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
min_life, max_life, max_parallel = float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
rng = random.Random()
def stop(*_):  # the drill is being stopped: take the runs down with us
    for run in alive: run["proc"].kill()
    sys.exit(1)
signal.signal(signal.SIGTERM, stop)
alive, results, started, next_start, most = [], [], 0, 0.0, 0
t0 = time.monotonic()
while started < runs or alive:
    now = time.monotonic()
    for run in list(alive):
        code = run["proc"].poll()
        if code is None and now >= run["kill_at"]:
            run["proc"].send_signal(signal.SIGKILL)
            code = run["proc"].wait()
            run["killed_after"] = now - run["start"]
        if code is not None:
            run["code"] = code
            alive.remove(run)
            results.append(run)
    if started < runs and len(alive) < max_parallel and now >= next_start:
        started += 1
        log = open(f"{logs}/run-{started:02d}.log", "w")
        proc = subprocess.Popen([cronjob, "run", "process-notifications", "--concurrency", "allow", "--timeout", "10m"],
                                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        life = rng.uniform(min_life, max_life)
        alive.append({"n": started, "proc": proc, "start": now, "kill_at": now + life})
        print(f"run {started:02d}: pid {proc.pid} started at {now - t0:.2f}s, kill after {life:.2f}s", file=sys.stderr, flush=True)
        next_start = now + rng.uniform(0.1, 0.7)
    most = max(most, len(alive))
    time.sleep(0.01)
for run in sorted(results, key=lambda r: r["n"]):
    print(run["n"], run["code"], f"{run.get('killed_after', -1):.2f}")
print("max_parallel", most, file=sys.stderr)
print(f"elapsed {time.monotonic() - t0:.1f}", file=sys.stderr)
PY
orchestrator=$!
own_pids="$own_pids $orchestrator"
wait "$orchestrator" || drill_fail "$name" "the run orchestrator failed (see $logs/orchestrator.log)"
killed=$(awk '$2 == -9' "$logs/runs.txt" | wc -l)
finished=$(awk '$2 != -9 {printf "%s run-%02d=%s", sep, $1, $2; sep=","}' "$logs/runs.txt")
overlap=$(sed -n 's/^max_parallel //p' "$logs/orchestrator.log")

# What the kills left: rows leased by a killed run (sending, claimed during the drill) and the work remaining.
leased_by_kills=$(q "SELECT count(*) FROM notifications n JOIN drill_start s USING (id) WHERE n.status = 'sending' AND n.attempts > s.attempts")
remaining=$(q "SELECT count(*) FROM notifications WHERE status <> 'sent'")
sent_by_killed=$(q "SELECT count(*) FROM notifications WHERE status = 'sent'")
[ "$killed" = "$runs" ] || drill_fail "$name" "only $killed of $runs runs were killed; the others ended on their own ($finished): see $logs"
[ "$remaining" -gt 0 ] || drill_fail "$name" "the killed runs drained the whole backlog: the drill needs a bigger one"

# Wait (polling) until every lease has expired, so the clean run must take over what the kills left.
for _ in $(seq 1 300); do
  [ "$(q "SELECT count(*) FROM notifications WHERE status = 'sending' AND lease_expires_at > now()")" = 0 ] && break
  sleep 0.1
done
live=$(q "SELECT count(*) FROM notifications WHERE status = 'sending' AND lease_expires_at > now()")
[ "$live" = 0 ] || drill_fail "$name" "$live leases still live 30 s after the last kill (lease is $lease)"

clean_started=$(date +%s.%N)
timeout -k 10 900 "$CRONJOB" run process-notifications --concurrency allow --timeout 10m >"$logs/clean-run.log" 2>&1
clean_exit=$?
clean_seconds=$(python3 -c "import time; print(f'{time.time() - $clean_started:.1f}')")
[ "$clean_exit" = 0 ] || drill_fail "$name" "the clean run exited $clean_exit, expected 0 (see $logs/clean-run.log)"

# --- verification ---------------------------------------------------------------------------------------------
sandbox_admin /_admin/stats >"$logs/stats.json" || drill_fail "$name" "could not read the sandbox stats"
q "SELECT n.id, n.status, s.attempts, n.attempts, coalesce(n.provider_message_id, ''), n.channel,
          (n.sent_at IS NOT NULL), (n.lease_expires_at IS NOT NULL)
     FROM drill_start s LEFT JOIN notifications n USING (id) ORDER BY s.id" >"$logs/rows.txt" \
  || drill_fail "$name" "could not read the rows"
# Replays and the probe below go without latency; they come after the stats were saved.
sandbox_admin /_admin/config '{"latency_ms": [0, 0]}' >/dev/null || drill_fail "$name" "could not configure the sandbox"

# verify ROWS STATS: one line of counts, then one line of problems (empty when none). Replays every sent row's key
# (the answer must be the row's message id, marked replayed), then probes with a new key: the number of the probe's
# message, minus one, is how many messages the sandbox created in all.
report=$(verify_exactly_once "$logs/rows.txt" "$logs/stats.json" 2>"$logs/verify.log"
) || drill_fail "$name" "could not verify the results (see $logs/verify.log)"
counts=$(sed -n 1p <<<"$report")
problems=$(sed -n 2p <<<"$report")
retaken=$(q "SELECT count(*) FROM notifications n JOIN drill_start s USING (id) WHERE n.attempts - s.attempts >= 2")

summary="runs=$runs killed=$killed overlap=$overlap notifications=$seeded $counts leased_by_kills=$leased_by_kills retaken=$retaken sent_before_clean=$sent_by_killed clean_run=${clean_seconds}s"
[ -z "$problems" ] || drill_fail "$name" "$problems; $summary"
drill_ok "$name" "$summary"

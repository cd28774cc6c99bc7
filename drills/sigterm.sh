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
report=$(SANDBOX_URL="$SANDBOX_URL" python3 - "$logs/rows.txt" "$logs/stats.json" <<'PY' 2>"$logs/verify.log"
import collections, http.client, json, os, re, sys, threading, urllib.parse
rows = [l.split("|") for l in open(sys.argv[1]).read().splitlines() if l]
stats = json.load(open(sys.argv[2]))
url = urllib.parse.urlsplit(os.environ["SANDBOX_URL"])
token = os.environ["DRILL_TOKEN"]
problems = []

missing = [r for r in rows if r[1] == ""]
present = [r for r in rows if r[1] != ""]
by_status = collections.Counter(r[1] for r in present)
sent = [r for r in present if r[1] == "sent"]
if missing:
    problems.append(f"{len(missing)} seeded rows disappeared")
if len(sent) != len(rows):
    problems.append("not sent: " + ", ".join(f"{s}={n}" for s, n in sorted(by_status.items()) if s != "sent"))
leased = sum(1 for r in present if r[7] == "t")
if leased:
    problems.append(f"{leased} rows still hold a lease")
if any(r[6] != "t" or r[4] == "" for r in sent):
    problems.append("sent rows without sent_at or provider_message_id")

keys = {k: v for k, v in stats["keys"].items() if k.startswith("notification-")}
if stats.get("keys_dropped", 0):
    problems.append(f"sandbox dropped {stats['keys_dropped']} keys (raise --max-tracked-keys)")
expected = {f"notification-{r[0]}" for r in sent}
unexpected = set(keys) - expected
unsent = expected - set(keys)
if unexpected:
    problems.append(f"{len(unexpected)} keys sent for rows not marked sent (e.g. {sorted(unexpected)[:3]})")
if unsent:
    problems.append(f"{len(unsent)} rows marked sent that the provider never saw (e.g. {sorted(unsent)[:3]})")
claims = {f"notification-{r[0]}": int(r[3]) - int(r[2]) for r in present}
over = [k for k, v in keys.items() if v > claims.get(k, 0)]
if over:
    problems.append(f"{len(over)} keys requested more often than their row was claimed (e.g. {over[0]}: "
                    f"{keys[over[0]]} requests, {claims.get(over[0], 0)} claims)")
ids = collections.Counter(r[4] for r in sent)
shared = sum(n for i, n in ids.items() if n > 1)
if shared:
    problems.append(f"{shared} sent rows share a provider_message_id")

mismatch, not_replayed, errors = [], [], []
lock = threading.Lock()
def replay(chunk):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    for r in chunk:
        path = "/v1/push" if r[5] == "push" else "/v1/messages"
        body = json.dumps({"to": "replay@example.com", "template": "drill_replay", "data": {}})
        try:
            conn.request("POST", path, body=body, headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                                                           "Idempotency-Key": f"notification-{r[0]}"})
            resp = conn.getresponse()
            answer = resp.read()
            replayed = resp.getheader("Idempotent-Replayed") == "true"
            got = json.loads(answer).get("id") if resp.status == 200 else None
        except Exception as e:
            with lock: errors.append(f"{r[0]}: {type(e).__name__}")
            conn.close(); conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            continue
        with lock:
            if got != r[4]: mismatch.append((r[0], r[4], got))
            elif not replayed: not_replayed.append(r[0])
    conn.close()
threads = [threading.Thread(target=replay, args=(sent[i::4],)) for i in range(4)]
for t in threads: t.start()
for t in threads: t.join()
if errors:
    problems.append(f"{len(errors)} replays failed (e.g. {errors[0]})")
if mismatch:
    problems.append(f"{len(mismatch)} rows hold another message id than the provider's for their key "
                    f"(e.g. notification-{mismatch[0][0]}: row {mismatch[0][1]}, provider {mismatch[0][2]})")
if not_replayed:
    problems.append(f"{len(not_replayed)} keys were new to the provider on replay (e.g. notification-{not_replayed[0]})")

conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
conn.request("POST", "/v1/messages", body=json.dumps({"to": "probe@example.com", "template": "drill_probe", "data": {}}),
             headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Idempotency-Key": "drill-probe"})
resp = conn.getresponse()
probe = json.loads(resp.read())["id"]
created = int(re.sub(r"^[a-z]+_", "", probe)) - 1
if created != len(ids) - (1 if "" in ids else 0):
    problems.append(f"the sandbox created {created} messages for {len(ids)} distinct sent message ids "
                    f"({created - len(ids)} deliveries beyond one per key)")

hist = collections.Counter(keys.values())
once = hist.get(1, 0)
twice = sum(n for s, n in hist.items() if s >= 2)
delivered_once = len(sent) - len(mismatch) - len(not_replayed) - shared if created == len(ids) else 0
statuses = ",".join(f"{s}:{n}" for s, n in sorted(stats["statuses"].items(), key=lambda x: int(x[0])))
print(f"sent={len(sent)} delivered_once={delivered_once} duplicate_deliveries={max(created - len(ids), 0)} "
      f"keys_once={once} keys_twice+={twice} requests={sum(keys.values())} http={statuses} "
      f"replay_mismatch={len(mismatch) + len(not_replayed)} leased_left={by_status.get('sending', 0)} "
      f"queued={by_status.get('queued', 0)} dead={by_status.get('dead', 0)} lost={len(missing)}")
print("; ".join(problems))
PY
) || drill_fail "$name" "could not verify the results (see $logs/verify.log)"
counts=$(sed -n 1p <<<"$report")
problems=$(sed -n 2p <<<"$report")

summary="rounds=$rounds exits=143x$rounds stop_s=$stop_seconds_all (max $max_stop, limit ${stop_timeout}) sent_before_stop=$sent_by_stopped requeued=$requeued_total left_after_stops=$left_after_stops next_exit=$next_exit next_run=${next_seconds}s notifications=$seeded $counts"
[ -z "$problems" ] || drill_fail "$name" "$problems; $summary"
drill_ok "$name" "$summary"

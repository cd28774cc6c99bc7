#!/usr/bin/env bash
# Provider-faults drill: the sandbox answers 30% of provider requests 503 (on POSTs AFTER processing them, so a
# retry is a replay of a key the provider already acted on) and 10% 429 with Retry-After. sync-payments,
# check-payout and process-notifications run in rounds, with short backoffs, until nothing is due (a cap on
# rounds). Then: every payment left pending, every due payout is paid, every notification is sent (none dead),
# and every notification / payout was delivered exactly once: the sandbox numbers messages and payouts in the
# order it creates them, so a probe after the rounds tells how many it created in all, which must equal the
# distinct provider ids the rows hold (an extra one is a second delivery under another key).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
drill_setup
name=provider-faults
logs="$DRILL_LOGS/$name"
mkdir -p "$logs"
# A private copy of the binaries: the drill's runs all use the same build even if .build is rebuilt meanwhile.
mkdir -p "$DRILL_WORK/$name-bin" && cp "$CRONJOB" "$SANDBOX" "$DRILL_WORK/$name-bin/" \
  || drill_fail "$name" "could not copy the binaries"
export CRONJOB="$DRILL_WORK/$name-bin/$(basename "$CRONJOB")" SANDBOX="$DRILL_WORK/$name-bin/$(basename "$SANDBOX")"
eval "set -- $(trap -p EXIT)"  # keep drill_setup's teardown (when this drill owns it) after removing the copy
trap "rm -rf '$DRILL_WORK/$name-bin'; ${3:-}" EXIT

notifications=$(scaled 2000 300)
payments=$(scaled 400 60)
payouts=$(scaled 200 30)
max_rounds=$(scaled 40 30)

drill_db provider_faults || drill_fail "$name" "could not create the database (see $DRILL_LOGS/provider_faults.migrate.log)"
mv "$DRILL_LOGS/provider_faults.migrate.log" "$logs/migrate.log" 2>/dev/null
cd "$DRILL_WORK" || drill_fail "$name" "no work directory"  # no schedules.yaml here: the flags are the configuration
"$CRONJOB" seed --notifications "$notifications" --payments "$payments" --payouts "$payouts" --pending-uploads 0 \
  >"$logs/seed.log" 2>&1 || drill_fail "$name" "seed failed (see $logs/seed.log)"

# The drill's scope. The demo world also holds rows the faults have nothing to do with: notifications and payment
# checks scheduled minutes ahead (made due now), and payouts `requested` under made-up provider ids the sandbox
# never created (parked: polling them answers 404, which puts them on hold by design). Everything else that is
# not final yet, and everything the jobs create on the way, must end delivered.
q "CREATE TABLE drill_scope (kind text NOT NULL, id bigint NOT NULL, PRIMARY KEY (kind, id));
   UPDATE notifications SET next_attempt_at = now() WHERE status IN ('queued', 'sending') AND next_attempt_at > now();
   UPDATE payments SET next_check_at = now() WHERE status = 'pending' AND next_check_at > now();
   INSERT INTO drill_scope SELECT 'parked_payout', id FROM payouts WHERE status = 'requested';
   UPDATE payouts SET next_attempt_at = now() + interval '30 days' WHERE status = 'requested';
   UPDATE payouts SET next_attempt_at = now() WHERE status = 'pending' AND available_at <= now() AND next_attempt_at > now();
   INSERT INTO drill_scope SELECT 'payment', id FROM payments WHERE status = 'pending';
   INSERT INTO drill_scope SELECT 'payout', id FROM payouts WHERE status = 'pending' AND available_at <= now();
   INSERT INTO drill_scope SELECT 'old_notification', id FROM notifications WHERE status IN ('sent', 'dead');
   INSERT INTO drill_scope SELECT 'old_provider_payout', id FROM payouts WHERE provider_payout_id IS NOT NULL;" >/dev/null \
  || drill_fail "$name" "could not prepare the scope"
scope_payments=$(q "SELECT count(*) FROM drill_scope WHERE kind = 'payment'")
scope_payouts=$(q "SELECT count(*) FROM drill_scope WHERE kind = 'payout'")
scope_notifications=$(q "SELECT count(*) FROM notifications WHERE status IN ('queued', 'sending')")

drill_sandbox "$logs/sandbox.log" --error-rate 0.3 --error-status 503 --throttle-rate 0.1 --retry-after 1 \
  || drill_fail "$name" "provider-sandbox did not start"
# Injected errors on POSTs come after the message or payout was created: the client's retry is a replay.
sandbox_admin /_admin/config '{"error_after_processing": true}' >"$logs/sandbox-config.json" \
  || drill_fail "$name" "could not configure the sandbox"

# Short backoffs so that rounds converge in seconds; attempt limits high enough that no row may give up under
# a 37% failure rate per request (a row that goes dead or on hold here is a finding, not noise).
export HTTP_CONCURRENCY=16 HTTP_MAX_ATTEMPTS=3 HTTP_RETRY_BASE_DELAY=50ms HTTP_RETRY_MAX_DELAY=400ms HTTP_MAX_RETRY_AFTER=2s
export PROCESS_NOTIFICATIONS_BACKOFF_BASE=1s PROCESS_NOTIFICATIONS_BACKOFF_MAX=2s PROCESS_NOTIFICATIONS_MAX_ATTEMPTS=100
export SYNC_PAYMENTS_EXPIRE_AFTER=1s SYNC_PAYMENTS_RECHECK_INTERVAL=1s
export CHECK_PAYOUT_BACKOFF_BASE=1s CHECK_PAYOUT_BACKOFF_MAX=2s CHECK_PAYOUT_MAX_ATTEMPTS=100 CHECK_PAYOUT_POLL_INTERVAL=1s

# Work the loop still has: rows due now, and in-scope rows not final yet (due later, after their backoff).
due_now() {
  q "SELECT (SELECT count(*) FROM payments WHERE status = 'pending' AND next_check_at <= now())
          + (SELECT count(*) FROM payouts p WHERE status IN ('pending', 'requested') AND next_attempt_at <= now()
               AND available_at <= now() AND NOT EXISTS (SELECT 1 FROM drill_scope s WHERE s.kind = 'parked_payout' AND s.id = p.id))
          + (SELECT count(*) FROM notifications WHERE status IN ('queued', 'sending') AND next_attempt_at <= now())"
}
open_work() {
  q "SELECT (SELECT count(*) FROM payments WHERE status = 'pending')
          + (SELECT count(*) FROM payouts p JOIN drill_scope s ON s.kind = 'payout' AND s.id = p.id WHERE p.status IN ('pending', 'requested'))
          + (SELECT count(*) FROM notifications WHERE status IN ('queued', 'sending'))"
}

# For the record when work is left: what is still open and when it is due.
open_rows() {
  q "SELECT 'payment', id, status, next_check_at - now(), check_attempts, last_error FROM payments WHERE status = 'pending'
     UNION ALL
     SELECT 'payout', p.id, p.status, p.next_attempt_at - now(), p.attempts, p.last_error FROM payouts p
       JOIN drill_scope s ON s.kind = 'payout' AND s.id = p.id WHERE p.status IN ('pending', 'requested')
     UNION ALL
     SELECT 'notification', id, status, next_attempt_at - now(), attempts, last_error FROM notifications
      WHERE status IN ('queued', 'sending')
     ORDER BY 1, 2"
}

# Something outside the drill may stop its PostgreSQL (or remove its directory): say so rather than blame a job.
db_gone() { drill_fail "$name" "the drill's PostgreSQL stopped answering at round $round (stopped or removed from outside the drill?); see $logs"; }

declare -A exits=()
runs=0 unexpected=""
round=0
while :; do
  round=$((round + 1))
  for job in sync-payments check-payout process-notifications; do
    "$CRONJOB" run "$job" --concurrency forbid --timeout 5m >"$logs/round$round.$job.log" 2>&1
    code=$?
    runs=$((runs + 1))
    exits[$code]=$(( ${exits[$code]:-0} + 1 ))
    # 69 is the documented answer when every call of a batch failed transiently (rows rescheduled): allowed.
    case $code in 0|69) ;; *) unexpected+=" round$round.$job=$code" ;; esac
  done
  open=$(open_work) || db_gone
  due=$(due_now) || db_gone
  [ "$open" = 0 ] && [ "$due" = 0 ] && break
  open_rows >"$logs/open-after-round$round.txt"
  [ "$round" -ge "$max_rounds" ] && break
  # Wait (polling) until the backoff of some row ran out. The longest backoff here is 2 s: a row that is not due
  # within 30 s is stuck (a lease nobody releases, a far retry time), and more rounds would not help.
  for _ in $(seq 1 150); do due=$(due_now) || db_gone; [ "$due" != 0 ] && break; sleep 0.2; done
  [ "$due" != 0 ] || break
done

q "SELECT 1" >/dev/null || db_gone
# What the sandbox saw during the rounds, before the probes below add to it.
sandbox_admin /_admin/stats >"$logs/stats.json" || drill_fail "$name" "could not read the sandbox stats"
# Probes, faults off: the next message and payout numbers tell how many the sandbox created in all.
sandbox_admin /_admin/config '{"error_rate": 0, "throttle_rate": 0}' >/dev/null
probe() {  # probe PATH KEY BODY: the id the sandbox answers
  curl -fsS -X POST -H "Authorization: Bearer $DRILL_TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: $2" \
    --data "$3" "$SANDBOX_URL$1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}
message_probe=$(probe /v1/messages drill-probe-message '{"to":"probe@example.com","template":"probe","data":{}}') \
  || drill_fail "$name" "message probe failed"
payout_probe=$(probe /v1/payouts drill-probe-payout '{"payout_id":"probe","seller_id":"probe","amount_minor":1,"currency":"USD"}') \
  || drill_fail "$name" "payout probe failed"
messages_created=$(( ${message_probe##*_} - 1 ))
payouts_created=$(( ${payout_probe##*_} - 1 ))

# Rows of this drill: notifications not final before it (or created by it), payouts in scope or created by it.
q "SELECT n.id, n.status, coalesce(n.provider_message_id, '') FROM notifications n
    WHERE NOT EXISTS (SELECT 1 FROM drill_scope s WHERE s.kind = 'old_notification' AND s.id = n.id)" >"$logs/notifications.txt"
q "SELECT p.idempotency_key, p.status, coalesce(p.provider_payout_id, '') FROM payouts p
    WHERE EXISTS (SELECT 1 FROM drill_scope s WHERE s.kind = 'payout' AND s.id = p.id)
       OR (p.provider_payout_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM drill_scope s WHERE s.kind = 'old_provider_payout' AND s.id = p.id))" >"$logs/payouts.txt"
q "SELECT status, count(*) FROM notifications GROUP BY 1 ORDER BY 1" >"$logs/notification-statuses.txt"
q "SELECT status, count(*) FROM payments GROUP BY 1 ORDER BY 1" >"$logs/payment-statuses.txt"
q "SELECT status, count(*) FROM payouts GROUP BY 1 ORDER BY 1" >"$logs/payout-statuses.txt"

report=$(python3 - "$logs/stats.json" "$logs/notifications.txt" "$logs/payouts.txt" "$messages_created" "$payouts_created" <<'PY'
import collections, json, sys
stats = json.load(open(sys.argv[1]))
rows = [l.split("|") for l in open(sys.argv[2]).read().splitlines() if l]
payouts = [l.split("|") for l in open(sys.argv[3]).read().splitlines() if l]
messages_created, payouts_created = int(sys.argv[4]), int(sys.argv[5])
keys = stats["keys"]
statuses = {int(k): v for k, v in stats["statuses"].items()}
fivexx = sum(v for k, v in statuses.items() if 500 <= k < 600)
problems = []

# Notifications: every row sent, each under its own message id; the sandbox created no message beyond those.
by_status = collections.Counter(r[1] for r in rows)
sent = [r for r in rows if r[1] == "sent"]
ids = collections.Counter(r[2] for r in sent)
msg_keys = {k: v for k, v in keys.items() if k.startswith("notification-")}
expected_keys = {f"notification-{r[0]}" for r in sent}
shared = sum(n for n in ids.values() if n > 1)
extra_messages = messages_created - len(ids)
if by_status.get("sent", 0) != len(rows):
    problems.append("notifications not sent: " + ", ".join(f"{s}={n}" for s, n in sorted(by_status.items()) if s != "sent"))
if "" in ids or shared:
    problems.append(f"sent notifications without a distinct message id: {shared + ids.get('', 0)}")
if extra_messages != 0:
    problems.append(f"sandbox created {messages_created} messages for {len(ids)} sent notifications (a second delivery under another key)")
if set(msg_keys) != expected_keys:
    problems.append(f"idempotency keys sent ({len(msg_keys)}) differ from the sent notifications' keys ({len(expected_keys)})")

# Payouts: every one in scope paid, each under its own provider payout; the ledger created no other.
payout_status = collections.Counter(p[1] for p in payouts)
payout_ids = collections.Counter(p[2] for p in payouts if p[2])
payout_keys = {k: v for k, v in keys.items() if k.startswith("payout:")}
extra_payouts = payouts_created - len(payout_ids)
if payout_status.get("paid", 0) != len(payouts):
    problems.append("payouts not paid: " + ", ".join(f"{s}={n}" for s, n in sorted(payout_status.items()) if s != "paid"))
if extra_payouts != 0 or any(n > 1 for n in payout_ids.values()):
    problems.append(f"sandbox created {payouts_created} payouts for {len(payout_ids)} payout rows (paid twice)")
if set(payout_keys) != {p[0] for p in payouts}:
    problems.append(f"payout keys sent ({len(payout_keys)}) differ from the payouts' keys ({len(payouts)})")

replays = collections.Counter(min(v, 4) for v in list(msg_keys.values()) + list(payout_keys.values()))
histogram = " ".join(f"{'4+' if s == 4 else s}:{n}" for s, n in sorted(replays.items()))
once = len(ids) - (1 if "" in ids else 0) + len(payout_ids)
twice = max(extra_messages, 0) + max(extra_payouts, 0)
print(f"requests={stats['total']} 5xx={fivexx} 429={statuses.get(429, 0)} "
      f"keys={len(msg_keys) + len(payout_keys)} requests/key={histogram or 'none'} "
      f"delivered_once={once} twice+={twice} "
      f"notifications={','.join(f'{s}:{n}' for s, n in sorted(by_status.items()))} "
      f"payouts={','.join(f'{s}:{n}' for s, n in sorted(payout_status.items()))}")
print("; ".join(problems))
PY
) || drill_fail "$name" "could not read the results (see $logs)"
counts=$(sed -n 1p <<<"$report")
problems=$(sed -n 2p <<<"$report")

pending=$(q "SELECT count(*) FROM payments WHERE status = 'pending'")
payment_counts=$(q "SELECT string_agg(status || ':' || n, ',' ORDER BY status) FROM (SELECT p.status, count(*) n FROM payments p
                     JOIN drill_scope s ON s.kind = 'payment' AND s.id = p.id GROUP BY 1) x")
new_dead=$(q "SELECT count(*) FROM notifications n WHERE status = 'dead'
               AND NOT EXISTS (SELECT 1 FROM drill_scope s WHERE s.kind = 'old_notification' AND s.id = n.id)")
# Rows that went back to the queue with backoff after a failed attempt (the job-level retry path), per job.
rescheduled=$(cat "$logs"/round*.log | python3 -c '
import json, sys
fields = {"processed notifications": "notifications.rescheduled", "synced payments": "payments.failed", "checked payouts": "payouts.retried"}
total = 0
for line in sys.stdin:
    try: entry = json.loads(line)
    except ValueError: continue
    field = fields.get(entry.get("message")) if isinstance(entry, dict) else None
    if field: total += int(entry.get(field, 0))
print(total)')
exit_summary=$(for c in "${!exits[@]}"; do echo "$c:${exits[$c]}"; done | sort -n | paste -sd, -)
summary="rounds=$round runs=$runs exits=$exit_summary rescheduled=$rescheduled $counts payments=$payment_counts (due at start: $scope_notifications notifications, $scope_payments payments, $scope_payouts payouts)"

[ -z "$unexpected" ] || drill_fail "$name" "unexpected exit codes:$unexpected (logs in $logs); $summary"
[ "$pending" = 0 ] || drill_fail "$name" "$pending payments still pending after $round rounds; $summary"
[ "$new_dead" = 0 ] || problems="$new_dead notifications dead; $problems"
[ -z "$problems" ] || drill_fail "$name" "$problems; $summary"
[ "$(open_work)" = 0 ] || drill_fail "$name" "work left after $round rounds (cap $max_rounds); $summary"
drill_ok "$name" "$summary"

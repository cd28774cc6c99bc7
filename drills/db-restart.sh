#!/usr/bin/env bash
# Database-restart drill: `process-notifications` and `sync-payments` run side by side (each against its own
# database on the one PostgreSQL server), the sandbox slow enough (--latency 20-40) that both are busy with provider
# calls, and the server is restarted under them (`pg_ctl restart -m fast`: sessions terminated, the server down for
# a moment). Per round, each run must exit 75 (temporary failure: the database went away; safe to retry) and leave
# no partially applied batch:
#   - notifications: `sent` only with sent_at and provider_message_id and no lease; `queued`/`dead` without a
#     lease; what the broken run had leased and not written back stays `sending` until its (short) lease expires;
#   - payments (every payment pending when the drill began): approved <=> order paid, listing sold, ticket, payout
#     and the buyer's and seller's notifications; rejected/cancelled/expired <=> order cancelled/expired, listing
#     back on sale, the buyer notified; still pending <=> order awaiting payment, listing reserved, nothing else.
# Both jobs use short leases (2s), so the next runs take over what the broken ones had claimed. After the rounds,
# the next runs (no restart) exit 0 and complete: every notification sent, each delivered exactly once (the
# sandbox numbers the messages it creates: a probe with a new key tells how many in all, which must equal the
# distinct message ids of the rows; replaying each row's key answers its own message id), no payment left due,
# every payment consistent as above.
# Output under $DRILL_LOGS/db-restart/ (round-N.*.log, next.*.log, pg_ctl-N.log, stats.json, rows.txt, ...).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
drill_setup
name=db-restart
logs="$DRILL_LOGS/$name"
mkdir -p "$logs"

rounds=$(scaled 3 1)
notifications=$(scaled 8000 3000)
payments=$(scaled 4000 1500)
exit_timeout=120   # seconds a broken run may take to notice and exit

own_pids=""
cleanup() {
  local pid
  for pid in $own_pids; do kill -9 "$pid" 2>/dev/null || true; done
  drill_stop_sandbox 2>/dev/null
  if [ "${DRILL_OWNER:-}" = "$$" ]; then drill_teardown; fi
}
trap cleanup EXIT

cd "$DRILL_WORK" || drill_fail "$name" "no work directory"  # no schedules.yaml here: flags and variables are the configuration

# Two databases: the notifications backlog, and the payments backlog (its jobs queue notifications that nobody
# sends here, which keeps the delivery counts about the first one).
drill_db db_restart_notifications
mv "$DRILL_LOGS/db_restart_notifications.migrate.log" "$logs/migrate-notifications.log" 2>/dev/null
NOTIFICATIONS_URL=$DATABASE_URL
"$CRONJOB" seed --notifications "$notifications" --payments 0 --payouts 0 --pending-uploads 0 >"$logs/seed-notifications.log" 2>&1 \
  || drill_fail "$name" "seed of the notifications database failed (see $logs/seed-notifications.log)"
drill_db db_restart_payments
mv "$DRILL_LOGS/db_restart_payments.migrate.log" "$logs/migrate-payments.log" 2>/dev/null
PAYMENTS_URL=$DATABASE_URL
"$CRONJOB" seed --notifications 0 --payments "$payments" --payouts 0 --pending-uploads 0 >"$logs/seed-payments.log" 2>&1 \
  || drill_fail "$name" "seed of the payments database failed (see $logs/seed-payments.log)"
unset DATABASE_URL
qn() { DATABASE_URL=$NOTIFICATIONS_URL q "$@"; }
qp() { DATABASE_URL=$PAYMENTS_URL q "$@"; }

# Notifications in scope: the seeded backlog (`bulk:N`, due now; every 20th `sending` under an expired lease).
qn "DELETE FROM notifications WHERE dedupe_key NOT LIKE 'bulk:%';
    CREATE TABLE drill_start AS SELECT id, status, attempts FROM notifications;" >/dev/null \
  || drill_fail "$name" "could not prepare the notifications backlog"
seeded=$(qn "SELECT count(*) FROM drill_start")
[ "$seeded" = "$notifications" ] || drill_fail "$name" "seeded $seeded bulk notifications, expected $notifications"
# Payments in scope: every payment pending now (the seeded backlog and the demo world's reserved orders).
qp "CREATE TABLE drill_payments AS SELECT id, order_id, check_attempts FROM payments WHERE status = 'pending';" >/dev/null \
  || drill_fail "$name" "could not prepare the payments backlog"
scope_payments=$(qp "SELECT count(*) FROM drill_payments")

# Violations of "a payment's outcome is applied whole": one row per kind of inconsistency, with a count.
payment_violations() {
  qp "SELECT kind || ': ' || count(*) FROM (
      SELECT x.status || ' payment, order ' || x.order_status || ', listing ' || x.listing_status
             || ', ticket=' || x.ticket || ' payout=' || x.payout || ' approved/sold/failed notices='
             || x.n_approved || '/' || x.n_sold || '/' || x.n_failed AS kind
        FROM (SELECT p.status, o.status AS order_status, l.status AS listing_status,
                     EXISTS (SELECT 1 FROM tickets t WHERE t.order_id = o.id) AS ticket,
                     EXISTS (SELECT 1 FROM payouts po WHERE po.order_id = o.id AND po.idempotency_key = 'payout:' || o.id) AS payout,
                     EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = 'payment-approved:' || o.id) AS n_approved,
                     EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = 'ticket-sold:' || o.id) AS n_sold,
                     EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = 'payment-failed:' || o.id) AS n_failed,
                     o.paid_at IS NOT NULL AS paid_at, o.closed_at IS NOT NULL AS closed_at, p.resolved_at IS NOT NULL AS resolved_at
                FROM drill_payments d JOIN payments p ON p.id = d.id JOIN orders o ON o.id = p.order_id
                JOIN listings l ON l.id = o.listing_id) x
       WHERE NOT CASE x.status
             WHEN 'pending' THEN x.order_status = 'pending_payment' AND x.listing_status = 'reserved' AND NOT x.ticket
                                 AND NOT x.payout AND NOT x.n_approved AND NOT x.n_sold AND NOT x.n_failed
                                 AND NOT x.paid_at AND NOT x.closed_at AND NOT x.resolved_at
             WHEN 'approved' THEN x.order_status = 'paid' AND x.paid_at AND NOT x.closed_at AND x.listing_status = 'sold'
                                 AND x.ticket AND x.payout AND x.n_approved AND x.n_sold AND NOT x.n_failed AND x.resolved_at
             ELSE x.order_status = CASE x.status WHEN 'expired' THEN 'expired' ELSE 'cancelled' END AND x.closed_at
                  AND NOT x.paid_at AND x.listing_status = 'on_sale' AND NOT x.ticket AND NOT x.payout
                  AND NOT x.n_approved AND NOT x.n_sold AND x.n_failed AND x.resolved_at
             END) v
       GROUP BY kind ORDER BY kind" | paste -sd ';' -
}
# Notification rows in a state no completed or uncompleted batch can leave.
notification_violations() {
  qn "SELECT count(*) FILTER (WHERE status = 'sent' AND (sent_at IS NULL OR provider_message_id IS NULL OR lease_expires_at IS NOT NULL))
           + count(*) FILTER (WHERE status IN ('queued', 'dead') AND (lease_expires_at IS NOT NULL OR sent_at IS NOT NULL))
           + count(*) FILTER (WHERE status = 'sending' AND lease_expires_at IS NULL)
        FROM notifications"
}
before=$(payment_violations) || drill_fail "$name" "could not check the payments"
[ -z "$before" ] || drill_fail "$name" "the seeded payments are inconsistent before the drill (the check is wrong): $before"

drill_sandbox "$logs/sandbox.log" --latency 20-40 || drill_fail "$name" "provider-sandbox did not start"
export PROCESS_NOTIFICATIONS_LEASE=2s SYNC_PAYMENTS_LEASE=2s CRONJOB_CONNECT_TIMEOUT=30s

# route_count NAME...: the sandbox's request count summed over routes.
route_count() {
  sandbox_admin /_admin/stats | python3 -c 'import json, sys; r = json.load(sys.stdin)["routes"]; print(sum(r.get(n, 0) for n in sys.argv[1:]))' "$@"
}
alive() { kill -0 "$1" 2>/dev/null; }
# wait_exit PID SECONDS: sets exit_code (or "timeout" after SIGKILL).
wait_exit() {
  local pid=$1 limit=$2 i
  for i in $(seq 1 $((limit * 10))); do alive "$pid" || break; sleep 0.1; done
  if alive "$pid"; then kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; exit_code=timeout; return; fi
  wait "$pid"; exit_code=$?
}

restart_seconds_all="" notif_sent_broken=0 notif_left_leased=0 pay_resolved_broken=0 pay_left_claimed=0
for round in $(seq 1 "$rounds"); do
  qn "SET client_min_messages = warning; DROP TABLE IF EXISTS drill_round; CREATE TABLE drill_round AS SELECT id, attempts FROM notifications;" >/dev/null \
    && qp "SET client_min_messages = warning; DROP TABLE IF EXISTS drill_round; CREATE TABLE drill_round AS SELECT id, check_attempts FROM payments WHERE status = 'pending';" >/dev/null \
    || drill_fail "$name" "round $round: could not snapshot the rows"
  round_started=$(qn "SELECT now()")
  messages_before=$(route_count "POST /v1/messages" "POST /v1/push") && checks_before=$(route_count "GET /v1/payments/{id}") \
    || drill_fail "$name" "round $round: could not read the sandbox stats"

  DATABASE_URL=$NOTIFICATIONS_URL "$CRONJOB" run process-notifications --concurrency allow --timeout 10m >"$logs/round-$round.process-notifications.log" 2>&1 &
  notif_pid=$!
  DATABASE_URL=$PAYMENTS_URL "$CRONJOB" run sync-payments --concurrency allow --timeout 10m >"$logs/round-$round.sync-payments.log" 2>&1 &
  pay_pid=$!
  own_pids="$own_pids $notif_pid $pay_pid"
  started=$(date +%s.%N)

  # Both busy with provider calls, and at least a second into their work (polling, at most 60 s).
  busy=no
  for _ in $(seq 1 600); do
    alive "$notif_pid" && alive "$pay_pid" || break
    if [ "$(route_count "POST /v1/messages" "POST /v1/push")" -gt "$messages_before" ] \
       && [ "$(route_count "GET /v1/payments/{id}")" -gt "$checks_before" ] \
       && python3 -c "import sys, time; sys.exit(0 if time.time() - $started >= 1.0 else 1)"; then
      busy=yes; break
    fi
    sleep 0.1
  done
  if [ "$busy" != yes ]; then
    alive "$notif_pid" || { wait "$notif_pid"; drill_fail "$name" "round $round: process-notifications ended before the restart (exit $?): backlog too small? (see $logs)"; }
    alive "$pay_pid" || { wait "$pay_pid"; drill_fail "$name" "round $round: sync-payments ended before the restart (exit $?): backlog too small? (see $logs)"; }
    drill_fail "$name" "round $round: the runs made no provider calls within 60 s (see $logs)"
  fi

  restart_started=$(date +%s.%N)
  pg_run "$(pg_bindir)/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -m fast -w -t 60 restart >"$logs/pg_ctl-$round.log" 2>&1 \
    || drill_fail "$name" "round $round: pg_ctl restart failed (see $logs/pg_ctl-$round.log)"
  restart_seconds=$(python3 -c "import time; print(f'{time.time() - $restart_started:.1f}')")
  restart_seconds_all="${restart_seconds_all:+$restart_seconds_all,}$restart_seconds"
  for _ in $(seq 1 100); do qn "SELECT 1" >/dev/null 2>&1 && break; sleep 0.1; done

  wait_exit "$notif_pid" "$exit_timeout"; notif_exit=$exit_code
  wait_exit "$pay_pid" "$exit_timeout"; pay_exit=$exit_code
  echo "round $round: restart ${restart_seconds}s, process-notifications exit $notif_exit, sync-payments exit $pay_exit" >>"$logs/rounds.txt"
  [ "$notif_exit" = 75 ] || drill_fail "$name" "round $round: process-notifications exited $notif_exit after the database restart, expected 75 (see $logs/round-$round.process-notifications.log)"
  [ "$pay_exit" = 75 ] || drill_fail "$name" "round $round: sync-payments exited $pay_exit after the database restart, expected 75 (see $logs/round-$round.sync-payments.log)"

  # No partially applied batch.
  bad_notifications=$(notification_violations) || drill_fail "$name" "round $round: could not check the notifications"
  [ "$bad_notifications" = 0 ] || drill_fail "$name" "round $round: $bad_notifications notifications in an inconsistent state after the restart"
  bad_payments=$(payment_violations) || drill_fail "$name" "round $round: could not check the payments"
  [ -z "$bad_payments" ] || drill_fail "$name" "round $round: partially applied payment outcomes after the restart: $bad_payments"
  state=$(qn "SELECT count(*) FILTER (WHERE n.status = 'sent'), count(*) FILTER (WHERE n.status = 'sending')
                FROM notifications n JOIN drill_round r USING (id) WHERE n.attempts > r.attempts") \
    || drill_fail "$name" "round $round: could not read the notifications"
  IFS='|' read -r n_sent n_leased <<<"$state"
  state=$(qp "SELECT count(*) FILTER (WHERE p.status <> 'pending'),
                     count(*) FILTER (WHERE p.status = 'pending' AND p.checked_at >= '$round_started'::timestamptz),
                     count(*) FILTER (WHERE p.status = 'pending' AND (p.checked_at IS NULL OR p.checked_at < '$round_started'::timestamptz))
                FROM payments p JOIN drill_round r USING (id) WHERE p.check_attempts > r.check_attempts") \
    || drill_fail "$name" "round $round: could not read the payments"
  IFS='|' read -r p_resolved p_rechecked p_claimed <<<"$state"
  echo "round $round: notifications sent=$n_sent left_leased=$n_leased; payments resolved=$p_resolved rechecked=$p_rechecked left_claimed=$p_claimed" >>"$logs/rounds.txt"
  notif_sent_broken=$((notif_sent_broken + n_sent)); notif_left_leased=$((notif_left_leased + n_leased))
  pay_resolved_broken=$((pay_resolved_broken + p_resolved)); pay_left_claimed=$((pay_left_claimed + p_claimed))
  remaining_n=$(qn "SELECT count(*) FROM notifications WHERE status <> 'sent'")
  remaining_p=$(qp "SELECT count(*) FROM payments WHERE status = 'pending' AND next_check_at <= now() + interval '5 seconds'")
  [ "$remaining_n" -gt 0 ] && [ "$remaining_p" -gt 0 ] \
    || drill_fail "$name" "round $round: a backlog was drained before the restart (notifications left $remaining_n, payments due $remaining_p): the drill needs bigger ones"
done

# Wait (polling) until the broken runs' leases expired, so the next runs must take over what they had claimed.
for _ in $(seq 1 300); do
  [ "$(qn "SELECT count(*) FROM notifications WHERE status = 'sending' AND lease_expires_at > now()")" = 0 ] \
    && [ "$(qp "SELECT count(*) FROM payments WHERE status = 'pending' AND next_check_at > now() AND next_check_at <= now() + interval '5 seconds'")" = 0 ] \
    && break
  sleep 0.1
done

# The next runs, no restart, the sandbox faster: both exit 0 and complete.
sandbox_admin /_admin/config '{"latency_ms": [1, 5]}' >/dev/null || drill_fail "$name" "could not configure the sandbox"
next_started=$(date +%s.%N)
next_started_db=$(qp "SELECT now()")
DATABASE_URL=$NOTIFICATIONS_URL timeout -k 10 900 "$CRONJOB" run process-notifications --concurrency allow --timeout 10m >"$logs/next.process-notifications.log" 2>&1 &
notif_pid=$!
DATABASE_URL=$PAYMENTS_URL timeout -k 10 900 "$CRONJOB" run sync-payments --concurrency allow --timeout 10m >"$logs/next.sync-payments.log" 2>&1 &
pay_pid=$!
own_pids="$own_pids $notif_pid $pay_pid"
wait "$notif_pid"; notif_next=$?
wait "$pay_pid"; pay_next=$?
next_seconds=$(python3 -c "import time; print(f'{time.time() - $next_started:.1f}')")
[ "$notif_next" = 0 ] || drill_fail "$name" "the next process-notifications exited $notif_next, expected 0 (see $logs/next.process-notifications.log)"
[ "$pay_next" = 0 ] || drill_fail "$name" "the next sync-payments exited $pay_next, expected 0 (see $logs/next.sync-payments.log)"

# --- verification: payments ------------------------------------------------------------------------------------
bad_payments=$(payment_violations) || drill_fail "$name" "could not check the payments"
[ -z "$bad_payments" ] || drill_fail "$name" "inconsistent payment outcomes after the next run: $bad_payments"
due_payments=$(qp "SELECT count(*) FROM drill_payments d JOIN payments p USING (id) WHERE p.status = 'pending' AND p.next_check_at <= '$next_started_db'::timestamptz")
[ "$due_payments" = 0 ] || drill_fail "$name" "$due_payments payments still due after the next sync-payments"
payment_counts=$(qp "SELECT string_agg(status || ':' || n, ',' ORDER BY status) FROM (SELECT p.status, count(*) n
                       FROM drill_payments d JOIN payments p USING (id) GROUP BY 1) x")

# --- verification: notifications -------------------------------------------------------------------------------
sandbox_admin /_admin/stats >"$logs/stats.json" || drill_fail "$name" "could not read the sandbox stats"
qn "SELECT n.id, n.status, s.attempts, n.attempts, coalesce(n.provider_message_id, ''), n.channel,
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

summary="rounds=$rounds exits=75x$((rounds * 2)) restart_s=$restart_seconds_all broken_runs: notifications_sent=$notif_sent_broken left_leased=$notif_left_leased payments_resolved=$pay_resolved_broken left_claimed=$pay_left_claimed; next: exit=0,0 in ${next_seconds}s payments=$scope_payments ($payment_counts) partial=0 notifications=$seeded $counts"
[ -z "$problems" ] || drill_fail "$name" "$problems; $summary"
drill_ok "$name" "$summary"

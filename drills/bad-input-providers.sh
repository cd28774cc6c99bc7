#!/usr/bin/env bash
# Bad-input drill, provider level: a wrong or rotated token, and a provider answering nothing usable, never burn the
# backlog and never exit 0. Run by drills/bad-input.sh (its last check) or alone.
#   (a) a token the provider answers 401 (then 403) to: process-notifications, check-payout and sync-payments exit 78
#       naming the provider's *_API_TOKEN variable (never the token); no row is marked dead/on_hold, no attempt counted;
#       the history row and the EMF line say failed/78.
#   (b) every answer malformed, then every answer a proxy's HTML 502 page: sync-payments and process-notifications
#       exit 69; the same invariants; nothing counted failed.
#   (c) one item answered 422 among good answers: still that item's failure; the run succeeds.
# Prints one line: `drill bad-input-providers: ok  counts...` or `... FAIL  why`. Details: "$DRILL_LOGS/bad-input-providers/".
set -uo pipefail
source "$(dirname "$0")/lib.sh"
drill_setup

name=bad-input-providers
logs="$DRILL_LOGS/$name"
mkdir -p "$logs"
problems=()
export HTTP_MAX_ATTEMPTS=2 HTTP_RETRY_BASE_DELAY=10ms HTTP_RETRY_MAX_DELAY=50ms HTTP_RETRY_BUDGET=5s

drill_db bad_input_providers || drill_fail "$name" "the database could not be created; see $DRILL_LOGS/bad_input_providers.migrate.log"
"$CRONJOB" seed --payments "$(scaled 200 40)" --payouts "$(scaled 100 20)" --notifications "$(scaled 300 60)" >"$logs/seed.log" 2>&1 \
  || drill_fail "$name" "seed failed: $(tail -n 1 "$logs/seed.log")"
drill_sandbox "$logs/sandbox.log" --seed 11 || drill_fail "$name" "the sandbox did not start"

# state: what a provider-level failure must leave alone: attempts, and terminal statuses (a notification without an
# address is dead by itself, no call made: not counted).
state() {
  q "SELECT (SELECT coalesce(sum(attempts), 0) FROM notifications) || ' ' ||
            (SELECT count(*) FROM notifications WHERE status IN ('dead', 'sent')
                AND coalesce(last_error, '') NOT IN ('no email address', 'the user has no push token')) || ' ' ||
            (SELECT coalesce(sum(attempts), 0) FROM payouts) || ' ' ||
            (SELECT count(*) FROM payouts WHERE status NOT IN ('pending', 'requested')) || ' ' ||
            (SELECT coalesce(sum(check_attempts), 0) FROM payments) || ' ' ||
            (SELECT count(*) FROM payments WHERE status <> 'pending')"
}

# expect_stop CASE JOB CODE VARIABLE: runs JOB; it must exit CODE, name VARIABLE in its error, record failed/CODE in
# history and the EMF line, count no item failed, leave `state` unchanged and print no token.
expect_stop() {
  local case=$1 job=$2 want=$3 variable=$4 log="$logs/$1.$2.log"
  local before after code history emf
  before=$(state)
  "$CRONJOB" run "$job" >"$log" 2>&1
  code=$?
  after=$(state)
  history=$(q "SELECT status || ' ' || exit_code || ' ' || items_failed FROM cronjob_runs WHERE job = '$job' ORDER BY started_at DESC LIMIT 1")
  emf=$(grep '"_aws"' "$log" | tail -n 1 | grep -oE '"ExitCode":[0-9]+' | cut -d: -f2)
  [ "$code" = "$want" ] || problems+=("$case $job: exit $code, want $want: $(grep -m1 'run ended' "$log" | cut -c1-200)")
  grep -q "run ended:.*$variable" "$log" || problems+=("$case $job: the error does not name $variable")
  [ "$before" = "$after" ] || problems+=("$case $job: attempts or statuses changed ($before -> $after)")
  [ "$history" = "failed $want 0" ] || problems+=("$case $job: history says '$history', want 'failed $want 0'")
  [ "$emf" = "$want" ] || problems+=("$case $job: the EMF line says ExitCode ${emf:-none}, want $want")
  if grep -qF -e "$WRONG_TOKEN" -e "$DRILL_TOKEN" "$log"; then problems+=("$case $job: a token appears in the output"); fi
  echo "$case $job exit=$code history='$history' emf=$emf state=$after" >&2
  stops=$((stops + 1))
}
stops=0

# Every job's due work, so each case below has something to claim (given-back rows come due again after a backoff).
due() { q "UPDATE notifications SET next_attempt_at = now() WHERE status = 'queued';
           UPDATE payments SET next_check_at = now() WHERE status = 'pending';
           UPDATE payouts SET next_attempt_at = now() WHERE status IN ('pending', 'requested') AND available_at <= now()" >/dev/null; }

# --- (a) a rotated token ------------------------------------------------------------------------------------------
WRONG_TOKEN="rotated-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
export EMAIL_API_TOKEN="$WRONG_TOKEN" PUSH_API_TOKEN="$WRONG_TOKEN" PAYOUTS_API_TOKEN="$WRONG_TOKEN" PAYMENTS_API_TOKEN="$WRONG_TOKEN"
due
expect_stop 401 process-notifications 78 '_API_TOKEN'
expect_stop 401 check-payout 78 PAYOUTS_API_TOKEN
expect_stop 401 sync-payments 78 PAYMENTS_API_TOKEN
sandbox_admin /_admin/config '{"token_status": 403}' >/dev/null || problems+=("403: the sandbox refused token_status")
due
expect_stop 403 check-payout 78 PAYOUTS_API_TOKEN
expect_stop 403 process-notifications 78 '_API_TOKEN'
export EMAIL_API_TOKEN="$DRILL_TOKEN" PUSH_API_TOKEN="$DRILL_TOKEN" PAYOUTS_API_TOKEN="$DRILL_TOKEN" PAYMENTS_API_TOKEN="$DRILL_TOKEN"

# --- (b) nothing usable: malformed bodies, then a proxy's HTML 502 ----------------------------------------------------
sandbox_admin /_admin/config '{"malformed_rate": 1}' >/dev/null || problems+=("malformed: the sandbox refused the knob")
due
expect_stop malformed sync-payments 69 PAYMENTS_API_URL
expect_stop malformed process-notifications 69 '_API_URL'
sandbox_admin /_admin/config '{"malformed_rate": 0, "error_rate": 1, "error_status": 502, "error_html": true}' >/dev/null \
  || problems+=("html502: the sandbox refused the knobs")
due
expect_stop html502 sync-payments 69 PAYMENTS_API_URL
expect_stop html502 process-notifications 69 '_API_URL'

# --- (c) one item refused among good answers: its own failure, the run succeeds ------------------------------------
sandbox_admin /_admin/reset '{}' >/dev/null || problems+=("item: the sandbox refused the reset")
due
refused=$(q "SELECT provider_payment_id FROM payments WHERE status = 'pending' ORDER BY id LIMIT 1")
sandbox_admin /_admin/config "{\"force_status\": {\"$refused\": 422}}" >/dev/null || problems+=("item: the sandbox refused force_status")
"$CRONJOB" run sync-payments >"$logs/item.sync-payments.log" 2>&1
item_code=$?
item_history=$(q "SELECT status || ' ' || exit_code FROM cronjob_runs WHERE job = 'sync-payments' ORDER BY started_at DESC LIMIT 1")
item_error=$(q "SELECT coalesce(last_error, '') FROM payments WHERE provider_payment_id = '$refused'")
[ "$item_code" = 0 ] || problems+=("item: sync-payments exited $item_code with one 422 among good answers")
[ "$item_history" = "succeeded 0" ] || problems+=("item: history says '$item_history'")
grep -q 'HTTP 422' <<<"$item_error" || problems+=("item: the refused payment's last_error is '$item_error'")
drill_stop_sandbox

summary="stops=$stops item_exit=$item_code item_history='$item_history'"
printf '%s\n' "${problems[@]}" >"$logs/problems.txt"
[ ${#problems[@]} -eq 0 ] || drill_fail "$name" "${#problems[@]} problem(s): ${problems[0]} | $summary (all: $logs/problems.txt)"
drill_ok "$name" "$summary"

#!/usr/bin/env bash
# Bad-input drill: what a person or a provider can get wrong never crashes the runner, and every refusal says where.
#   (a) mutated copies of schedules.yaml through `cronjob schedules --check --file F` (2 at a time): exit 0 or 78
#       only, never a signal, trap or stack trace; every exit 78 names F:LINE:COLUMN; files valid by construction
#       pass, files invalid by construction are refused; every file that passes is also listed without error.
#   (b) random expressions, valid and invalid, through one `cronjob next --check -`: one answer per line, a
#       message for every invalid one, the next fire time for every valid one (rates checked exactly, crons
#       against an independent model).
#   (c) malformed provider answers (truncated, wrong types, HTML, an error object with 200, empty) to
#       sync-payments, check-payout and process-notifications, then a proxy's 502 HTML page to the same jobs:
#       a documented exit code, and the bad answer recorded in last_error on every row the job claimed.
#   (d) hostile values in flags and settings (drills/bad-input-values.sh): huge and foreign durations, impossible
#       times, bad ports and URLs, unencoded passwords, broken services and secrets, FIFOs, control characters:
#       the documented exit code, one line for usage errors, no trap, no secret, nothing hangs.
# Counts: `scaled FULL CI`. Details: "$DRILL_LOGS/bad-input/".
set -uo pipefail
source "$(dirname "$0")/lib.sh"
drill_setup

name=bad-input
logs="$DRILL_LOGS/$name"
work="$DRILL_WORK/$name"
mkdir -p "$logs" "$work"
fuzz=(python3 "$DRILL_ROOT/drills/bad-input-fuzz.py")
problems=()

# value KEY LINE: the value of KEY=... in a counts line.
value() { grep -oE "(^| )$1=[^ ]*" <<<"$2" | head -n 1 | sed 's/^ *[^=]*=//'; }

# --- (a) mutated schedule files --------------------------------------------------------------------------------
files_line=$("${fuzz[@]}" files --cronjob "$CRONJOB" --original "$DRILL_ROOT/schedules.yaml" \
  --count "$(scaled 5000 500)" --seed 20260101 --work "$work" --logs "$logs" 2>"$logs/files.stderr") \
  || problems+=("files: the generator failed: $(tail -n 1 "$logs/files.stderr")")
echo "files: $files_line" >&2
if [ -n "$files_line" ] && [ "$(value failures "$files_line")" != 0 ]; then
  problems+=("files: $(value failures "$files_line") failures ($(value kinds "$files_line")), e.g. $(head -n 1 "$logs/files.failures" | cut -c1-300)")
fi

# --- (b) random expressions -------------------------------------------------------------------------------------
expressions_line=$("${fuzz[@]}" expressions --cronjob "$CRONJOB" --count "$(scaled 100000 10000)" --seed 20260101 \
  --work "$work" --logs "$logs" 2>"$logs/expressions.generator.stderr") \
  || problems+=("expressions: the generator failed: $(tail -n 1 "$logs/expressions.generator.stderr")")
echo "expressions: $expressions_line" >&2
if [ -n "$expressions_line" ] && [ "$(value failures "$expressions_line")" != 0 ]; then
  problems+=("expressions: $(value failures "$expressions_line") failures ($(value kinds "$expressions_line")), e.g. $(head -n 1 "$logs/expressions.failures" | cut -c1-300)")
fi

# --- (c) malformed provider answers -----------------------------------------------------------------------------
documented_exit() { case "$1" in 0|1|64|69|75|78|124|130|143) return 0 ;; *) return 1 ;; esac; }
crash_marks='Fatal error|Program crashed|Stack dump|Current stack trace|Thread [0-9]+ crashed|Illegal instruction|Segmentation fault'

# table_rows TABLE: "id|md5 of the whole row" for every row, to tell afterwards which rows a job touched.
table_rows() { q "SELECT id || '|' || md5(t::text) FROM $1 t" | LC_ALL=C sort; }

# provider_case CASE JOB TABLE PATTERN: runs JOB once. Every row of TABLE it changed (a claim changes the row) must
# carry in last_error the answer the provider gave for it: PATTERN (the answer this case injects), or another
# provider answer with a status (a seeded `requested` payout the sandbox never created is a 404). Prints
# "claimed recorded matching exit"; complaints are appended to $work/problems.
provider_case() {
  local case=$1 job=$2 table=$3 pattern=$4
  local answered="$pattern|HTTP [0-9]{3}"
  table_rows "$table" >"$work/$case.$job.before"
  "$CRONJOB" run "$job" >"$logs/$case.$job.log" 2>&1
  local code=$?
  table_rows "$table" >"$work/$case.$job.after"
  local ids claimed=0 recorded=0 matching=0
  ids=$(LC_ALL=C comm -13 "$work/$case.$job.before" "$work/$case.$job.after" | cut -d'|' -f1 | paste -sd, -)
  if [ -n "$ids" ]; then
    q "SELECT id || ' ' || coalesce(last_error, '<null>') FROM $table WHERE id IN ($ids) ORDER BY id" >"$logs/$case.$job.last_error"
    claimed=$(wc -l <"$logs/$case.$job.last_error")
    recorded=$(grep -cE "^[0-9]+ .*($answered)" "$logs/$case.$job.last_error")
    matching=$(grep -cE "^[0-9]+ .*($pattern)" "$logs/$case.$job.last_error")
  fi
  if ! documented_exit "$code"; then
    echo "$case $job: exit $code, not a documented exit code (a signal or a trap)" >>"$work/problems"
  fi
  if grep -qE "$crash_marks" "$logs/$case.$job.log"; then
    echo "$case $job: a crash or stack trace in its output: $(grep -m1 -E "$crash_marks" "$logs/$case.$job.log" | cut -c1-200)" >>"$work/problems"
  fi
  if [ "$matching" -eq 0 ]; then
    echo "$case $job: no claimed $table row got the injected answer (claimed $claimed, exit $code)" >>"$work/problems"
  fi
  if [ "$recorded" -ne "$claimed" ]; then
    echo "$case $job: $((claimed - recorded)) of $claimed claimed $table rows lack the provider's answer in last_error, e.g. $(grep -vE "^[0-9]+ .*($answered)" "$logs/$case.$job.last_error" | head -n 1 | cut -c1-200)" >>"$work/problems"
  fi
  echo "$case $job exit=$code claimed=$claimed recorded=$recorded matching=$matching" >&2
  echo "$claimed $recorded $matching $code"
}

: >"$work/problems"
# --- (d) hostile values -------------------------------------------------------------------------------------------
source "$DRILL_ROOT/drills/bad-input-values.sh"
export HTTP_MAX_ATTEMPTS=2 HTTP_RETRY_BASE_DELAY=10ms HTTP_RETRY_MAX_DELAY=50ms HTTP_RETRY_BUDGET=5s
# One batch per job: a batch of nothing but malformed answers stops the run (69) with its rows given back, so every row due must be in it.
export SYNC_PAYMENTS_BATCH_SIZE=5000 CHECK_PAYOUT_BATCH_SIZE=5000 PROCESS_NOTIFICATIONS_BATCH_SIZE=5000
# What a malformed 200 leaves in last_error: a decoding failure naming what was wrong (one phrase per mode).
malformed='decoding: .*(not valid JSON|wrong type at|null at|missing `|expected JSON, got text/html|error object|empty body)'
drill_db bad_input_malformed || echo "malformed: the database could not be created; see $DRILL_LOGS/bad_input_malformed.migrate.log" >>"$work/problems"
"$CRONJOB" seed --payments "$(scaled 200 60)" --payouts "$(scaled 100 30)" --notifications "$(scaled 300 90)" \
  >"$logs/malformed.seed.log" 2>&1 || echo "malformed: seed failed: $(tail -n 1 "$logs/malformed.seed.log")" >>"$work/problems"
drill_sandbox "$logs/malformed.sandbox.log" --seed 7 --malformed-rate 1 --malformed-modes truncated,wrong_types,html,error_body,empty \
  || echo "malformed: the sandbox did not start" >>"$work/problems"
# Rows due before each run (the claims' own conditions): a malformed answer is permanent, so each job works through
# all of them in its one run and claims every one.
payments_due=$(q "SELECT count(*) FROM payments WHERE status = 'pending' AND next_check_at <= now()")
read -r payments payments_recorded payments_malformed payments_exit < <(provider_case malformed sync-payments payments "$malformed")
payouts_due=$(q "SELECT count(*) FROM payouts WHERE status IN ('pending', 'requested') AND next_attempt_at <= now()
                 AND (status = 'requested' OR available_at <= now())")
read -r payouts payouts_recorded payouts_malformed payouts_exit < <(provider_case malformed check-payout payouts "$malformed")
notifications_due=$(q "SELECT count(*) FROM notifications WHERE status IN ('queued', 'sending') AND next_attempt_at <= now()")
read -r notifications notifications_recorded notifications_malformed notifications_exit < <(provider_case malformed process-notifications notifications "$malformed")
for pair in "payments $payments $payments_due" "payouts $payouts $payouts_due" "notifications $notifications $notifications_due"; do
  read -r table claimed due <<<"$pair"
  [ "$claimed" = "$due" ] || echo "malformed: $table: $due rows were due but the job claimed $claimed" >>"$work/problems"
done
modes=$(cat "$logs"/malformed.*.last_error | grep -oE 'not valid JSON|wrong type at|expected JSON, got text/html|error object|empty body' | sort -u | wc -l)
[ "$modes" -eq 5 ] || echo "malformed: last_error shows $modes of the 5 malformed modes" >>"$work/problems"
drill_stop_sandbox

# A proxy in front of the provider answers 502 with its HTML error page: transient, retried, then given up on.
drill_db bad_input_html502 || echo "html502: the database could not be created; see $DRILL_LOGS/bad_input_html502.migrate.log" >>"$work/problems"
"$CRONJOB" seed --payments 20 --payouts 10 --notifications 30 >"$logs/html502.seed.log" 2>&1 \
  || echo "html502: seed failed: $(tail -n 1 "$logs/html502.seed.log")" >>"$work/problems"
"${fuzz[@]}" html-server >"$logs/html502.server.log" 2>&1 &
html_pid=$!
DRILL_SANDBOX_PIDS="${DRILL_SANDBOX_PIDS:-} $html_pid"
for _ in $(seq 1 100); do grep -q '^listening on ' "$logs/html502.server.log" 2>/dev/null && break; sleep 0.05; done
html_url="http://$(sed -n 's/^listening on //p' "$logs/html502.server.log" | head -n 1)"
[ "$html_url" != "http://" ] || echo "html502: the HTML page server did not start: $(tail -n 1 "$logs/html502.server.log")" >>"$work/problems"
export PAYMENTS_API_URL="$html_url" PAYOUTS_API_URL="$html_url" EMAIL_API_URL="$html_url" PUSH_API_URL="$html_url"
html502='HTTP 502'
read -r page_payments page_payments_recorded _ page_payments_exit < <(provider_case html502 sync-payments payments "$html502")
read -r page_payouts page_payouts_recorded _ page_payouts_exit < <(provider_case html502 check-payout payouts "$html502")
read -r page_notifications page_notifications_recorded _ page_notifications_exit < <(provider_case html502 process-notifications notifications "$html502")
kill "$html_pid" 2>/dev/null; wait "$html_pid" 2>/dev/null
for code in "$page_payments_exit" "$page_payouts_exit" "$page_notifications_exit"; do
  [ "$code" = 69 ] || { echo "html502: a job exited $code; a provider answering only 502 is exit 69" >>"$work/problems"; break; }
done

while IFS= read -r line; do problems+=("$line"); done <"$work/problems"

files_summary="files=$(value files "$files_line") valid=$(value valid "$files_line") invalid=$(value invalid "$files_line") located=$(value located "$files_line") crashes=$(value crashes "$files_line") listed=$(value listed "$files_line")"
expressions_summary="expressions=$(value expressions "$expressions_line") valid=$(value valid "$expressions_line") invalid=$(value invalid "$expressions_line") rates_exact=$(value rates_exact "$expressions_line") crons_modelled=$(value crons_modelled "$expressions_line") odd_whitespace_accepted=$(value accepted_odd_characters "$expressions_line") exit=$(value exit "$expressions_line")"
responses_summary="responses: payments=$payments due=$payments_due recorded=$payments_recorded malformed=$payments_malformed payouts=$payouts due=$payouts_due recorded=$payouts_recorded malformed=$payouts_malformed notifications=$notifications due=$notifications_due recorded=$notifications_recorded malformed=$notifications_malformed modes=$modes exits=$payments_exit/$payouts_exit/$notifications_exit html502: payments=$page_payments recorded=$page_payments_recorded payouts=$page_payouts recorded=$page_payouts_recorded notifications=$page_notifications recorded=$page_notifications_recorded exits=$page_payments_exit/$page_payouts_exit/$page_notifications_exit"
summary="$files_summary $expressions_summary $responses_summary values: cases=$values_cases ok=$values_ok"
providers_line=$(bash "$DRILL_ROOT/drills/bad-input-providers.sh" 2>>"$logs/providers.stderr") && summary="$summary ${providers_line#drill bad-input-providers: ok  }" || problems+=("providers: ${providers_line:-printed nothing}")
printf '%s\n' "${problems[@]}" >"$logs/problems.txt"
[ ${#problems[@]} -eq 0 ] || drill_fail "$name" "${#problems[@]} problem(s): ${problems[0]} | $summary (all: $logs/problems.txt)"
drill_ok "$name" "$summary"

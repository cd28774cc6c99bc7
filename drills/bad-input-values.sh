# Sourced by drills/bad-input.sh, section (d): hostile values in flags and settings (issue 15). Every case must end
# by exit (no signal, no trap) with the exit code the README documents for it, print one line on stderr for flag
# errors, never echo a secret, and finish within 20 s (nothing waits on a FIFO or retries a hopeless connection).
# Appends complaints to "$work/problems"; sets values_cases and values_ok for the summary.

values_cases=0
values_ok=0
# hostile_case WANT_EXIT SECRET -- ENV... -- ARGS...: one run of cronjob; SECRET (may be "") must not appear.
hostile_case() {
  local want=$1 secret=$2; shift 3
  local env=()
  while [ "$1" != -- ]; do env+=("$1"); shift; done
  shift
  values_cases=$((values_cases + 1))
  local log="$logs/values.$values_cases.log"
  (cd "$work" && timeout 20 env -i PATH="$PATH" HOME="$HOME" "${env[@]}" "$CRONJOB" "$@") >"$log" 2>&1
  local code=$?
  local what="values #$values_cases (cronjob $* with ${env[*]:-no settings})"
  if [ "$code" = 124 ] && ! grep -q . "$log"; then echo "$what: hung (killed after 20 s)" >>"$work/problems"; return; fi
  if [ "$code" != "$want" ]; then echo "$what: exit $code, want $want: $(head -c 200 "$log")" >>"$work/problems"; return; fi
  if grep -qE "$crash_marks" "$log"; then echo "$what: a crash in the output" >>"$work/problems"; return; fi
  if [ -n "$secret" ] && grep -qF -- "$secret" "$log"; then echo "$what: printed a secret" >>"$work/problems"; return; fi
  if [ "$want" = 64 ] && [ "$(wc -l <"$log")" != 1 ]; then echo "$what: $(wc -l <"$log") lines for a usage error" >>"$work/problems"; return; fi
  values_ok=$((values_ok + 1))
}

unreachable=(DATABASE_URL=postgresql://u:p@127.0.0.1:1/db CRONJOB_CONNECT_TIMEOUT=1s)
for value in 99999999999999d 1e16 9223372036854775807s 0x10 -5s 1.5m 367d 5M ' ' 'nan' '1h1h'; do
  hostile_case 64 "" -- -- run notify-upload --timeout "$value"
  for variable in CRONJOB_CONNECT_TIMEOUT CRONJOB_DRAIN_GRACE CRONJOB_STATEMENT_TIMEOUT; do
    hostile_case 78 "" -- "${unreachable[@]}" "$variable=$value" -- run notify-upload
  done
done
for value in 2026-02-29T00:00:00Z 2026-01-01T00:00:00+99:00 294277-01-01T00:00:00Z 0001-01-01T00:00:00Z \
  1582-10-10T00:00:00Z 2026-01-01T10:00:00 "$(printf '2026-01-01\e[31m')"; do
  hostile_case 64 "" -- -- run notify-upload --scheduled-at "$value"
  hostile_case 64 "" -- -- next 'rate(5 minutes)' --from "$value"
  hostile_case 64 "" -- -- schedules --file "$DRILL_ROOT/schedules.yaml" --from "$value"
done
for args in "next rate(5 minutes) --count -3" "history --limit -3" "seed --scale -3" "run no-such-job" \
  "schedules --file $DRILL_ROOT/schedules.yaml --env nope" "run notify-upload --file $DRILL_ROOT/schedules.yaml --env nope" \
  "compile --file $DRILL_ROOT/schedules.yaml --env nope --format cloudformation --out $work/out" \
  "compile --file $DRILL_ROOT/schedules.yaml --env staging --format cloudformation --out $DRILL_ROOT/schedules.yaml"; do
  # shellcheck disable=SC2086 # word splitting is the point: each string is an argument list
  hostile_case 64 "" -- -- $args
done
hostile_case 64 "" -- -- compile --file "$DRILL_ROOT/schedules.yaml" --env staging --format cloudformation --out ""
mkfifo "$work/fifo.yaml"
hostile_case 78 "" -- -- schedules --check --file "$work/fifo.yaml"
hostile_case 64 "" -- -- compile --file "$DRILL_ROOT/schedules.yaml" --env staging --format cloudformation --out "$work/fifo.yaml"
hostile_case 78 "" -- "${unreachable[@]}" CRONJOB_LOG_FORMAT=xml -- run notify-upload
for password in 'Pa55@w0rdTail' 'Pa55/w0rdTail' 'Pa55?w0rdTail' 'Pa55#w0rdTail'; do
  hostile_case 78 w0rdTail -- "DATABASE_URL=postgresql://postgres:$password@127.0.0.1:$PG_PORT/db" CRONJOB_CONNECT_TIMEOUT=30s -- run notify-upload
done
hostile_case 78 "" -- PGSERVICE=nonexistent CRONJOB_CONNECT_TIMEOUT=30s -- run notify-upload
printf '[app]\nhost=127.0.0.1\nbogus_keyword=1\n' >"$work/pg_service.conf"
hostile_case 78 "" -- PGSERVICE=app PGSERVICEFILE="$work/pg_service.conf" CRONJOB_CONNECT_TIMEOUT=30s -- run notify-upload
for port in true null 0 70000 '"abc"' 5432.5 '[]'; do
  hostile_case 78 s3cret-pw -- "DATABASE_SECRET={\"username\":\"u\",\"password\":\"s3cret-pw\",\"host\":\"127.0.0.1\",\"port\":$port}" \
    CRONJOB_CONNECT_TIMEOUT=30s -- run notify-upload
done
drill_db bad_input_values || echo "values: the database could not be created" >>"$work/problems"
providers=(PAYMENTS_API_URL=http://127.0.0.1:9 PAYOUTS_API_URL=http://127.0.0.1:9 EMAIL_API_URL=http://127.0.0.1:9
  PUSH_API_URL=http://127.0.0.1:9 PAYMENTS_API_TOKEN=t PAYOUTS_API_TOKEN=t EMAIL_API_TOKEN=t PUSH_API_TOKEN=t)
for setting in PAYOUTS_API_URL=http://127.0.0.1:70000 EMAIL_API_URL=http://127.0.0.1:0 PAYMENTS_API_URL=ftp://x/ \
  HTTP_TIMEOUT=1000000d HTTP_RETRY_BUDGET=99999999999999d NOTIFY_UPLOAD_WINDOW=1e16; do
  for job in sync-payments check-payout process-notifications notify-upload; do
    case "$setting:$job" in
      PAYOUTS*:check-payout|EMAIL*:process-notifications|PAYMENTS*:sync-payments|HTTP*:process-notifications|NOTIFY*:notify-upload) ;;
      *) continue ;;
    esac
    hostile_case 78 "" -- DATABASE_URL="$DATABASE_URL" "${providers[@]}" "$setting" -- run "$job"
  done
done
hostile_case 78 "" -- DATABASE_URL="${DATABASE_URL%/*}/postgres" CRONJOB_CONNECT_TIMEOUT=5s -- history
# A run killed with SIGKILL must not block its occurrence: once its timeout plus the drain grace is over, a redelivery
# of the same --scheduled-at runs (the killed row becomes `lost`), where it used to be a `duplicate` forever.
values_cases=$((values_cases + 1))
occurrence=2026-11-22T10:00:00Z
killed_env=(NOTIFY_UPLOAD_BATCH_SIZE=1 CRONJOB_DRAIN_GRACE=1s)
if "$CRONJOB" seed --pending-uploads 3000 >"$logs/values.killed.seed.log" 2>&1; then
  env "${killed_env[@]}" "$CRONJOB" run notify-upload --timeout 2s --scheduled-at "$occurrence" >"$logs/values.killed.log" 2>&1 &
  killed_pid=$!
  sleep 1; kill -9 "$killed_pid" 2>/dev/null; wait "$killed_pid" 2>/dev/null
  sleep 3
  env "${killed_env[@]}" "$CRONJOB" run notify-upload --timeout 2s --scheduled-at "$occurrence" >"$logs/values.redelivered.log" 2>&1
  redelivered=$?
  occurrence_rows=$(q "SELECT string_agg(status, ',' ORDER BY started_at) FROM cronjob_runs WHERE job = 'notify-upload' AND scheduled_at = '$occurrence'")
  case "$redelivered:$occurrence_rows" in
    0:lost,succeeded|124:lost,deadline_reached) values_ok=$((values_ok + 1)) ;;
    *) echo "values: a redelivery after a kill -9 exited $redelivered; the occurrence's rows are '$occurrence_rows' (want lost, then a run)" >>"$work/problems" ;;
  esac
else
  echo "values: seed for the kill -9 case failed: $(tail -n 1 "$logs/values.killed.seed.log")" >>"$work/problems"
fi
echo "values: cases=$values_cases ok=$values_ok" >&2

#!/usr/bin/env bash
# Overlap drill: 8 runs of one job started at the same instant, for each of the four jobs, once with
# `--concurrency allow` (row claims must keep the runs apart) and once with `--concurrency forbid` (one run
# holds the job's advisory lock, the others record `skipped` and exit 0). Each round gets a fresh database with
# a seeded backlog; the sandbox adds latency, and the drill holds a lock on the job's table for a moment after
# the start so that all 8 runs pile up on the same claim and are released together (a slow database).
# Then: every run exited 0, cronjob_runs says what each did, and no work was done twice: one provider call per
# due payment / payout / notification (counted by the sandbox per route and per Idempotency-Key; the sandbox
# numbers the payouts and messages it creates, so a probe tells how many it created), one claim per payment,
# and notify-upload queued exactly what a dry run said it would (dedupe keys), nothing more.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
drill_setup
name=overlap
logs="$DRILL_LOGS/$name"
mkdir -p "$logs"
# A private copy of the binaries: the drill's runs all use the same build even if .build is rebuilt meanwhile.
mkdir -p "$DRILL_WORK/$name-bin" && cp "$CRONJOB" "$SANDBOX" "$DRILL_WORK/$name-bin/" \
  || drill_fail "$name" "could not copy the binaries"
export CRONJOB="$DRILL_WORK/$name-bin/$(basename "$CRONJOB")" SANDBOX="$DRILL_WORK/$name-bin/$(basename "$SANDBOX")"
eval "set -- $(trap -p EXIT)"  # keep drill_setup's teardown (when this drill owns it) after removing the copy
trap "rm -rf '$DRILL_WORK/$name-bin'; ${3:-}" EXIT

runs=8
payments=$(scaled 800 200)
payouts=$(scaled 400 100)
uploads=$(scaled 3000 500)
notifications=$(scaled 2000 400)
gate_seconds=$(scaled 2 1)

cd "$DRILL_WORK" || drill_fail "$name" "no work directory"  # no schedules.yaml here: --concurrency is explicit
drill_sandbox "$logs/sandbox.log" --latency 10-40 || drill_fail "$name" "provider-sandbox did not start"
# Payments the provider still reports pending are expired at once, so every due payment leaves pending. Small
# batches, so that the runs take turns claiming rather than the first ones taking everything in one claim.
export SYNC_PAYMENTS_EXPIRE_AFTER=1s SYNC_PAYMENTS_BATCH_SIZE=20 CHECK_PAYOUT_BATCH_SIZE=10
export NOTIFY_UPLOAD_BATCH_SIZE=50 PROCESS_NOTIFICATIONS_BATCH_SIZE=25

db_gone() { drill_fail "$name" "the drill's PostgreSQL stopped answering during $1 (stopped or removed from outside the drill?); see $logs"; }

# stats FIELD...: values from the sandbox stats (routes by name, or derived counts).
stats() {
  sandbox_admin /_admin/stats | python3 -c '
import json, sys
s = json.load(sys.stdin)
out = []
for f in sys.argv[1:]:
    if f.startswith("route:"): out.append(s["routes"].get(f[6:], 0))
    elif f.startswith("keys:"): out.append(sum(1 for k in s["keys"] if k.startswith(f[5:])))
    elif f.startswith("maxkey:"): out.append(max([v for k, v in s["keys"].items() if k.startswith(f[7:])] or [0]))
    elif f == "non2xx": out.append(sum(v for k, v in s["statuses"].items() if not k.startswith("2")))
    else: out.append(s[f])
print(" ".join(map(str, out)))' "$@"
}

# probe PATH KEY BODY: the number in the id the sandbox answers (msg_N, push_N, po_N): the next it creates
# (0 when the probe fails, which then shows as a count mismatch).
probe() {
  _probe "$@" || echo 0
}
_probe() {
  curl -fsS -X POST -H "Authorization: Bearer $DRILL_TOKEN" -H 'Content-Type: application/json' -H "Idempotency-Key: $2" \
    --data "$3" "$SANDBOX_URL$1" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"].rsplit("_", 1)[1])'
}

# overlap JOB MODE TABLE: start $runs runs at once behind a lock on TABLE; sets codes (exit histogram) and bad (1
# when a run exited non-zero), and writes each run's output to $logs/JOB.MODE.N.log.
overlap() {
  local job=$1 mode=$2 table=$3 i pids=() go="$DRILL_WORK/overlap-go.$job.$mode"
  rm -f "$go"
  # The gate: a transaction that holds the table in SHARE ROW EXCLUSIVE mode (claims and inserts wait, reads
  # do not) for a moment after the runs start.
  q "BEGIN; LOCK TABLE $table IN SHARE ROW EXCLUSIVE MODE; SELECT pg_sleep($gate_seconds); COMMIT;" >"$logs/$job.$mode.gate.log" 2>&1 &
  local gate=$!
  for i in $(seq 1 100); do
    [ "$(q "SELECT count(*) FROM pg_locks WHERE relation = '$table'::regclass AND mode = 'ShareRowExclusiveLock' AND granted")" = 1 ] && break
    sleep 0.05
  done
  for i in $(seq 1 "$runs"); do
    ( while [ ! -e "$go" ]; do sleep 0.01; done
      exec "$CRONJOB" run "$job" --concurrency "$mode" --timeout 5m ) >"$logs/$job.$mode.$i.log" 2>&1 &
    pids+=($!)
  done
  touch "$go"
  declare -A hist=()
  bad=0
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}"; local code=$?
    hist[$code]=$(( ${hist[$code]:-0} + 1 ))
    [ "$code" = 0 ] || bad=1
  done
  wait "$gate"
  codes=$(for c in "${!hist[@]}"; do echo "$c:${hist[$c]}"; done | sort -n | paste -sd, -)
}

# runs_summary JOB MODE: what `cronjob history JOB --json` (cronjob_runs) says of the runs: sets runs_line
# ("ok=N skip=M at-once=P"), worked_line (runs that did some of the work) and run_problem when that is not what
# MODE allows.
runs_summary() {
  local job=$1 mode=$2 total ok skip busy nonzero open peak rows
  "$CRONJOB" history "$job" --json --limit 100 >"$logs/$job.$mode.history.json" 2>"$logs/$job.$mode.history.log"
  read -r total ok skip busy nonzero open peak < <(python3 -c '
import json, sys
runs = json.load(open(sys.argv[1]))
# The most runs in progress at one instant, from their start and finish times.
edges = sorted([(r["started_at"], 1) for r in runs] + [(r["finished_at"], -1) for r in runs if r["finished_at"]], key=lambda e: (e[0], e[1]))
peak = now = 0
for _, step in edges:
    now += step
    peak = max(peak, now)
print(len(runs), sum(r["status"] == "succeeded" for r in runs), sum(r["status"] == "skipped" for r in runs),
      sum(r["items_ok"] > 0 for r in runs), sum(r["exit_code"] != 0 for r in runs), sum(r["finished_at"] is None for r in runs), peak)' \
    "$logs/$job.$mode.history.json" 2>>"$logs/$job.$mode.history.log")
  rows=$(q "SELECT count(*) FROM cronjob_runs WHERE job = '$job'")
  run_problem="" worked_line=""
  [ -n "$total" ] || { run_problem=" cronjob history --json failed (see $logs/$job.$mode.history.log);"; runs_line="history=?"; return; }
  [ "$total" = "$runs" ] && [ "$rows" = "$runs" ] || run_problem+=" history lists $total runs, cronjob_runs has $rows, for $runs runs;"
  [ "$nonzero" = 0 ] && [ "$open" = 0 ] || run_problem+=" history: $nonzero runs with a non-zero exit code, $open never finished;"
  if [ "$mode" = allow ]; then
    [ "$ok" = "$runs" ] || run_problem+=" allow: $ok of $runs succeeded;"
    # The runs must have been in progress together, or the round proved nothing.
    [ "$peak" -ge 2 ] || run_problem+=" allow: the runs did not overlap (at most $peak at once);"
  else
    [ "$ok" -ge 1 ] && [ "$skip" -ge 1 ] && [ $((ok + skip)) = "$runs" ] || run_problem+=" forbid: succeeded=$ok skipped=$skip of $runs;"
  fi
  runs_line="ok=$ok skip=$skip at-once=$peak"
  worked_line="worked=$busy"
}

summary="" failures=""
fail_phase() { failures+=" $1:$2;"; }

for job in sync-payments check-payout notify-upload process-notifications; do
  for mode in allow forbid; do
    phase="$job/$mode"
    db="overlap_${job//-/_}_$mode"
    drill_db "$db" || drill_fail "$name" "could not create the database for $phase"
    mv "$DRILL_LOGS/$db.migrate.log" "$logs/$job.$mode.migrate.log" 2>/dev/null
    case $job in
      sync-payments) seed=(--payments "$payments" --payouts 0 --notifications 0 --pending-uploads 0); table=payments ;;
      check-payout) seed=(--payments 0 --payouts "$payouts" --notifications 0 --pending-uploads 0); table=payouts ;;
      notify-upload) seed=(--payments 0 --payouts 0 --notifications 0 --pending-uploads "$uploads"); table=notifications ;;
      process-notifications) seed=(--payments 0 --payouts 0 --notifications "$notifications" --pending-uploads 0); table=notifications ;;
    esac
    "$CRONJOB" seed "${seed[@]}" >"$logs/$job.$mode.seed.log" 2>&1 || drill_fail "$name" "seed failed for $phase (see $logs)"
    sandbox_admin /_admin/reset '{}' >/dev/null || drill_fail "$name" "could not reset the sandbox"

    # What is due before the runs (rows scheduled a few minutes ahead are made due now, so that the count cannot
    # change while the runs go on), and what a single run would do.
    case $job in
      sync-payments)
        read -r due attempts_before < <(q "UPDATE payments SET next_check_at = now() WHERE status = 'pending' AND next_check_at > now();
          SELECT count(*) FILTER (WHERE status = 'pending'), coalesce(sum(check_attempts), 0) FROM payments" | tail -n 1 | tr '|' ' ') ;;
      check-payout)
        read -r due polls < <(q "UPDATE payouts SET next_attempt_at = now() WHERE status IN ('pending', 'requested')
            AND (status = 'requested' OR available_at <= now()) AND next_attempt_at > now();
          SELECT count(*) FILTER (WHERE status = 'pending' AND available_at <= now()), count(*) FILTER (WHERE status = 'requested')
            FROM payouts" | tail -n 1 | tr '|' ' ') ;;
      notify-upload)
        before=$(q "SELECT coalesce(max(id), 0) FROM notifications")
        "$CRONJOB" run notify-upload --dry-run --json >"$logs/$job.$mode.dry-run.json" 2>"$logs/$job.$mode.dry-run.log" \
          || drill_fail "$name" "the dry run of notify-upload failed (see $logs)"
        due=$(python3 -c 'import json, sys
print(sum(t["inserted"] for t in json.load(open(sys.argv[1]))["tables"] if t["table"] == "notifications"))' "$logs/$job.$mode.dry-run.json") ;;
      process-notifications)
        due=$(q "UPDATE notifications SET next_attempt_at = now() WHERE status IN ('queued', 'sending') AND next_attempt_at > now();
          SELECT count(*) FROM notifications WHERE status IN ('queued', 'sending')" | tail -n 1) ;;
    esac
    [ -n "$due" ] || db_gone "$phase"

    started=$(date +%s.%N)
    overlap "$job" "$mode" "$table"
    seconds=$(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')")
    q "SELECT 1" >/dev/null || db_gone "$phase"
    sandbox_admin /_admin/stats >"$logs/$job.$mode.stats.json"
    runs_summary "$job" "$mode"
    [ "$bad" = 0 ] || fail_phase "$phase" "exit codes $codes"
    [ -z "$run_problem" ] || fail_phase "$phase" "$(sed 's/^ *//; s/;$//' <<<"$run_problem")"

    case $job in
      sync-payments)
        read -r gets other < <(stats "route:GET /v1/payments/{id}" non2xx)
        # A claim bumps check_attempts (a released claim gives it back): claims made = the sum after - the sum before.
        read -r left attempts_after < <(q "SELECT count(*) FILTER (WHERE status = 'pending'), coalesce(sum(check_attempts), 0)
                                            FROM payments" | tr '|' ' ')
        claims=$(( attempts_after - attempts_before ))
        dup=$(( gets - due + claims - due ))
        detail="due=$due gets=$gets claims=$claims dup=$dup"
        [ "$gets" = "$due" ] && [ "$claims" = "$due" ] || fail_phase "$phase" "$gets payment status GETs and $claims claims for $due due payments"
        [ "$left" = 0 ] || fail_phase "$phase" "$left payments still pending"
        [ "$other" = 0 ] || fail_phase "$phase" "$other provider answers were not 2xx" ;;
      check-payout)
        read -r posts gets keys maxkey other < <(stats "route:POST /v1/payouts" "route:GET /v1/payouts/{id}" keys:payout: maxkey:payout: non2xx)
        created=$(( $(probe /v1/payouts drill-probe-payout '{"payout_id":"probe","seller_id":"probe","amount_minor":1,"currency":"USD"}') - 1 ))
        left=$(q "SELECT count(*) FROM payouts WHERE status IN ('pending', 'requested') AND next_attempt_at <= now()
                    AND (status = 'requested' OR available_at <= now())")
        dup=$(( posts - due + gets - polls + created - due ))
        detail="due=$due posts=$posts keys=$keys max/key=$maxkey created=$created polls=$polls/$gets dup=$dup"
        [ "$posts" = "$due" ] && [ "$keys" = "$due" ] && [ "$created" = "$due" ] \
          || fail_phase "$phase" "$posts payout POSTs over $keys keys, $created payouts created, for $due due payouts"
        [ "$gets" = "$polls" ] || fail_phase "$phase" "$gets payout polls for $polls requested payouts"
        [ "$left" = 0 ] || fail_phase "$phase" "$left payouts still due"
        # The only non-2xx answers expected: 404 for the demo world's requested payouts the sandbox never created.
        [ "$other" -le "$polls" ] || fail_phase "$phase" "$other provider answers were not 2xx" ;;
      notify-upload)
        read -r added reminders twice < <(q "SELECT count(*), count(*) FILTER (WHERE template = 'ticket_upload_reminder'),
            (SELECT count(*) FROM (SELECT payload->>'order_id', template FROM notifications WHERE id > $before
                                    GROUP BY 1, 2 HAVING count(*) > 1) x)
          FROM notifications WHERE id > $before" | tr '|' ' ')
        "$CRONJOB" run notify-upload --dry-run --json >"$logs/$job.$mode.dry-run-after.json" 2>>"$logs/$job.$mode.dry-run.log"
        again=$(python3 -c 'import json, sys
print(sum(t["inserted"] for t in json.load(open(sys.argv[1]))["tables"] if t["table"] == "notifications"))' "$logs/$job.$mode.dry-run-after.json")
        dup=$(( added - due + twice ))
        detail="planned=$due queued=$added reminders=$reminders orders-twice=$twice then=$again dup=$dup"
        [ "$added" = "$due" ] || fail_phase "$phase" "queued $added notifications where a single run plans $due"
        [ "$twice" = 0 ] || fail_phase "$phase" "$twice orders got two notifications of one kind"
        [ "$again" = 0 ] || fail_phase "$phase" "a run after them would still queue $again" ;;
      process-notifications)
        read -r emails pushes keys maxkey other < <(stats "route:POST /v1/messages" "route:POST /v1/push" keys:notification- maxkey:notification- non2xx)
        created=$(( $(probe /v1/messages drill-probe-message '{"to":"probe@example.com","template":"probe","data":{}}') - 1 ))
        read -r sent left < <(q "SELECT count(*) FILTER (WHERE status = 'sent' AND sent_at >= to_timestamp($started)),
                                        count(*) FILTER (WHERE status IN ('queued', 'sending')) FROM notifications" | tr '|' ' ')
        dup=$(( emails + pushes - due + created - due ))
        detail="due=$due sends=$((emails + pushes)) keys=$keys max/key=$maxkey created=$created sent=$sent dup=$dup"
        [ $((emails + pushes)) = "$due" ] && [ "$keys" = "$due" ] && [ "$created" = "$due" ] \
          || fail_phase "$phase" "$((emails + pushes)) sends over $keys keys, $created messages created, for $due due notifications"
        [ "$sent" = "$due" ] && [ "$left" = 0 ] || fail_phase "$phase" "$sent of $due notifications sent, $left left"
        [ "$other" = 0 ] || fail_phase "$phase" "$other provider answers were not 2xx" ;;
    esac
    echo "$phase: runs=$runs exits=$codes $runs_line $worked_line $detail ${seconds}s" >>"$logs/summary.txt"
    summary+="${summary:+ | }$phase: exits=$codes $runs_line $detail"
  done
done

[ -z "$failures" ] || drill_fail "$name" "${failures# } -- runs=$runs per round: $summary"
drill_ok "$name" "runs=$runs per round: $summary"

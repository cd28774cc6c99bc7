#!/usr/bin/env bash
# Failure drills: each one starts what it needs on loopback (one throwaway PostgreSQL, provider sandboxes),
# breaks something on purpose, and prints one line with its counts. The secrets drill then reads every line
# every process wrote during the other drills. Exits 1 when any drill failed.
#
#   bash drills/run.sh            full scale (the README's command)
#   bash drills/run.sh --ci       reduced counts, as .ci/run runs them
#   bash drills/run.sh kill9 sigterm   only these drills (and the secrets check over their output)
set -uo pipefail
cd "$(dirname "$0")/.."

all=(kill9 sigterm db-restart provider-faults overlap bad-input)
selected=()
for arg in "$@"; do
  case "$arg" in
    --ci) export DRILL_SCALE=ci ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) [ -f "drills/$arg.sh" ] || { echo "unknown drill '$arg'; drills: ${all[*]}" >&2; exit 64; }; selected+=("$arg") ;;
  esac
done
[ ${#selected[@]} -gt 0 ] || selected=("${all[@]}")

source drills/lib.sh
drill_setup
echo "drills at ${DRILL_SCALE} scale on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

failed=0
started=$(date +%s)
for drill in "${selected[@]}"; do
  mkdir -p "$DRILL_LOGS/$drill"
  line=$(bash "drills/$drill.sh" 2>"$DRILL_LOGS/$drill/stderr.log")
  code=$?
  [ -n "$line" ] || line="drill $drill: FAIL  printed nothing (exit $code); see its stderr below"
  echo "$line"
  if [ $code -ne 0 ]; then
    failed=$((failed + 1))
    tail -n 20 "$DRILL_LOGS/$drill/stderr.log" | sed 's/^/    /'
  fi
done

line=$(bash drills/secrets.sh 2>"$DRILL_LOGS/secrets.stderr.log") || failed=$((failed + 1))
echo "$line"
total=$((${#selected[@]} + 1))
echo "drills: $((total - failed)) passed, $failed failed in $(( $(date +%s) - started )) s"
[ $failed -eq 0 ]

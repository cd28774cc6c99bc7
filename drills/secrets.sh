#!/usr/bin/env bash
# Secrets drill: the database password and the provider token appear zero times in anything the drills'
# processes wrote (stdout, stderr, logs of cronjob and the sandbox), errors included.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
[ -n "${DRILL_LOGS:-}" ] && [ -d "$DRILL_LOGS" ] || drill_fail secrets "run it through drills/run.sh: it reads the other drills' output"
files=$(find "$DRILL_LOGS" -type f | wc -l)
bytes=$(find "$DRILL_LOGS" -type f -exec cat {} + | wc -c)
[ "$files" -gt 0 ] || drill_fail secrets "no output to check"
password_hits=$(grep -rFo -- "$PG_PASSWORD" "$DRILL_LOGS" | wc -l)
token_hits=$(grep -rFo -- "$DRILL_TOKEN" "$DRILL_LOGS" | wc -l)
summary="files=$files bytes=$bytes password=$password_hits token=$token_hits"
[ "$password_hits" -eq 0 ] && [ "$token_hits" -eq 0 ] || drill_fail secrets "$summary (files: $(grep -rlF -e "$PG_PASSWORD" -e "$DRILL_TOKEN" "$DRILL_LOGS" | head -3 | tr '\n' ' '))"
drill_ok secrets "$summary"

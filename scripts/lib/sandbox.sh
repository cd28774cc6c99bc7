# The provider sandbox on loopback: start_sandbox BIN LOGFILE [flags...] exports SANDBOX_URL;
# stop_sandbox stops it. Fails loudly when it does not come up.

start_sandbox() {
  local bin=$1 log=$2; shift 2
  "$bin" --host 127.0.0.1 --port 0 "$@" >"$log" 2>&1 &
  SANDBOX_PID=$!
  local i
  for i in $(seq 1 200); do
    if grep -q '^listening on ' "$log" 2>/dev/null; then
      SANDBOX_URL="http://$(sed -n 's/^listening on //p' "$log" | head -n 1)"
      export SANDBOX_URL SANDBOX_PID
      return 0
    fi
    kill -0 "$SANDBOX_PID" 2>/dev/null || break
    sleep 0.05
  done
  cat "$log" >&2
  echo "provider-sandbox did not start" >&2
  return 1
}

stop_sandbox() {
  [ -n "${SANDBOX_PID:-}" ] || return 0
  kill "$SANDBOX_PID" 2>/dev/null || true
  wait "$SANDBOX_PID" 2>/dev/null || true
  SANDBOX_PID=
}

# Points every provider variable at the sandbox, with throwaway tokens.
export_provider_env() {
  export PAYMENTS_API_URL="$SANDBOX_URL" PAYOUTS_API_URL="$SANDBOX_URL" EMAIL_API_URL="$SANDBOX_URL" PUSH_API_URL="$SANDBOX_URL"
  export PAYMENTS_API_TOKEN="sandbox-payments-token" PAYOUTS_API_TOKEN="sandbox-payouts-token"
  export EMAIL_API_TOKEN="sandbox-email-token" PUSH_API_TOKEN="sandbox-push-token"
}

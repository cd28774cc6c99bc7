#!/usr/bin/env bash
# Measures provider-sandbox throughput with wrk on loopback: GET /v1/payments/{id} and POST /v1/messages
# (a unique Idempotency-Key per request). Builds the release binary, starts the sandbox on a free port,
# runs bounded wrk runs against 127.0.0.1 only, prints requests/s, checks the sandbox's own counts, stops it.
#
#   bash benchmarks/sandbox-wrk.sh [--duration 10s] [--connections 64] [--threads 1]
set -euo pipefail
cd "$(dirname "$0")/.."

duration=10s connections=64 threads=1
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "usage: $0 [--duration 10s] [--connections N] [--threads N]" >&2; exit 64 ;;
  esac
done

source scripts/lib/deps.sh
ensure_apt_packages wrk curl

echo "building provider-sandbox (release)..." >&2
swift build -c release --product provider-sandbox >&2
bin="$(swift build -c release --show-bin-path)/provider-sandbox"

work=$(mktemp -d /tmp/sandbox-wrk.XXXXXX)
"$bin" --host 127.0.0.1 --port 0 --payment-default hash >"$work/out" 2>"$work/err" &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  grep -q '^listening on ' "$work/out" && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/err" >&2; exit 1; }
  sleep 0.05
done
port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/out" | head -n 1)
[ -n "$port" ] || { echo "provider-sandbox did not print its port" >&2; exit 1; }
base="http://127.0.0.1:$port"

# Each wrk thread numbers its requests; the thread id keeps keys unique across threads.
cat >"$work/messages.lua" <<'LUA'
-- thread_id is a global that setup() sets in each thread's own Lua state (a local here would shadow it).
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
function request()
  counter = counter + 1
  local key = "bench-" .. (thread_id or 0) .. "-" .. counter
  local body = '{"to":"buyer' .. counter .. '@example.com","template":"order-paid","data":{"order":"ord_' .. counter .. '"}}'
  return wrk.format("POST", "/v1/messages", {["Content-Type"] = "application/json", ["Idempotency-Key"] = key}, body)
end
LUA

cat >"$work/payments.lua" <<'LUA'
local counter = 0
function request()
  counter = counter + 1
  return wrk.format("GET", "/v1/payments/pay_" .. (counter % 10000))
end
LUA

run() {  # name, script
  echo "== $1: wrk -t$threads -c$connections -d$duration" >&2
  curl -fsS -X POST "$base/_admin/reset" >/dev/null
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$2" "$base" >"$work/$1.txt"
  cat "$work/$1.txt" >&2
  local rps non2xx stats total keys
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/$1.txt")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$work/$1.txt")
  stats=$(curl -fsS "$base/_admin/stats")
  total=$(printf '%s' "$stats" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
  keys=$(printf '%s' "$stats" | grep -o '"bench-[0-9]*-[0-9]*":[0-9]*' | grep -vc ':1$' || true)
  printf '%-16s %10s requests/s   (sandbox counted %s requests, non-2xx: %s, keys seen more than once: %s)\n' \
    "$1" "$rps" "$total" "${non2xx:-0}" "$keys"
}

run "GET payments" "$work/payments.lua"
run "POST messages" "$work/messages.lua"

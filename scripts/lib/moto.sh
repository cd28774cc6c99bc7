# A throwaway AWS API emulator (moto server) on loopback: start_moto DIR exports MOTO_ENDPOINT;
# stop_moto stops it and removes DIR. Fails loudly when the server cannot start.
# Needs free_port from scripts/lib/postgres.sh and the moto_server command (pip "moto[server]").

start_moto() {
  MOTO_DIR=$1
  mkdir -p "$MOTO_DIR"
  command -v moto_server >/dev/null || { echo "moto_server not found (pip install 'moto[server]')" >&2; return 1; }
  MOTO_PORT=$(free_port)
  moto_server -H 127.0.0.1 -p "$MOTO_PORT" >"$MOTO_DIR/server.log" 2>&1 &
  MOTO_PID=$!
  local attempt
  for attempt in $(seq 1 100); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$MOTO_PORT/moto-api/', timeout=1)" 2>/dev/null; then
      export MOTO_PORT MOTO_PID MOTO_DIR
      export MOTO_ENDPOINT="http://127.0.0.1:$MOTO_PORT"
      return 0
    fi
    kill -0 "$MOTO_PID" 2>/dev/null || break
    sleep 0.2
  done
  cat "$MOTO_DIR/server.log" >&2
  echo "moto server did not start" >&2
  return 1
}

stop_moto() {
  [ -n "${MOTO_PID:-}" ] || return 0
  kill "$MOTO_PID" 2>/dev/null || true
  wait "$MOTO_PID" 2>/dev/null || true
  MOTO_PID=
  rm -rf "$MOTO_DIR"
}

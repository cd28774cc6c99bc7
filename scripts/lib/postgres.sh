# A throwaway PostgreSQL on loopback: start_postgres DIR exports PG_ADMIN_URL and PG_PASSWORD;
# stop_postgres stops it and removes DIR. Fails loudly when the server cannot start.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pg_run() {  # run a PostgreSQL server binary as an unprivileged user (initdb refuses root)
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  PG_DIR=$1
  local bin; bin=$(pg_bindir)
  [ -n "$bin" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; return 1; }
  PG_PORT=$(free_port)
  PG_PASSWORD="pw-$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
  mkdir -p "$PG_DIR"
  printf '%s\n' "$PG_PASSWORD" > "$PG_DIR.pw"
  if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR" "$PG_DIR.pw"; fi
  pg_run "$bin/initdb" -D "$PG_DIR/data" -U cronjob --auth=scram-sha-256 --pwfile="$PG_DIR.pw" -E UTF8 --locale=C.UTF-8 >"$PG_DIR.initdb.log" 2>&1 \
    || { cat "$PG_DIR.initdb.log" >&2; echo "initdb failed" >&2; return 1; }
  rm -f "$PG_DIR.pw"
  pg_run "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; echo "PostgreSQL did not start" >&2; return 1; }
  export PG_PORT PG_PASSWORD PG_DIR
  export PG_ADMIN_URL="postgresql://cronjob:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres"
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ] || return 0
  pg_run "$(pg_bindir)/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR" "$PG_DIR".*
}

# Installs what the build and the tests need on a new Debian machine. Sourced by the scripts.
# Idempotent and quiet when everything is already there.

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_pip_packages() {  # each argument: module-name=pip-spec
  local missing=()
  for pair in "$@"; do
    local command=${pair%%=*} spec=${pair#*=}
    command -v "$command" >/dev/null || missing+=("$spec")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing (pip): ${missing[*]}" >&2
  python3 -m pip install -q "${missing[@]}" >&2
  hash -r
}

ensure_build_deps() {
  ensure_apt_packages libpq-dev libcurl4-openssl-dev postgresql postgresql-contrib openssl  # openssl: test TLS certificates
  command -v swift >/dev/null || { echo "swift is not on PATH (Swift 6.3 toolchain required)" >&2; return 1; }
}

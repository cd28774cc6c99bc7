#!/usr/bin/env bash
# Reports the size of the runtime image's content the way a registry stores it (one gzip-compressed tar per layer),
# on a machine without a container engine. Every layer is rebuilt from what the Dockerfile says:
#   base          the runtime base, gcr.io/distroless/cc-debian12, rebuilt by scripts/lib/distroless.sh from the
#                 Debian packages the Dockerfile's DISTROLESS_PACKAGES names (distroless's own package set). Like
#                 distroless (rules_oci, one layer per tar), one layer per package (its data tar as Debian ships it)
#                 plus one for the files distroless generates (CA bundle, passwd, group, nsswitch.conf, os-release).
#                 How close: distroless pins a snapshot.debian.org date and only deb.debian.org is reachable here,
#                 so these are today's bookworm point releases of the same packages; the generated files are written
#                 from distroless's sources, not by Bazel (a few hundred bytes either way); its layers' gzip level
#                 may differ from the -6 used here.
#   runtime-libs  the runtime-libs stage's output (/runtime-libs, one COPY layer): its RUNs after the apt-get install
#                 run as written on this machine (Debian 12 with that stage's packages installed), as check-image.sh
#                 runs them: libpq5, libcurl4 and their dependencies minus the base's packages, and passwd/group.
#                 The files are this machine's installed versions (today's on a fresh machine); run in a chroot of
#                 debian:12-slim instead, the same RUNs copied the same paths, a few KB apart in total (when written).
#   rds-ca        the Amazon RDS CA bundle the Dockerfile ADDs cannot be downloaded here: a stated estimate of its size
#                 (170 KB) compressed at the ratio measured on the base's CA bundle.
#   cronjob       the binary: the one named by the first argument, else built and staged exactly as the Dockerfile's
#                 build stage does (scripts/lib/dockerfile.sh runs that RUN in .build-image/, as check-image.sh does).
#   backtracer    swift-backtrace-static: the second argument, else the staged one (or the toolchain's, with a binary).
# Sizes are decimal MB of the layer tar (uncompressed) and of gzip -6 of it (Docker's and containerd's default
# level). Needs root (apt-get download and install). Usage: bash scripts/image-size.sh [CRONJOB_BINARY [BACKTRACER]]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
source scripts/lib/dockerfile.sh
source scripts/lib/distroless.sh

readonly cache=$PWD/.build-image rds_ca_estimate_bytes=170000
die() { echo "image-size: $*" >&2; exit 1; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }

# "UNCOMPRESSED COMPRESSED" bytes of a tar of $1 (a directory) made with the remaining tar arguments.
tar_sizes() {
  local dir=$1 tarball=$cache/layer.tar; shift
  tar --create --file "$tarball" --directory "$dir" --numeric-owner --sort=name "$@"
  echo "$(stat -c %s "$tarball") $(gzip -6 <"$tarball" | wc -c)"
  rm -f "$tarball"
}
# Sizes of a layer holding the file $1 at path $2 in the image (COPY also creates the parent directories).
file_layer_sizes() {
  local layer=$cache/layer
  rm -rf "$layer"; mkdir -p "$layer$(dirname "$2")"
  cp --reflink=auto "$1" "$layer$2"
  tar_sizes "$layer" --transform 's,^\./,,' .
  rm -rf "$layer"
}

# ---- inputs ------------------------------------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || die "needs root (apt-get download and install)"
[ -f "$dockerfile" ] || die "no $dockerfile"
libs_stage=$(stage_index runtime-libs)
[ -n "$libs_stage" ] || die "no stage named runtime-libs in $dockerfile"
base_image=$(base_image "$(stage_index last)")
mapfile -t base_packages < <(stage_arg "$libs_stage" DISTROLESS_PACKAGES | tr ' ' '\n' | grep .)
mapfile -t packages < <(stage "$libs_stage" | apt_packages)
[[ $base_image =~ ^gcr\.io/distroless/cc-debian12(:|@|$) ]] || die "runtime base $base_image is not gcr.io/distroless/cc-debian12"
[ ${#base_packages[@]} -gt 0 ] || die "no ARG DISTROLESS_PACKAGES in the runtime-libs stage"
[ ${#packages[@]} -gt 0 ] || die "no RUN with apt-get install in the runtime-libs stage"
ensure_apt_packages tar gzip || die "could not install tar and gzip with apt-get"
ensure_apt_packages "${packages[@]}" || die "could not install the runtime-libs stage's packages: ${packages[*]}"
mkdir -p "$cache"

binary=${1:-} backtracer=${2:-}
if [ -z "$binary" ]; then
  echo "image-size: building $(build_command) as the Dockerfile's build stage does" >&2
  out=$(stage_build_context "$cache/context") || die "build context: $out"
  ensure_apt_packages $(stage "$(stage_index build)" | apt_packages) || die "could not install the build stage's packages"
  run_build_stage "$cache/context" "$cache/scratch" "$cache/staging" >"$cache/build.log" 2>&1 \
    || die "the build stage's RUN failed (log: $cache/build.log)"
  binary=$cache/staging/cronjob backtracer=${backtracer:-$cache/staging/swift-backtrace-static}
fi
[ -n "$backtracer" ] || backtracer="$(dirname "$(readlink -f "$(command -v swift || echo /nonexistent)")")/../libexec/swift/linux/swift-backtrace-static"
[ -f "$binary" ] || die "no cronjob binary at $binary"
[ -f "$backtracer" ] || die "no swift-backtrace-static at $backtracer (pass it as the second argument)"

# ---- base: gcr.io/distroless/cc-debian12, one layer per package and one of generated files -------------------------
echo "image-size: rebuilding $base_image from ${base_packages[*]} (deb.debian.org)" >&2
build_distroless_root "$cache/distroless" "$cache/debs" "${base_packages[@]}" >"$cache/distroless.log" 2>&1 \
  || die "could not rebuild $base_image (log: $cache/distroless.log)"
base_raw=0 base_gz=0
while IFS= read -r deb; do
  [[ $deb != */ca-certificates_* ]] || continue
  base_raw=$((base_raw + $(dpkg-deb --fsys-tarfile "$deb" | wc -c)))
  base_gz=$((base_gz + $(dpkg-deb --fsys-tarfile "$deb" | gzip -6 | wc -c)))
done <"$cache/distroless.debs"
read -r raw gz <<<"$(tar_sizes "$cache/distroless" ./etc/ssl/certs/ca-certificates.crt ./usr/share/doc/ca-certificates \
  ./etc/passwd ./etc/group ./etc/nsswitch.conf ./etc/os-release ./var/lib/dpkg/status.d ./home ./root ./tmp)"
base_raw=$((base_raw + raw)) base_gz=$((base_gz + gz))
ca=$cache/distroless/etc/ssl/certs/ca-certificates.crt
ca_ratio=$(awk -v g="$(gzip -6 <"$ca" | wc -c)" -v r="$(stat -c %s "$ca")" 'BEGIN { printf "%.3f", g / r }')

# ---- runtime-libs: the stage's RUNs after its install, on this machine ------------------------------------------------
rm -rf "$cache/runtime-libs"
run_stage_runs "$libs_stage" "/runtime-libs=$cache/runtime-libs" "/runtime-base=$cache/distroless" \
  >"$cache/runtime-libs.log" 2>&1 || die "the runtime-libs stage's RUNs failed (log: $cache/runtime-libs.log)"
read -r libs_raw libs_gz <<<"$(tar_sizes "$cache/runtime-libs" .)"
libs_entries=$(find "$cache/runtime-libs" ! -type d | wc -l)

# ---- the files the Dockerfile adds --------------------------------------------------------------------------------
rds_raw=$rds_ca_estimate_bytes
rds_gz=$(awk -v r="$rds_raw" -v q="$ca_ratio" 'BEGIN { printf "%d", r * q }')
read -r cronjob_raw cronjob_gz <<<"$(file_layer_sizes "$binary" /usr/local/bin/cronjob)"
read -r backtracer_raw backtracer_gz <<<"$(file_layer_sizes "$backtracer" /usr/local/libexec/swift-backtrace-static)"

line() { printf 'image-size: %-12s %8s MB  %7s MB gzip  %s\n' "$1" "$(mb "$2")" "$(mb "$3")" "$4"; }
line base "$base_raw" "$base_gz" "$base_image rebuilt from ${#base_packages[@]} bookworm packages"
line runtime-libs "$libs_raw" "$libs_gz" "${packages[*]} and their dependencies minus the base's, passwd/group ($libs_entries files)"
line rds-ca "$rds_raw" "$rds_gz" "rds-global-bundle.pem: estimate, not downloadable here"
line cronjob "$cronjob_raw" "$cronjob_gz" "$binary"
line backtracer "$backtracer_raw" "$backtracer_gz" "$backtracer"
total_raw=$((base_raw + libs_raw + rds_raw + cronjob_raw + backtracer_raw))
total_gz=$((base_gz + libs_gz + rds_gz + cronjob_gz + backtracer_gz))
echo "image-size: total $(mb "$total_gz") MB compressed (base $(mb "$base_gz"), runtime-libs $(mb "$libs_gz"), rds-ca $(mb "$rds_gz") est., cronjob $(mb "$cronjob_gz"), backtracer $(mb "$backtracer_gz")); $(mb "$total_raw") MB uncompressed"

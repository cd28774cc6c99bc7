#!/usr/bin/env bash
# Reports the size of the runtime image's content the way a registry stores it (one gzip-compressed tar per layer),
# on a machine without a container engine. Every layer is rebuilt from what the Dockerfile says:
#   base        the runtime stage's base, debian:12.11-slim, rebuilt with debuerreotype, the tool the official Debian
#               images are made with, following its examples/debian.sh: debootstrap --variant=minbase, the minimizing
#               config, sources, full-upgrade, debuerreotype-slimify (no docs, man pages, locales; a dpkg config that
#               keeps them out), debuerreotype-tar (no /dev, apt lists or caches, no machine-id). How close: the
#               official build pins snapshot.debian.org at the 12.11 date; only deb.debian.org is reachable here, so
#               this is today's bookworm with its security updates: the same package set and recipe, newer point
#               versions (a few hundred KB either way: this prints 28.4 MB gzip, 77.9 MB unpacked, where Docker Hub
#               lists about 28 MB compressed for debian:12-slim on amd64).
#   packages    the runtime stage's RUN with `apt-get install`, run as written in a chroot of that base; the layer is
#               every file it added or changed (the packages, dpkg's database, the CA store update-ca-certificates
#               writes, the user it adds). Deletions would be whiteout entries of a few bytes each: not counted.
#   rds-ca      the Amazon RDS CA bundle the Dockerfile ADDs cannot be downloaded here: a stated estimate of its size
#               (170 KB) compressed at the ratio measured on the Debian CA bundle of the packages layer.
#   cronjob     the binary: the one named by the first argument, else built and staged exactly as the Dockerfile's
#               build stage does (scripts/lib/dockerfile.sh runs that RUN in .build-image/, as check-image.sh does).
#   backtracer  swift-backtrace-static: the second argument, else the staged one (or the toolchain's, with a binary).
# Sizes are decimal MB of the layer tar (uncompressed) and of gzip -6 of it (Docker's and containerd's default
# level). The base and packages layers are cached in .build-image/ and rebuilt when the Dockerfile's base image or
# install RUN changes (the first run takes a few minutes and needs root for debootstrap and chroot).
# Usage: bash scripts/image-size.sh [CRONJOB_BINARY [BACKTRACER]]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/deps.sh
source scripts/lib/dockerfile.sh

readonly cache=$PWD/.build-image mirror=http://deb.debian.org/debian rds_ca_estimate_bytes=170000
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
[ "$(id -u)" = 0 ] || die "needs root (debootstrap and chroot build the base image)"
[ -f "$dockerfile" ] || die "no $dockerfile"
runtime_stage=$(stage_index last)
base_image=$(stage_image "$runtime_stage")
install=$(install_run "$runtime_stage")
mapfile -t packages < <(stage "$runtime_stage" | apt_packages)
[[ $base_image =~ ^debian:([0-9]+)[.0-9]*-slim$ ]] || die "runtime base $base_image is not a debian:N-slim image"
[ "${BASH_REMATCH[1]}" = 12 ] || die "runtime base $base_image: this script rebuilds bookworm (12) only"
[ -n "$install" ] && [ ${#packages[@]} -gt 0 ] || die "no RUN with apt-get install in the runtime stage"
ensure_apt_packages debuerreotype debootstrap debian-archive-keyring wget tar gzip \
  || die "could not install debuerreotype, debootstrap and wget with apt-get"
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

# The image's deb822 sources (debuerreotype-debian-sources-list writes the same, but insists on reaching snapshot).
write_sources() {
  rm -f "$1/etc/apt/sources.list"
  local suites
  for suites in "$mirror|bookworm bookworm-updates" "$mirror-security|bookworm-security"; do
    printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n' \
      "${suites%%|*}" "${suites#*|}"
  done | head -n -1 >"$1/etc/apt/sources.list.d/debian.sources"
}

# ---- base: debian:12.x-slim -------------------------------------------------------------------------------------
base_key="$base_image bookworm $mirror debuerreotype $(debuerreotype-version 2>/dev/null | awk '{ print $1 }')"
if [ "$(cat "$cache/base.key" 2>/dev/null)" != "$base_key" ] || [ ! -s "$cache/base.sizes" ] || [ ! -d "$cache/base" ]; then
  echo "image-size: building $base_image from $mirror (debuerreotype, a few minutes)" >&2
  rm -rf "$cache/base" "$cache/base.key" "$cache/base.sizes" "$cache/packages.key"
  {
    debuerreotype-init --non-debian --debootstrap=debootstrap "$cache/base" bookworm "$mirror" \
      && write_sources "$cache/base" \
      && debuerreotype-minimizing-config "$cache/base" \
      && debuerreotype-apt-get "$cache/base" update -qq \
      && debuerreotype-apt-get "$cache/base" full-upgrade -yqq \
      && debuerreotype-slimify "$cache/base" \
      && debuerreotype-tar --exclude ./etc/machine-id "$cache/base" "$cache/base.tar"
  } >"$cache/base.log" 2>&1 || die "could not build $base_image with debuerreotype (log: $cache/base.log)"
  echo "$(stat -c %s "$cache/base.tar") $(gzip -6 <"$cache/base.tar" | wc -c)" >"$cache/base.sizes"
  rm -f "$cache/base.tar"
  echo "$base_key" >"$cache/base.key"
fi
read -r base_raw base_gz <"$cache/base.sizes"

# ---- packages: the runtime stage's install RUN in a copy of the base ----------------------------------------------
packages_key="$base_key | $install"
if [ "$(cat "$cache/packages.key" 2>/dev/null)" != "$packages_key" ] || [ ! -s "$cache/packages.sizes" ]; then
  echo "image-size: running the runtime stage's install RUN in a chroot of the base" >&2
  rm -rf "$cache/packages" "$cache/packages.key"
  cp -a "$cache/base" "$cache/packages"
  debuerreotype-chroot "$cache/packages" /bin/sh -c "$install" >"$cache/packages.log" 2>&1 \
    || die "the runtime stage's install RUN failed in the chroot (log: $cache/packages.log)"
  # The layer: every entry whose type, mode, owner, size, mtime or link target differs from the base.
  listing() { (cd "$1" && find . -path ./dev -prune -o -path ./proc -prune -o -path ./sys -prune -o \
    -printf '%p\t%y %m %U %G %s %T@ %l\n' | sort); }
  comm -13 <(listing "$cache/base") <(listing "$cache/packages") | cut -f1 >"$cache/packages.list"
  read -r raw gz <<<"$(tar_sizes "$cache/packages" --no-recursion --verbatim-files-from --files-from "$cache/packages.list")"
  ca=$cache/packages/etc/ssl/certs/ca-certificates.crt
  [ -s "$ca" ] || die "the install RUN left no /etc/ssl/certs/ca-certificates.crt to measure PEM compression on"
  ca_ratio=$(awk -v g="$(gzip -6 <"$ca" | wc -c)" -v r="$(stat -c %s "$ca")" 'BEGIN { printf "%.3f", g / r }')
  echo "$raw $gz $ca_ratio $(wc -l <"$cache/packages.list")" >"$cache/packages.sizes"
  rm -rf "$cache/packages"
  echo "$packages_key" >"$cache/packages.key"
fi
read -r packages_raw packages_gz ca_ratio packages_entries <"$cache/packages.sizes"

# ---- the files the Dockerfile adds --------------------------------------------------------------------------------
rds_raw=$rds_ca_estimate_bytes
rds_gz=$(awk -v r="$rds_raw" -v q="$ca_ratio" 'BEGIN { printf "%d", r * q }')
read -r cronjob_raw cronjob_gz <<<"$(file_layer_sizes "$binary" /usr/local/bin/cronjob)"
read -r backtracer_raw backtracer_gz <<<"$(file_layer_sizes "$backtracer" /usr/local/libexec/swift-backtrace-static)"

line() { printf 'image-size: %-10s %8s MB  %7s MB gzip  %s\n' "$1" "$(mb "$2")" "$(mb "$3")" "$4"; }
line base "$base_raw" "$base_gz" "$base_image rebuilt from bookworm with debuerreotype"
line packages "$packages_raw" "$packages_gz" "${packages[*]} and the cronjob user ($packages_entries entries)"
line rds-ca "$rds_raw" "$rds_gz" "rds-global-bundle.pem: estimate, not downloadable here"
line cronjob "$cronjob_raw" "$cronjob_gz" "$binary"
line backtracer "$backtracer_raw" "$backtracer_gz" "$backtracer"
total_raw=$((base_raw + packages_raw + rds_raw + cronjob_raw + backtracer_raw))
total_gz=$((base_gz + packages_gz + rds_gz + cronjob_gz + backtracer_gz))
echo "image-size: total $(mb "$total_gz") MB compressed (base $(mb "$base_gz"), packages $(mb "$packages_gz"), rds-ca $(mb "$rds_gz") est., cronjob $(mb "$cronjob_gz"), backtracer $(mb "$backtracer_gz")); $(mb "$total_raw") MB uncompressed"

# Rebuilds the root filesystem of gcr.io/distroless/cc-debian12 from Debian packages, the way
# GoogleContainerTools/distroless assembles it (read at commit cd080764: static/static.bzl, static/config.bzl,
# base/config.bzl, cc/config.bzl, common/BUILD.bazel, static/nsswitch.conf): each package's data unpacked as is, no
# maintainer script run, its control file in /var/lib/dpkg/status.d/; then the generated files: the CA bundle made
# from ca-certificates, passwd and group (root, nobody, nonroot), /home/nonroot, /root, /tmp, nsswitch.conf,
# os-release. How close: distroless pins snapshot.debian.org at its build date; only deb.debian.org is reachable
# here, so this is today's bookworm (same packages, possibly newer point releases), and the generated files are
# written from those sources rather than by Bazel (same entries, a few hundred bytes).
# Sourced by scripts/check-image.sh and scripts/image-size.sh (after scripts/lib/deps.sh).

readonly distroless_nonroot_uid=65532

# Downloads the packages $3... (today's bookworm versions) into the fresh directory $2 and unpacks them into the fresh root $1. Writes
# $1.manifest ("package<TAB>/path" for every file and link a package put there) and $1.debs (the .deb files used).
build_distroless_root() {
  local root=$1 debs=$2 package deb; shift 2
  local -a packages=("$@" ca-certificates)
  rm -rf "$root" "$root.manifest" "$root.debs" "$debs"
  mkdir -p "$debs" "$root/var/lib/dpkg/status.d"
  as_root apt-get update -qq >/dev/null || return
  (cd "$debs" && as_root apt-get download -qq "${packages[@]}" >/dev/null 2>&1) || {
    echo "apt-get download ${packages[*]} failed" >&2; return 1; }
  for package in "${packages[@]}"; do
    deb=$(compgen -G "$debs/${package}_*.deb" | head -n 1)
    [ -n "$deb" ] || { echo "no .deb of $package in $debs" >&2; return 1; }
    echo "$deb" >>"$root.debs"
    [ "$package" != ca-certificates ] || continue  # only its bundle is in the image (below)
    dpkg-deb -x "$deb" "$root" || return
    dpkg-deb -f "$deb" >"$root/var/lib/dpkg/status.d/$package"
    dpkg-deb -c "$deb" | awk -v p="$package" '$1 !~ /^d/ { sub(/^\./, "", $6); print p "\t" $6 }' >>"$root.manifest"
  done
  distroless_generated_files "$root" "$(grep '/ca-certificates_' "$root.debs")"
}

# The files distroless writes itself (common/BUILD.bazel, static/static.bzl) rather than taking from a package.
distroless_generated_files() {
  local root=$1 ca_deb=$2 certs
  certs=$(mktemp -d)
  dpkg-deb -x "$ca_deb" "$certs" || { rm -rf "$certs"; return 1; }
  mkdir -p "$root/etc/ssl/certs" "$root/usr/share/doc/ca-certificates"
  cat "$certs"/usr/share/ca-certificates/mozilla/*.crt >"$root/etc/ssl/certs/ca-certificates.crt"
  cp "$certs/usr/share/doc/ca-certificates/copyright" "$root/usr/share/doc/ca-certificates/"
  rm -rf "$certs"
  printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' \
    "nonroot:x:$distroless_nonroot_uid:$distroless_nonroot_uid:nonroot:/home/nonroot:/sbin/nologin" >"$root/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nobody:x:65534:' 'tty:x:5:' 'staff:x:50:' \
    "nonroot:x:$distroless_nonroot_uid:" >"$root/etc/group"
  printf '%s\n' 'passwd:         compat' 'group:          compat' 'shadow:         compat' 'gshadow:        files' '' \
    'hosts:          files dns' 'networks:       files' '' 'protocols:      db files' 'services:       db files' \
    'ethers:         db files' 'rpc:            db files' '' 'netgroup:       nis' >"$root/etc/nsswitch.conf"
  rm -f "$root/etc/os-release"
  printf '%s\n' 'PRETTY_NAME="Distroless"' 'NAME="Debian GNU/Linux"' 'ID="debian"' 'VERSION_ID="12"' \
    'VERSION="Debian GNU/Linux 12 (bookworm)"' 'HOME_URL="https://github.com/GoogleContainerTools/distroless"' \
    'SUPPORT_URL="https://github.com/GoogleContainerTools/distroless/blob/master/README.md"' \
    'BUG_REPORT_URL="https://github.com/GoogleContainerTools/distroless/issues/new"' >"$root/etc/os-release"
  install -d -m 0755 "$root/home" && install -d -m 0700 "$root/root"
  install -d -m 0700 -o "$distroless_nonroot_uid" -g "$distroless_nonroot_uid" "$root/home/nonroot"
  install -d -m 1777 "$root/tmp"
}

# Runs $4... in the root filesystem $1 from its directory $2 as uid:gid $3, with an empty environment, for at most
# 60 seconds, as a container runtime would start it: as PID 1 of its own PID namespace with /proc mounted (Swift
# reads its arguments from /proc/self/cmdline) and the OCI default devices in /dev, in a private mount namespace
# that ends with it (needs root).
run_in_root() {
  timeout 60 unshare --mount --pid --fork --mount-proc="$1/proc" bash -euc 'root=$1; shift
    mount -t tmpfs -o nosuid,mode=0755 tmpfs "$root/dev"
    for device in null zero full random urandom tty; do
      touch "$root/dev/$device" && mount --bind "/dev/$device" "$root/dev/$device"
    done
    mkdir -m 1777 "$root/dev/shm"
    exec python3 -c "import os, sys
root, cwd, ids, argv = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
uid, gid = (int(i) for i in ids.split(\":\"))
os.chroot(root); os.chdir(cwd); os.setgroups([]); os.setgid(gid); os.setuid(uid)
os.execve(argv[0], argv, {})" "$root" "$@"' run_in_root "$@"
}

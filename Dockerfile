# syntax=docker/dockerfile:1.7
#
# The runtime image of `cronjob`: one statically linked Swift binary, without its DWARF, on Google's distroless
# cc-debian12 (glibc, libstdc++, libgcc, libssl, CA certificates, tzdata; no shell, no package manager) plus the
# libraries of libpq5 and libcurl4 that the base lacks, copied from Debian 12 (bookworm).
# ECS runs it as `cronjob run <job> ...` (the task definition's command; the entrypoint is the binary).
#
# Build and push (from the repository root, with BuildKit, the default builder since Docker 23; x86_64 Fargate):
#   docker build -t cronjob:dev \
#     --build-arg VERSION="$(git describe --tags --always)" --build-arg REVISION="$(git rev-parse HEAD)" .
#   aws ecr get-login-password --region "$REGION" \
#     | docker login --username AWS --password-stdin "$ACCOUNT.dkr.ecr.$REGION.amazonaws.com"
#   docker tag cronjob:dev "$ACCOUNT.dkr.ecr.$REGION.amazonaws.com/cronjob:$VERSION"
#   docker push "$ACCOUNT.dkr.ecr.$REGION.amazonaws.com/cronjob:$VERSION"
# For Graviton tasks add `--platform linux/arm64` and set the task definition's runtimePlatform to ARM64.
# Without a container engine, `bash scripts/check-image.sh` proves this file's runtime contract (hadolint; the
# image's root filesystem rebuilt, every shared library the binary loads resolved in it, the binary run in a chroot
# of it), and `bash scripts/image-size.sh` prints each layer's compressed size as a registry would store it.
#
# TLS to Aurora: the image carries the Amazon RDS CA bundle at /etc/ssl/certs/rds-global-bundle.pem.
# Point libpq at it per environment, e.g. PGSSLMODE=verify-full PGSSLROOTCERT=/etc/ssl/certs/rds-global-bundle.pem
# (or `?sslmode=verify-full&sslrootcert=/etc/ssl/certs/rds-global-bundle.pem` in DATABASE_URL). It is not set
# here on purpose: with a root certificate configured, libpq also verifies under sslmode=require, which would
# break connections to a non-RDS server. Nothing secret or environment-specific is baked into the image.
#
# The provider sandbox and schedules.yaml are not in the image: per-job settings reach the container through
# the compiled command line (`run <job> --timeout 4m --concurrency forbid`).

# ---- build --------------------------------------------------------------------------------------------------
# The Swift toolchain the repository is built and tested with (6.3.1), on the same Debian release as the runtime.
FROM swift:6.3.1-bookworm AS build

# libpq-dev for the CLibPQ system library; libcurl4-openssl-dev because the static FoundationNetworking links
# -lcurl. Versions are not pinned: bookworm's security updates replace them, and a pin would stop the build.
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libpq-dev libcurl4-openssl-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /build

# Dependencies resolve in their own layer, reused until the manifest (or Package.resolved, when present) changes.
COPY Package.* ./
RUN swift package resolve

# Tests/ is copied only because the manifest declares its targets (SwiftPM refuses a missing target directory);
# building the cronjob product compiles none of it.
COPY Sources ./Sources
COPY jobs ./jobs
COPY Tests ./Tests

# The image ships the binary without its DWARF (about two thirds of its size) but with its symbol table, so the
# crash backtracer still names every function; the DWARF stays in cronjob.debug (the debug-info stage below) for
# file:line lookups (`addr2line -e cronjob.debug`). scripts/check-image.sh and scripts/image-size.sh run this RUN
# as written, with their own /staging and a --scratch-path: keep it a plain `&&` chain that also runs outside a container.
RUN swift build -c release --product cronjob --static-swift-stdlib \
    && mkdir -p /staging \
    && objcopy --only-keep-debug "$(swift build -c release --show-bin-path)/cronjob" /staging/cronjob.debug \
    && objcopy --strip-debug --add-gnu-debuglink=/staging/cronjob.debug \
        "$(swift build -c release --show-bin-path)/cronjob" /staging/cronjob \
    && cp "$(dirname "$(readlink -f "$(command -v swift)")")/../libexec/swift/linux/swift-backtrace-static" /staging/

# ---- debug-info ---------------------------------------------------------------------------------------------
# The shipped binary's DWARF, for symbolicating a crash report offline; never part of the runtime image:
#   docker build --target debug-info --output type=local,dest=debug-info .
FROM scratch AS debug-info
COPY --from=build /staging/cronjob.debug /

# ---- runtime-base -------------------------------------------------------------------------------------------
# Google's distroless image for dynamically linked glibc programs: no shell, no package manager. Distroless
# publishes no versioned tags: pin the digest this tag points to when you release
# (`docker buildx imagetools inspect gcr.io/distroless/cc-debian12:nonroot`).
FROM gcr.io/distroless/cc-debian12:nonroot AS runtime-base

# ---- runtime-libs -------------------------------------------------------------------------------------------
# The shared libraries the binary loads beyond the runtime base: libpq5 and libcurl4 (the static FoundationNetworking
# links -lcurl) and the packages they depend on, minus every package the base already ships, so the image holds one
# glibc and one libssl. Only their libraries, configuration and copyright notices are copied to /runtime-libs.
FROM debian:12.11-slim AS runtime-libs

# The packages of gcr.io/distroless/cc-debian12, as GoogleContainerTools/distroless defines it (static/config.bzl,
# base/config.bzl, cc/config.bzl at cd080764): the image also has the CA bundle made from ca-certificates, a
# passwd/group with root, nobody and nonroot, nsswitch.conf, os-release, /tmp and /home. scripts/image-size.sh and
# scripts/check-image.sh rebuild that base from this list.
ARG DISTROLESS_PACKAGES="base-files netbase tzdata media-types libc6 libssl3 gcc-12-base libgcc-s1 libgomp1 libstdc++6"

# Versions are not pinned: bookworm's security updates replace them, and a pin would stop the build.
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libcurl4 libpq5 \
    && rm -rf /var/lib/apt/lists/*

# scripts/check-image.sh and scripts/image-size.sh run this RUN as written, with their own /runtime-libs.
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-cache depends --recurse --installed --no-recommends --no-suggests --no-conflicts --no-breaks \
        --no-replaces --no-enhances libcurl4 libpq5 \
    | grep -Ev '^( |<)' | sort -u | grep -vxF -f <(tr ' ' '\n' <<<"$DISTROLESS_PACKAGES") \
    | xargs dpkg -L | grep -E '^(/etc/|/lib/|/usr/lib/|/usr/share/doc/[^/]+/copyright$)' \
    | while read -r path; do \
        if [ -f "$path" ] || [ -L "$path" ]; then \
          mkdir -p "/runtime-libs$(dirname "$path")" && cp -a "$path" "/runtime-libs$path"; \
        fi; \
      done

# The base's passwd and group with the runtime user added, so that lookups of uid 10001 (libpq's default user name,
# home directory) find a user as on any Debian image.
COPY --from=runtime-base /etc/passwd /etc/group /runtime-base/etc/
RUN mkdir -p /runtime-libs/etc \
    && { cat /runtime-base/etc/passwd; echo 'cronjob:x:10001:10001:cronjob:/nonexistent:/sbin/nologin'; } \
        >/runtime-libs/etc/passwd \
    && { cat /runtime-base/etc/group; echo 'cronjob:x:10001:'; } >/runtime-libs/etc/group

# ---- runtime ------------------------------------------------------------------------------------------------
FROM runtime-base AS runtime

ARG VERSION=dev
ARG REVISION=unknown
ARG SOURCE=""
LABEL org.opencontainers.image.title="cronjob" \
      org.opencontainers.image.description="Run-once scheduled jobs of the marketplace: cronjob run <job>" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.base.name="gcr.io/distroless/cc-debian12:nonroot"

# libpq5, libcurl4 and their dependencies, and the passwd/group with the runtime user (scripts/check-image.sh proves
# the binary finds every library it loads).
COPY --from=runtime-libs /runtime-libs/ /

# Amazon RDS root and intermediate CAs for sslmode=verify-full (see the header). Fetched over HTTPS at build
# time so a rebuild picks up AWS's CA rotations; readable by the runtime user.
ADD --chmod=0644 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /etc/ssl/certs/rds-global-bundle.pem

COPY --from=build --chmod=0755 /staging/cronjob /usr/local/bin/cronjob
# Swift's crash backtracer (static, needs only libc/libstdc++), so a crash leaves a symbolicated trace in the log.
COPY --from=build --chmod=0755 /staging/swift-backtrace-static /usr/local/libexec/swift-backtrace-static
ENV SWIFT_BACKTRACE=enable=yes,sanitize=yes,threads=all,images=mentioned,interactive=no,swift-backtrace=/usr/local/libexec/swift-backtrace-static

# A fixed non-root uid/gid (the cronjob user added above) so task definitions and volumes can rely on it. The
# :nonroot base's WORKDIR, /home/nonroot, is private to its uid 65532.
USER 10001:10001
WORKDIR /

# ECS stops a task with SIGTERM, then SIGKILL after the stop timeout; cronjob drains on SIGTERM and exits 143.
# It runs as PID 1 and installs its own SIGTERM/SIGINT handlers, and starts no child processes to reap.
STOPSIGNAL SIGTERM
ENTRYPOINT ["cronjob"]
CMD ["--help"]

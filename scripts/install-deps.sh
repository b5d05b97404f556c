#!/bin/sh
# Installs the Debian packages whosaid needs to build (no argument: what
# `make demo` needs) or to build and run every test (--test: what `make test`
# needs); does nothing when all are present. Idempotent and non-interactive.
set -eu
# Build: compilers (g++ for the one C++ file, the bridge to simdjson), CMake,
# the libraries, cmocka and Python (CTest's unit and golden tests are
# configured with the build).
PACKAGES="gcc g++ make cmake pkg-config libpcre2-dev libutf8proc-dev libjansson-dev libsimdjson-dev libxlsxwriter-dev
  libcmocka-dev python3"
# Tests only: openpyxl (reads the workbooks back), clang (libFuzzer),
# valgrind, GNU time (the benchmark's RSS), GNU parallel and an sshd (the
# scale-out recipes are tested against one started on loopback by the test).
if [ "${1:-}" = --test ]; then
  PACKAGES="$PACKAGES python3-openpyxl clang valgrind time parallel openssh-server openssh-client"
fi
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null

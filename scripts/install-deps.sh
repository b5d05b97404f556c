#!/bin/sh
# Installs the Debian packages whosaid needs to build and test; does nothing
# when all are present. Idempotent and non-interactive.
set -eu
PACKAGES="gcc make cmake pkg-config libpcre2-dev libutf8proc-dev libjansson-dev libcmocka-dev python3"
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

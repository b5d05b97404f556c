# Shared by the bad-input tests: a scratch directory, failure reporting and
# JSON checks through Python's json module.
set -u
BIN=${1:?usage: $0 BIN_DIR}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# WHOSAID_WRAP (e.g. "valgrind -q --trace-children=yes ...", as `make
# test-valgrind` sets it) runs every program of BIN under that command:
# BIN then names a directory of wrappers.
if [ -n "${WHOSAID_WRAP:-}" ]; then
    mkdir "$TMP/bin"
    for p in "$BIN"/*; do
        [ -f "$p" ] && [ -x "$p" ] || continue
        printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$WHOSAID_WRAP" "$p" >"$TMP/bin/${p##*/}"
        chmod +x "$TMP/bin/${p##*/}"
    done
    BIN=$TMP/bin
fi
fail() { echo "FAIL: $*" >&2; exit 1; }
# json_check FILE PYTHON-EXPR: every line parses as JSON; EXPR sees `recs`.
json_check() {
    python3 - "$1" "$2" <<'PY' || fail "check failed: $2"
import json, os, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
ok = eval(sys.argv[2])
if not ok:
    print("records:", [ {k: (v if k != "text" else v[:80]) for k, v in r.items()} for r in recs][:3], file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}

#!/bin/sh
# A missing file is reported, the other files are still processed, status 1.
. "$(dirname "$0")/../lib.sh"
printf 'First article.\n' >"$TMP/a.txt"
printf 'Second article.\n' >"$TMP/c.txt"
cd "$TMP"
"$BIN/whosaid-normalize" a.txt nonexistent.txt c.txt >out 2>err
st=$?
[ "$st" -eq 1 ] || fail "exit status $st, want 1"
[ "$(cat err)" = "whosaid-normalize: nonexistent.txt: No such file or directory" ] || fail "stderr: $(cat err)"
json_check out '[r["id"] for r in recs] == ["a", "c"]'

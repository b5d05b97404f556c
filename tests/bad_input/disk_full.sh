#!/bin/sh
# Output to a full disk: exit 1 and a message, not silent success.
. "$(dirname "$0")/../lib.sh"
[ -w /dev/full ] || { echo "no /dev/full here: skipped"; exit 0; }
printf 'An article, officials said.\n' >"$TMP/a.txt"
for prog in whosaid-normalize whosaid; do
    "$BIN/$prog" "$TMP/a.txt" >/dev/full 2>"$TMP/err"
    st=$?
    [ "$st" -eq 1 ] || fail "$prog: exit status $st, want 1"
    # The driver reports through its last stage, whichever that is.
    grep -q "^whosaid-[a-z]*: writing output: No space left on device$" "$TMP/err" || fail "$prog: stderr: $(cat "$TMP/err")"
done
exit 0

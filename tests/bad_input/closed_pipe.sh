#!/bin/sh
# `| head -c 1`: the stage stops quietly (status 0, nothing on stderr).
. "$(dirname "$0")/../lib.sh"
python3 -c '
import json
for i in range(1000):
    print(json.dumps({"id": "d%d" % i, "text": "Some text of article %d. " % i * 20}))' >"$TMP/many.jsonl"
for prog in whosaid-normalize whosaid; do
    { "$BIN/$prog" "$TMP/many.jsonl" 2>"$TMP/err"; echo $? >"$TMP/status"; } | head -c 1 >/dev/null
    [ "$(cat "$TMP/status")" = 0 ] || fail "$prog: exit status $(cat "$TMP/status")"
    [ -s "$TMP/err" ] && fail "$prog: stderr: $(cat "$TMP/err")"
done
exit 0

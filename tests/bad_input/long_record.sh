#!/bin/sh
# A record line longer than the reader's cap (WHOSAID_MAX_RECORD, here 1M)
# is skipped without being held: reported at its file:line with its id,
# counted as a bad line, status 1; the records around it come out. The same
# in normalize's JSON Lines input. A cap that is not a size is ignored with
# a warning.
. "$(dirname "$0")/../lib.sh"
python3 - "$TMP/in.jsonl" <<'PY'
import json, sys
good = lambda i: json.dumps({"id": i, "text": "Jane Doe said on Monday that 5% agreed."})
with open(sys.argv[1], "w") as f:
    f.write(good("g1") + "\n")
    f.write(json.dumps({"id": "huge-1", "text": "word " * 600_000}) + "\n")   # line 2: 3 MB
    f.write(good("g2") + "\n")
    f.write('{"text": "' + "x" * 3_000_000 + '", "id": "late"}\n')           # line 4: id past the head
    f.write(good("g3") + "\n")
PY
F="$TMP/in.jsonl"
WHOSAID_MAX_RECORD=1M "$BIN/whosaid-tag" --stats "$F" >"$TMP/out" 2>"$TMP/err"
st=$?
[ "$st" -eq 1 ] || fail "tag: exit status $st, want 1; stderr: $(cat "$TMP/err")"
json_check "$TMP/out" '[r["id"] for r in recs] == ["g1", "g2", "g3"]'
printf '%s\n' "whosaid-tag: $F:2: record is longer than 1 MiB (id \"huge-1\")" \
    "whosaid-tag: $F:4: record is longer than 1 MiB" >"$TMP/want"
head -2 "$TMP/err" | cmp -s "$TMP/want" - || fail "tag stderr: $(cat "$TMP/err")"
# The stats line's first fields (a stage may append its own).
sed -n 3p "$TMP/err" | grep -q "^whosaid-tag: stats: in 3 out 3 errors 0 bad_lines 2 duplicate_ids 0" \
    && [ "$(wc -l <"$TMP/err")" -eq 3 ] || fail "tag stderr: $(cat "$TMP/err")"

WHOSAID_MAX_RECORD=1024K "$BIN/whosaid-normalize" --stats "$F" >"$TMP/nout" 2>"$TMP/nerr"
st=$?
[ "$st" -eq 1 ] || fail "normalize: exit status $st, want 1; stderr: $(cat "$TMP/nerr")"
json_check "$TMP/nout" '[r["id"] for r in recs] == ["g1", "g2", "g3"]'
grep -qxF "whosaid-normalize: $F:2: record is longer than 1 MiB (id \"huge-1\")" "$TMP/nerr" || fail "normalize: $(cat "$TMP/nerr")"
grep -qF "whosaid-normalize: stats: in 3 out 3 errors 0 bad_lines 2" "$TMP/nerr" || fail "normalize stats: $(cat "$TMP/nerr")"

# Under the default cap (64 MiB) the same lines are records.
"$BIN/whosaid-tag" "$F" >"$TMP/out2" 2>"$TMP/err2" || fail "default cap: exit status $?; $(cat "$TMP/err2")"
json_check "$TMP/out2" '[r["id"] for r in recs] == ["g1", "huge-1", "g2", "late", "g3"]'
# A cap that is not a size: a warning, then the default.
WHOSAID_MAX_RECORD=lots "$BIN/whosaid-tag" "$F" >"$TMP/out3" 2>"$TMP/err3" || fail "bad cap: exit status $?"
[ "$(cat "$TMP/err3")" = "whosaid-tag: WHOSAID_MAX_RECORD=lots is not a size (bytes, or with a K, M or G suffix); using 64 MiB" ] \
    || fail "bad cap: stderr: $(cat "$TMP/err3")"
cmp -s "$TMP/out2" "$TMP/out3" || fail "bad cap: output differs"
exit 0

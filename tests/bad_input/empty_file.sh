#!/bin/sh
# An empty file (and one of blanks only) still gives a record, with a warning.
. "$(dirname "$0")/../lib.sh"
: >"$TMP/empty.txt"
printf '  \n\n \t\n' >"$TMP/blank.txt"
"$BIN/whosaid-normalize" "$TMP/empty.txt" "$TMP/blank.txt" >"$TMP/out" || fail "exit status $?"
json_check "$TMP/out" '[r["id"] for r in recs] == ["empty", "blank"] and all(r["text"] == "" and r["sentences"] == [] and any(w["code"] == "empty_text" for w in r["warnings"]) for r in recs)'

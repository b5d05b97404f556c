#!/bin/sh
# NUL bytes and other control characters are dropped with a warning.
. "$(dirname "$0")/../lib.sh"
printf 'Hello\000 wor\001ld.\000\n' >"$TMP/nul.txt"
"$BIN/whosaid-normalize" "$TMP/nul.txt" >"$TMP/out" || fail "exit status $?"
json_check "$TMP/out" 'recs[0]["text"] == "Hello world." and any(w["code"] == "control_chars" and "(2 NUL bytes)" in w["message"] for w in recs[0]["warnings"])'
# A NUL escaped inside a JSON Lines record goes the same way.
printf '{"id":"n","text":"a\\u0000b"}\n' | "$BIN/whosaid-normalize" >"$TMP/out2" || fail "stdin exit status $?"
json_check "$TMP/out2" 'recs[0]["text"] == "ab" and recs[0]["source"] == "-"'

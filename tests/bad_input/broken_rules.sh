#!/bin/sh
# A broken rule file stops the stage before any output, status 2, with
# file:line and PCRE2's own message.
. "$(dirname "$0")/../lib.sh"
cp -r "$TOP/rules" "$TMP/rules"
printf 'drop\t^(Related\n' >>"$TMP/rules/boilerplate.rules"
n=$(wc -l <"$TMP/rules/boilerplate.rules")
printf 'An article.\n' >"$TMP/a.txt"
WHOSAID_RULES_DIR="$TMP/rules" "$BIN/whosaid-normalize" "$TMP/a.txt" >"$TMP/out" 2>"$TMP/err"
st=$?
[ "$st" -eq 2 ] || fail "exit status $st, want 2"
[ -s "$TMP/out" ] && fail "output written despite the broken rules"
[ "$(cat "$TMP/err")" = "whosaid-normalize: $TMP/rules/boilerplate.rules:$n: offset 9: missing closing parenthesis" ] || fail "stderr: $(cat "$TMP/err")"

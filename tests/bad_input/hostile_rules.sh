#!/bin/sh
# Rule files are untrusted input: an over-long line, a NUL byte, invalid
# UTF-8, an unterminated group, nesting or size beyond PCRE2's limits, a
# priority that overflows. Each stops the stage before any output with
# status 2 and "prog: file:line: what is wrong".
. "$(dirname "$0")/../lib.sh"
python3 - "$TMP" <<'PY'
import os, sys
d = sys.argv[1]
cases = {
    "long.rules": b"# ok\nSTAT\t0\t" + b"a" * 70000 + b"\n",
    "nul.rules": b"# ok\nSTAT\t0\tfo\x00o\n",
    "utf8.rules": b"# ok\nSTAT\t0\tfo\xc0\xafo\n",
    "group.rules": b"# ok\nSTAT\t0\t(foo\n",
    "deep.rules": b"STAT\t0\t" + b"(" * 5000 + b"a" + b")" * 5000 + b"\n",
    "huge.rules": b"define\tA\taaaaaaaaaa\n" + b"define\tA\t{A}{A}\n" * 30 + b"STAT\t0\t{A}\n",
    "prio.rules": b"STAT\t99999999999999999999\tfoo\n",
    "long.tsv": b"x" * 70000 + b"\tPERSON\n",
    "nul.tsv": b"Jo\x00hn\tJohn\tPERSON\t-\n",
    "utf8.tsv": b"Jo\xffhn\tJohn\tPERSON\t-\n",
}
for name, data in cases.items():
    open(os.path.join(d, name), "wb").write(data)
PY
echo '{"id":"a","text":"foo"}' >"$TMP/in.jsonl"
# check FILE LINE MESSAGE-START
check() {
    "$BIN/whosaid-tag" --no-default-rules -r "$TMP/$1" "$TMP/in.jsonl" >"$TMP/out" 2>"$TMP/err"
    st=$?
    [ "$st" -eq 2 ] || fail "$1: exit status $st, want 2"
    [ -s "$TMP/out" ] && fail "$1: output written"
    [ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "$1: stderr: $(cat "$TMP/err")"
    case "$(cat "$TMP/err")" in
    "whosaid-tag: $TMP/$1:$2: $3"*) ;;
    *) fail "$1: stderr: $(cat "$TMP/err")" ;;
    esac
}
check long.rules 2 "line longer than 65536 bytes"
check nul.rules 2 "NUL byte in line"
check utf8.rules 2 "invalid UTF-8"
check group.rules 2 "offset 4: missing closing parenthesis"
check deep.rules 1 "offset 251: parentheses are too deeply nested"
check huge.rules 13 "offset 6: regular expression is too large"
check prio.rules 1 "bad priority"
check long.tsv 1 "line longer than 65536 bytes"
check nul.tsv 1 "NUL byte in line"
check utf8.tsv 1 "invalid UTF-8"
# The same faults in a default rule file of normalize.
cp -r "$TOP/rules" "$TMP/rules"
printf 'drop\tfoo\000bar\n' >>"$TMP/rules/meta.rules"
n=$(wc -l <"$TMP/rules/meta.rules")
printf 'An article.\n' >"$TMP/a.txt"
WHOSAID_RULES_DIR="$TMP/rules" "$BIN/whosaid-normalize" "$TMP/a.txt" >"$TMP/out" 2>"$TMP/err"
st=$?
[ "$st" -eq 2 ] || fail "normalize: exit status $st, want 2"
[ -s "$TMP/out" ] && fail "normalize: output written"
[ "$(cat "$TMP/err")" = "whosaid-normalize: $TMP/rules/meta.rules:$n: NUL byte in line" ] || fail "normalize: stderr: $(cat "$TMP/err")"
exit 0

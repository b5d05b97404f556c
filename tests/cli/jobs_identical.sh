#!/bin/sh
# whosaid -j N gives byte for byte the output of the single chain, whatever
# the block size (one record per block up to all in one), for files and for
# stdin, at every --until stage (claims writes zero or more lines per
# document), and the same exit status when one input record is bad.
. "$(dirname "$0")/../lib.sh"
# A corpus with more documents than blocks: the sample articles, and JSON
# Lines copies of them under new ids with one record lacking "text".
python3 - "$TOP/corpus" "$TMP/more.jsonl" <<'PY'
import glob, json, os, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for k, f in enumerate(sorted(glob.glob(os.path.join(sys.argv[1], "*.txt")))):
        text = open(f, encoding="utf-8").read()
        out.write(json.dumps({"id": "copy-%d" % k, "text": text}) + "\n")
        if k == 2:
            out.write(json.dumps({"id": "no-text"}) + "\n")
PY
run() { # run OUT ARGS...: the exit status goes to OUT.status
    out=$1; shift
    "$BIN/whosaid" "$@" >"$out" 2>"$out.err"
    echo $? >"$out.status"
}
stages=$("$BIN/whosaid" --help | sed -n 's/.*stages (\(.*\)) over.*/\1/p' | tr -d ' ' | tr '|' ' ')
[ -n "$stages" ] || fail "no stages in whosaid --help"
for st in $stages; do
    run "$TMP/one" --until "$st" "$TOP/corpus" "$TMP/more.jsonl"
    [ "$(cat "$TMP/one.status")" -eq 1 ] || fail "--until $st: single run status $(cat "$TMP/one.status"), want 1"
    for opts in "-j 2 --block 1" "-j 3 --block 2K" "-j 2"; do
        # shellcheck disable=SC2086
        run "$TMP/par" $opts --until "$st" "$TOP/corpus" "$TMP/more.jsonl"
        cmp -s "$TMP/one" "$TMP/par" || fail "--until $st $opts: output differs: $(diff "$TMP/one" "$TMP/par" | head -c 600)"
        [ "$(cat "$TMP/par.status")" = "$(cat "$TMP/one.status")" ] ||
            fail "--until $st $opts: status $(cat "$TMP/par.status"), want $(cat "$TMP/one.status")"
    done
done
[ -s "$TMP/one" ] || fail "the chain wrote nothing"
# Standard input, split into blocks the same way.
run "$TMP/one" - <"$TMP/more.jsonl"
run "$TMP/par" -j 2 --block 1 - <"$TMP/more.jsonl"
cmp -s "$TMP/one" "$TMP/par" || fail "stdin: output differs"
[ "$(cat "$TMP/par.status")" = "$(cat "$TMP/one.status")" ] || fail "stdin: status differs"
# Usage errors.
"$BIN/whosaid" -j 0 "$TOP/corpus" >/dev/null 2>&1; [ $? -eq 2 ] || fail "-j 0 accepted"
"$BIN/whosaid" --block 12Q "$TOP/corpus" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--block 12Q accepted"
# The reader going away stops every job quietly with status 0.
{ "$BIN/whosaid" -j 2 --block 1 --until tag "$TOP/corpus" 2>"$TMP/err"; echo $? >"$TMP/st"; } |
    head -c 10 >/dev/null
[ "$(cat "$TMP/st")" -eq 0 ] || fail "output closed: status $(cat "$TMP/st"): $(cat "$TMP/err")"
[ ! -s "$TMP/err" ] || fail "output closed: $(cat "$TMP/err")"
exit 0

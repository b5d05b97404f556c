#!/bin/sh
# The README's GNU parallel recipe (one normalize, the rest of the chain on
# blocks of records, --keep-order) writes exactly what the single chain
# writes. Skipped (status 77) when GNU parallel is not installed.
. "$(dirname "$0")/../lib.sh"
BIN=$(cd "$BIN" && pwd) # the remote shell starts elsewhere
command -v parallel >/dev/null 2>&1 || { echo "SKIP: GNU parallel is not installed (apt-get install parallel)"; exit 77; }
stages=$("$BIN/whosaid" --help | sed -n 's/.*stages (\(.*\)) over.*/\1/p' | tr -d ' ' | tr '|' ' ')
rest=""
for st in $stages; do
    [ "$st" = normalize ] && continue
    rest="$rest${rest:+ | }$BIN/whosaid-$st"
done
[ -n "$rest" ] || fail "no stages after normalize in whosaid --help"
# Twice the sample articles under other ids, so there are many blocks.
python3 - "$TOP/corpus" "$TMP/more.jsonl" <<'PY'
import glob, json, os, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for rep in range(2):
        for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.txt"))):
            out.write(json.dumps({"id": "r%d-%s" % (rep, os.path.basename(f)[:-4]),
                                  "text": open(f, encoding="utf-8").read()}) + "\n")
PY
"$BIN/whosaid" "$TOP/corpus" "$TMP/more.jsonl" >"$TMP/one" || fail "single run: status $?"
"$BIN/whosaid-normalize" "$TOP/corpus" "$TMP/more.jsonl" |
    parallel --will-cite --pipe --keep-order --block 3k -j 2 "$rest" >"$TMP/par" 2>"$TMP/err" ||
    fail "parallel: status $?: $(cat "$TMP/err")"
[ -s "$TMP/one" ] || fail "the chain wrote nothing"
cmp -s "$TMP/one" "$TMP/par" || fail "outputs differ: $(diff "$TMP/one" "$TMP/par" | head -c 600)"

#!/bin/sh
# A 50 MB article on one line comes through whole under a cap above its
# size (--max-doc 64M): no truncation. (Splitting: huge_document.sh.)
. "$(dirname "$0")/../lib.sh"
python3 -c '
import sys
w = "Word, another word and more words here. "
n = 50_000_000 // len(w) + 1
sys.stdout.write(w * n)' >"$TMP/huge.txt"
"$BIN/whosaid-normalize" --max-doc 64M "$TMP/huge.txt" >"$TMP/out" || fail "exit status $?"
# The text is the file less its final space.
EXPECT=$(($(wc -c <"$TMP/huge.txt") - 1))
export EXPECT
json_check "$TMP/out" 'len(recs) == 1 and len(recs[0]["text"]) == int(os.environ["EXPECT"]) and len(recs[0]["sentences"]) > 1000000'

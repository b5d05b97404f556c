#!/bin/sh
# --table entities and --table stats from document records (resolve's
# entities; tag's spans grouped and counted) and from claim records, and
# on the corpus's tag output.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/tools/sheets-lib.sh"
CSV="$BIN/whosaid-csv"

for table in entities stats; do
    for f in docs_mixed claims_nasty; do
        "$CSV" --table "$table" "$DATA/$f.jsonl" > "$TMP/$f.$table.csv" || fail "$table $f: status $?"
        sheets csv "$table" "$DATA/$f.jsonl" "$TMP/$f.$table.csv"
        "$CSV" -t "$table" --tsv "$DATA/$f.jsonl" > "$TMP/$f.$table.tsv" || fail "$table $f --tsv"
        sheets csv "$table" "$DATA/$f.jsonl" "$TMP/$f.$table.tsv" --tsv
    done
done
# Counted mentions: resolve's mention list, or spans of one type and name.
grep -q '^kcc_resolved,,e2,ORG,Korea Communications Commission,KR,,,3,' \
    "$TMP/docs_mixed.entities.csv" || fail "resolved mention count"
grep -q '^tagged_only,,,COUNTRY,Lebanon,LB,,,3,Lebanese; Lebanon$' \
    "$TMP/docs_mixed.entities.csv" || fail "span mention count and aliases"
grep -q "^kcc_resolved,,'=SUM(1+1) percent,-2.5,,,,true,,max,\$" "$TMP/docs_mixed.stats.csv" \
    || fail "stat row: guarded text, unguarded negative number"

# The corpus's tag output: one row per name and per STAT span.
cat "$TOP"/corpus/*.tag.jsonl > "$TMP/corpus.jsonl"
for table in entities stats; do
    "$CSV" -t "$table" "$TMP/corpus.jsonl" > "$TMP/corpus.$table.csv" || fail "corpus $table"
    sheets csv "$table" "$TMP/corpus.jsonl" "$TMP/corpus.$table.csv"
done
[ "$(wc -l < "$TMP/corpus.stats.csv")" -gt 20 ] || fail "too few corpus statistics"
exit 0

#!/bin/sh
# whosaid-csv on hand-written claim records full of quotes, commas, line
# breaks, emoji, Arabic and Hebrew, formula-injection attempts, missing
# fields and non-string values: read back with Python's csv module, every
# cell as the documented rules say.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/tools/sheets-lib.sh"
CSV="$BIN/whosaid-csv"
IN="$DATA/claims_nasty.jsonl"

"$CSV" "$IN" > "$TMP/default.csv" || fail "default run: status $?"
sheets csv claims "$IN" "$TMP/default.csv"
# The guard is visible in the bytes: the =HYPERLINK speaker got its apostrophe.
grep -q "^inject,.*,\"'=HYPERLINK(" "$TMP/default.csv" || fail "no guarded =HYPERLINK cell"
grep -q ",'+1+1,'-2+3,'@SUM(A1:A9),'	statement," "$TMP/default.csv" || fail "guard marks missing"

"$CSV" --no-guard "$IN" > "$TMP/raw.csv" || fail "--no-guard: status $?"
sheets csv claims "$IN" "$TMP/raw.csv" --no-guard
sheets_rejects csv claims "$IN" "$TMP/raw.csv"
sheets_rejects csv claims "$IN" "$TMP/default.csv" --no-guard

# -c: user-added fields, dotted paths, lists, fields only some records have.
COLS="doc,n,my_score,my_tags,meta.outlet,meta.section,entities.type,speaker_reason,content"
"$CSV" -c "$COLS" "$IN" > "$TMP/cols.csv" || fail "-c: status $?"
sheets csv claims "$IN" "$TMP/cols.csv" -c "$COLS"
head -n 1 "$TMP/cols.csv" | grep -qx "$COLS" || fail "-c header"
grep -q "^ctrl,6,-3,\"a; b,c\",Al Jazeera,Middle East,LOCATION,,'-$" "$TMP/cols.csv" \
    || fail "-c row with user fields: $(grep '^ctrl' "$TMP/cols.csv")"
"$CSV" --columns "content, doc" "$IN" > "$TMP/two.csv" || fail "--columns"
sheets csv claims "$IN" "$TMP/two.csv" -c "content,doc"

# Every record gives a row with every column, whatever it lacks.
"$PY" - "$TMP/default.csv" <<'PY' || fail "rows are not all 15 cells"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
sys.exit(0 if len(rows) == 8 and all(len(r) == 15 for r in rows) else 1)
PY
exit 0

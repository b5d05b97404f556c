#!/bin/sh
# whosaid-xlsx on a mix of claim and document records, read back with
# openpyxl: sheets, bold frozen header, autofilter, widths, wrapped text,
# number, boolean and date cells, and text (quotes, line breaks, emoji,
# Arabic, Hebrew, formula-like text) exactly as written.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/tools/sheets-lib.sh"
XLSX="$BIN/whosaid-xlsx"
C="$DATA/claims_nasty.jsonl"
D="$DATA/docs_mixed.jsonl"

"$XLSX" -o "$TMP/mix.xlsx" "$C" "$D" || fail "mix: status $?"
sheets xlsx "$TMP/mix.xlsx" "$C" "$D"
# The checker can fail: the same workbook does not match other input.
sheets_rejects xlsx "$TMP/mix.xlsx" "$C"

# Specific cells, to be sure of what "exactly" means above.
"$PY" - "$TMP/mix.xlsx" <<'PY' || fail "cell spot checks"
import datetime, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
c, e, s = wb["Claims"], wb["Entities"], wb["Statistics"]
assert c["B2"].value == datetime.datetime(2013, 3, 21) and c["B2"].is_date, c["B2"].value
assert c["B3"].value == "2024-02", "partial TIMEX stays text"
assert c["D4"].value.startswith("=HYPERLINK(") and c["D4"].data_type != "f", "text, not formula"
assert c["K2"].value == 'China is "open" to cooperation, with all countries,\nand opposes hacking.'
assert c["K2"].alignment.wrap_text and c.column_dimensions["K"].width >= 60
assert c["D3"].value == "سعيد الكعبي" and "שלום עולם" in c["K3"].value and "🛢️" in c["K3"].value
assert c["K6"].value == 12345 and c["L6"].value is True
assert c["A5"].value == "sparse" and all(x.value is None for x in c[5][1:])
assert s["D3"].value == -5 and s["H3"].value is True
assert c.freeze_panes == "A2" and c.auto_filter.ref == "A1:O8"
assert all(x.font.b for x in e[1])
PY

# -c chooses the Claims columns; the other sheets keep theirs.
COLS="doc,n,my_score,my_tags,meta.section,content"
"$XLSX" -c "$COLS" -o "$TMP/cols.xlsx" "$C" || fail "-c: status $?"
sheets xlsx "$TMP/cols.xlsx" "$C" -c "$COLS"

# -o - writes to standard output when it is not a terminal.
"$XLSX" -o - < "$D" > "$TMP/stdout.xlsx" || fail "-o -: status $?"
sheets xlsx "$TMP/stdout.xlsx" "$D"
# No records at all: three sheets with their headers.
"$XLSX" -o "$TMP/empty.xlsx" < /dev/null || fail "empty input"
sheets xlsx "$TMP/empty.xlsx" /dev/null
exit 0

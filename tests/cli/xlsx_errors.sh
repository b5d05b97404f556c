#!/bin/sh
# whosaid-xlsx usage and failures: -o required, no workbook on a terminal,
# libxlsxwriter's errors as "whosaid-xlsx: FILE: message", bad lines
# reported with file:line while the workbook is still written.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/tools/sheets-lib.sh"
XLSX="$BIN/whosaid-xlsx"

"$XLSX" "$DATA/claims_nasty.jsonl" > "$TMP/out" 2> "$TMP/err"
[ $? -eq 2 ] || fail "no -o: status not 2"
grep -q "^whosaid-xlsx: no output file: give -o FILE" "$TMP/err" || fail "no -o: message"
[ -s "$TMP/out" ] && fail "no -o: wrote to stdout"
"$XLSX" -o x.xlsx -c "a,,b" < /dev/null 2> "$TMP/err"
[ $? -eq 2 ] || fail "bad -c: status not 2"

"$XLSX" -o "$TMP/no/such/dir/w.xlsx" "$DATA/claims_nasty.jsonl" 2> "$TMP/err"
[ $? -eq 1 ] || fail "unwritable: status not 1"
grep -q "^whosaid-xlsx: $TMP/no/such/dir/w.xlsx: No such file or directory" "$TMP/err" \
    || fail "unwritable: $(cat "$TMP/err")"
# Failing while libxlsxwriter writes the file: its message, status 1.
"$XLSX" -o /dev/full "$DATA/claims_nasty.jsonl" 2> "$TMP/err"
[ $? -eq 1 ] || fail "/dev/full: status not 1"
grep -q "^whosaid-xlsx: /dev/full: .*xlsx file" "$TMP/err" || fail "/dev/full: $(cat "$TMP/err")"
"$XLSX" -o - "$DATA/claims_nasty.jsonl" 2> "$TMP/err" > /dev/full
[ $? -eq 1 ] || fail "-o - > /dev/full: status not 1"
grep -q "^whosaid-xlsx: -: No space left on device" "$TMP/err" || fail "-o - > /dev/full: message"

# A terminal, as standard output (-o -) or named: refused with status 2.
"$PY" - "$XLSX" <<'PY' || fail "terminal not refused"
import os, pty, subprocess, sys
master, slave = pty.openpty()
for out, args in ((slave, ["-o", "-"]), (subprocess.DEVNULL, ["-o", os.ttyname(slave)])):
    p = subprocess.run([sys.argv[1]] + args, stdin=subprocess.DEVNULL, stdout=out,
                       stderr=subprocess.PIPE)
    err = p.stderr.decode()
    if p.returncode != 2 or "refusing to write a workbook to a terminal" not in err:
        sys.exit(f"{args}: status {p.returncode}: {err}")
PY

"$XLSX" -o "$TMP/bad.xlsx" "$DATA/claims_bad.jsonl" 2> "$TMP/err"
[ $? -eq 1 ] || fail "bad lines: status not 1"
grep -q "^whosaid-xlsx: $DATA/claims_bad.jsonl:3: .*JSON" "$TMP/err" || fail "bad line message"
grep -q "^whosaid-xlsx: $DATA/claims_bad.jsonl:4: .*JSON object" "$TMP/err" \
    || fail "bad line message"
sheets xlsx "$TMP/bad.xlsx" "$DATA/claims_bad.jsonl"

# Text beyond Excel's 32,767 characters per cell: cut, reported, status 1.
"$PY" -c 'import json; print(json.dumps({"doc": "long", "n": 1, "content": "é" * 40000}))' \
    > "$TMP/long.jsonl"
"$XLSX" -o "$TMP/long.xlsx" "$TMP/long.jsonl" 2> "$TMP/err"
[ $? -eq 1 ] || fail "long cell: status not 1"
grep -q "long.jsonl:1: sheet Claims, column content: text cut to Excel's 32767 characters" \
    "$TMP/err" || fail "long cell message: $(cat "$TMP/err")"
"$PY" -c 'import openpyxl, sys; v = openpyxl.load_workbook(sys.argv[1])["Claims"]["K2"].value
sys.exit(v != "é" * 32767)' "$TMP/long.xlsx" || fail "long cell not cut to 32767"
exit 0

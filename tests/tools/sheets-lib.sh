# Sourced by tests/cli/csv_*.sh and xlsx_*.sh after tests/lib.sh: the
# output checker and a Python that has openpyxl (pyenv's python3 may not).
SHEETS="$TOP/tests/tools/sheets.py"
DATA="$TOP/tests/data"
PY=""
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || fail "no python3 with openpyxl (install python3-openpyxl: sh scripts/install-deps.sh)"
# sheets ARGS...: runs the checker, failing the test when it fails.
sheets() { "$PY" "$SHEETS" "$@" >/dev/null || fail "sheets.py $*"; }
# sheets_rejects ARGS...: the checker must find the output wrong (so the
# checks above it can fail).
sheets_rejects() {
    if "$PY" "$SHEETS" "$@" >/dev/null 2>&1; then fail "sheets.py accepted a wrong output: $*"; fi
}

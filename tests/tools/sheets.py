#!/usr/bin/env python3
"""Reads whosaid-csv and whosaid-xlsx outputs back with real parsers (the csv
module, openpyxl) and compares every cell with what the input records say,
computed here independently from the rules documented in README.md:

    sheets.py csv TABLE INPUT.jsonl OUTPUT [--tsv] [--excel] [--no-guard] [-c COLS]
    sheets.py xlsx WORKBOOK.xlsx INPUT.jsonl... [-c COLS]

Exits 1 with the first differences on stderr."""
import argparse
import csv
import datetime
import io
import json
import math
import re
import sys

DEFAULT = {
    "claims": "doc,date,published,speaker,speaker_type,speaker_role,speaker_org,cue,cue_class,"
              "kind,content,via,entities,countries,stats",
    "entities": "doc,claim,entity,type,canonical,country,role,org,mentions,aliases",
    "stats": "doc,claim,text,value,value_max,unit,currency,percent,approx,bound,vague",
}
VALUE_TYPES = {"DATE", "TIME", "DURATION", "SET", "STAT", "MENTION"}
RISKY = re.compile(r"^'*[=+\-@\t\r]")


def records(paths):
    """The JSON objects of the inputs; other lines are the program's to report."""
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue
                if isinstance(rec, dict):
                    yield rec


def kind(rec):
    if "doc" in rec and "n" in rec:
        return "claim"
    if isinstance(rec.get("id"), str) and isinstance(rec.get("text"), str):
        return "document"
    return "other"


def lookup(v, path):
    if path == "":
        return [v]
    if isinstance(v, list):
        return [x for el in v for x in lookup(el, path)]
    if not isinstance(v, dict):
        return []
    if path in v:
        return [v[path]]
    head, dot, rest = path.partition(".")
    return lookup(v[head], rest) if dot and head in v else []


def values(v):
    """(text, type) of each value v shows, as the table module flattens it."""
    if v is None or v == "":
        return []
    if isinstance(v, bool):
        return [("true" if v else "false", "bool")]
    if isinstance(v, int):
        return [(str(v), "number" if abs(v) <= 2**53 else "text")]
    if isinstance(v, float):
        return [(repr(v), "number")]
    if isinstance(v, str):
        return [(v, "text")]
    if isinstance(v, list):
        return [x for el in v for x in values(el)]
    for key in ("canonical", "text", "value", "name"):
        if key in v and v[key] is not None and not isinstance(v[key], dict):
            return values(v[key])
    return [(json.dumps(v, ensure_ascii=False, separators=(",", ":")), "text")]


def cell(row, col, table):
    """(text, type, number) of a cell; type None for an empty cell."""
    found = lookup(row, col)
    if not found and table == "claims" and col == "countries":
        for c in lookup(row.get("entities"), "country"):
            if isinstance(c, str) and c not in found:
                found.append(c)
    vals = values(found)
    if not vals:
        return ("", None, None)
    if len(vals) > 1:
        return ("; ".join(t for t, _ in vals), "text", None)
    text, typ = vals[0]
    num = float(text) if typ == "number" else (text == "true") if typ == "bool" else None
    return (text, typ, num)


def rows_of(rec, table):
    k = kind(rec)
    if table == "claims":
        return [] if k == "document" else [rec]
    if k != "document":
        items = rec.get("stats" if table == "stats" else "entities")
        out = []
        for it in items if isinstance(items, list) else []:
            if it is None:
                continue
            row = dict(it) if isinstance(it, dict) else {
                ("text" if table == "stats" else "canonical"): it}
            row["doc"], row["claim"] = rec.get("doc"), rec.get("n")
            out.append(row)
        return out
    spans = rec.get("spans") if isinstance(rec.get("spans"), list) else []
    if table == "stats":
        return [dict(s, doc=rec["id"]) for s in spans
                if isinstance(s, dict) and s.get("type") == "STAT"]
    if isinstance(rec.get("entities"), list):
        out = []
        for e in rec["entities"]:
            if not isinstance(e, dict):
                continue
            row = dict(e, doc=rec["id"])
            for key, val in (e.get("attrs") or {}).items():
                row.setdefault(key, val)
            if "id" in e:
                row.setdefault("entity", e["id"])
            if isinstance(e.get("mentions"), list):
                row["mentions"] = len(e["mentions"])
            out.append(row)
        return out
    groups = {}
    for s in spans:
        if not isinstance(s, dict) or not isinstance(s.get("type"), str):
            continue
        name = s.get("canonical") if isinstance(s.get("canonical"), str) else s.get("text")
        if s["type"] in VALUE_TYPES or not isinstance(name, str):
            continue
        key = (s["type"], name)
        if key not in groups:
            groups[key] = {"doc": rec["id"], "type": s["type"], "canonical": name,
                           "mentions": 0, "aliases": []}
            for a in ("entity", "country", "role", "org", "kind"):
                if a in s:
                    groups[key][a] = s[a]
        g = groups[key]
        g["mentions"] += 1
        if isinstance(s.get("text"), str) and s["text"] not in g["aliases"]:
            g["aliases"].append(s["text"])
    return list(groups.values())


def expected(paths, table, cols):
    return [[cell(row, c, table) for c in cols] for rec in records(paths)
            for row in rows_of(rec, table)]


def fail(msgs):
    for m in msgs[:20]:
        print("FAIL:", m, file=sys.stderr)
    sys.exit(1)


def check_csv(a):
    cols = (a.columns or DEFAULT[a.table]).split(",")
    cols = [c.strip() for c in cols]
    raw = open(a.output, "rb").read()
    msgs = []
    if a.excel:
        if not raw.startswith(b"\xef\xbb\xbf"):
            msgs.append("--excel: no UTF-8 byte order mark")
        raw = raw[3:]
    elif raw.startswith(b"\xef\xbb\xbf"):
        msgs.append("byte order mark without --excel")
    text = raw.decode("utf-8")
    # Row ends: CRLF with --excel, else LF; a CR LF inside a quoted cell is data.
    ends = re.findall(r"\r?\n(?=(?:[^\"]*\"[^\"]*\")*[^\"]*\Z)", text)
    want_end = "\r\n" if a.excel else "\n"
    if any(e != want_end for e in ends):
        msgs.append(f"row ends are not all {want_end!r}")
    if a.tsv:
        got = [[unescape_tsv(c) for c in line.split("\t")]
               for line in text.split(want_end)[:-1]]
    else:
        got = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if not got or got[0] != cols:
        fail(msgs + [f"header {got[:1]} != {cols}"])
    want = expected(a.input, a.table, cols)
    if len(got) - 1 != len(want):
        msgs.append(f"{len(got) - 1} rows, expected {len(want)}")
    for r, (g, w) in enumerate(zip(got[1:], want), 2):
        if len(g) != len(cols):
            msgs.append(f"row {r}: {len(g)} cells, expected {len(cols)}: {g}")
            continue
        for c, (gc, (wt, wtype, wnum)) in enumerate(zip(g, w)):
            wt = wt.replace("\0", "")
            if wtype == "number":
                ok = gc == wt or (gc and float(gc) == wnum)
            else:
                guarded = "'" + wt if not a.no_guard and RISKY.match(wt) else wt
                ok = gc == guarded
            if not ok:
                msgs.append(f"row {r} {cols[c]}: got {gc!r}, expected {wt!r} ({wtype})")
    if msgs:
        fail(msgs)
    print(f"ok: {len(want)} rows x {len(cols)} columns")


def unescape_tsv(s):
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r"}.get(m[1], m[1]), s)


def check_xlsx(a):
    import openpyxl
    from openpyxl.utils import get_column_letter
    wb = openpyxl.load_workbook(a.workbook)
    msgs = []
    if wb.sheetnames != ["Claims", "Entities", "Statistics"]:
        fail([f"sheets {wb.sheetnames}"])
    for name, table in (("Claims", "claims"), ("Entities", "entities"), ("Statistics", "stats")):
        ws = wb[name]
        cols = [c.strip() for c in ((a.columns if table == "claims" else None)
                                     or DEFAULT[table]).split(",")]
        want = expected(a.input, table, cols)
        header = [c.value for c in ws[1]]
        if header != cols:
            msgs.append(f"{name}: header {header}")
        if not all(c.font.b for c in ws[1]):
            msgs.append(f"{name}: header not bold")
        if ws.freeze_panes != "A2":
            msgs.append(f"{name}: freeze panes {ws.freeze_panes}, expected A2")
        ref = f"A1:{get_column_letter(len(cols))}{len(want) + 1}"
        if ws.auto_filter.ref != ref:
            msgs.append(f"{name}: autofilter {ws.auto_filter.ref}, expected {ref}")
        if ws.max_row != len(want) + 1:
            msgs.append(f"{name}: {ws.max_row - 1} rows, expected {len(want)}")
        for col, cname in enumerate(cols, 1):
            width = ws.column_dimensions[get_column_letter(col)].width
            if cname in ("content", "text") and (width < 40 or not ws.cell(1, col).value):
                msgs.append(f"{name}: column {cname} width {width}")
        for r, w in enumerate(want, 2):
            for c, (wt, wtype, wnum) in enumerate(w, 1):
                got = ws.cell(r, c)
                msgs += cell_diff(name, r, cols[c - 1], got, wt, wtype, wnum)
    if msgs:
        fail(msgs)
    print("ok: " + ", ".join(f"{ws.title} {ws.max_row - 1} rows" for ws in wb))


def cell_diff(sheet, r, col, got, wt, wtype, wnum):
    where = f"{sheet} row {r} {col}"
    v = got.value
    if wtype is None:
        return [] if v is None else [f"{where}: {v!r}, expected empty"]
    if wtype == "number":
        ok = isinstance(v, (int, float)) and not isinstance(v, bool) and (
            v == wnum or math.isclose(v, wnum))
        return [] if ok else [f"{where}: {v!r}, expected the number {wnum}"]
    if wtype == "bool":
        return [] if v is wnum else [f"{where}: {v!r}, expected {wnum}"]
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", wt)
    if m:
        try:
            d = datetime.datetime(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            d = None
        if d and d >= datetime.datetime(1900, 3, 1):
            ok = v == d and got.number_format == "yyyy-mm-dd"
            return [] if ok else [f"{where}: {v!r} ({got.number_format}), expected date {wt}"]
    text = wt.replace("\0", "").replace("\r\n", "\n").replace("\r", "\n")
    if got.data_type not in ("s", "inlineStr") or v != text:
        return [f"{where}: {v!r} ({got.data_type}), expected text {text!r}"]
    if col in ("content", "text") and not got.alignment.wrap_text:
        return [f"{where}: not wrapped"]
    return []


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("csv")
    c.add_argument("table", choices=sorted(DEFAULT))
    c.add_argument("input", nargs=1)
    c.add_argument("output")
    c.add_argument("--tsv", action="store_true")
    c.add_argument("--excel", action="store_true")
    c.add_argument("--no-guard", action="store_true")
    c.add_argument("-c", "--columns")
    x = sub.add_parser("xlsx")
    x.add_argument("workbook")
    x.add_argument("input", nargs="+")
    x.add_argument("-c", "--columns")
    a = p.parse_args()
    check_csv(a) if a.cmd == "csv" else check_xlsx(a)


if __name__ == "__main__":
    main()

#!/bin/sh
# whosaid-resolve reads "spans" from simdjson's parse for the lines the
# fast path takes (whosaid_stage_run_kept) and from jansson's values for
# the ones it declines (a line over 1 MiB, invalid UTF-8 repaired): each
# record resolves to the same bytes either way. Records the offset check or
# resolve itself refuses are passed on as they came (an earlier run's
# "entity" too), with an "errors" entry, on both paths.
. "$(dirname "$0")/../lib.sh"
python3 - "$TOP/corpus" "$TMP" <<'PY' || fail "making the input"
import glob, os, sys
corpus, tmp = sys.argv[1], sys.argv[2]
pad = b'"pad":"' + b"x" * (1100 * 1024) + b'",'
note = b'"note":"\xff",'  # not UTF-8: repaired, then parsed by jansson
bad = [b'{"id":"bad-check","text":"abc","spans":[{"id":"s1","start":0,"end":9,"type":"ORG"}],'
       b'"warnings":[]}',
       b'{"id":"bad-type","text":"abc","spans":[{"id":"s1","start":0,"end":1,"type":"ORG",'
       b'"text":"a","entity":"e4"},{"id":"s2","start":1,"end":2,"type":null}],"z":1}']
lines = [l.rstrip(b"\n") for f in sorted(glob.glob(os.path.join(corpus, "*.tag.jsonl")))[:6]
         for l in open(f, "rb")] + bad
files = {name: open(os.path.join(tmp, name + ".jsonl"), "wb") for name in ("plain", "big", "bad8")}
for l in lines:
    assert l.startswith(b'{"id":"')
    at = l.index(b'",', 7) + 2  # after the id member
    files["plain"].write(l + b"\n")
    files["big"].write(l[:at] + pad + l[at:] + b"\n")
    files["bad8"].write(l[:at] + note + l[at:] + b"\n")
PY
for name in plain big bad8; do
    "$BIN/whosaid-resolve" "$TMP/$name.jsonl" >"$TMP/$name.out" 2>"$TMP/$name.err"
    rc=$?
    [ "$rc" = 1 ] || fail "$name: status $rc, want 1 (two bad records)"
    [ "$(grep -c 'document bad-' "$TMP/$name.err")" = 2 ] || fail "$name: $(cat "$TMP/$name.err")"
done
python3 - "$TMP" <<'PY' || fail "the paths differ"
import json, os, sys
read = lambda name: open(os.path.join(sys.argv[1], name), "rb").read().split(b"\n")[:-1]
ins, plain, big, bad8 = read("plain.jsonl"), read("plain.out"), read("big.out"), read("bad8.out")
assert len(ins) == len(plain) == len(big) == len(bad8), (len(ins), len(plain))
pad = b'"pad":"' + b"x" * (1100 * 1024) + b'",'
note = '"note":"\ufffd",'.encode("utf-8")
resolved = errors = 0
for i, p in enumerate(plain):
    assert big[i].replace(pad, b"", 1) == p, "over 1 MiB: %s" % p[:60]
    assert bad8[i].replace(note, b"", 1) == p, "repaired: %s" % p[:60]
    rec = json.loads(p)
    if "errors" in rec:
        # passed on as it came, the errors entry added last
        assert p[:p.rindex(b',"errors":')] + b"}" == ins[i], p
        errors += 1
    else:
        assert "entities" in rec and rec["spans"], p[:60]
        resolved += 1
assert errors == 2 and resolved >= 6, (errors, resolved)
PY
exit 0

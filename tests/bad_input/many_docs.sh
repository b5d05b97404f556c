#!/bin/sh
# Many tiny documents through normalize | tag: every one comes out, the
# --stats counts agree, and peak memory does not grow with the count (the
# run of N documents stays within 2 MB of the run of N/10).
# WHOSAID_MANY_DOCS sets N (default 100000; 10000000 for the by-hand run,
# see README "Reliability").
. "$(dirname "$0")/../lib.sh"
N=${WHOSAID_MANY_DOCS:-100000}
# run COUNT: peak RSS (KB) of normalize and of tag on COUNT tiny documents,
# streamed from a generator (nothing that large is kept on disk).
run() {
    python3 - "$BIN" "$1" "$TMP" <<'PY'
import os, resource, subprocess, sys
bin, n, tmp = sys.argv[1], int(sys.argv[2]), sys.argv[3]
gen = subprocess.Popen([sys.executable, "-c", """
import sys
w = sys.stdout.write
for i in range(%d):
    w('{"id":"d%%d","text":"Ana Silva said %%d."}\\n' %% (i, i))
""" % n], stdout=subprocess.PIPE)
err = open(os.path.join(tmp, "err"), "w")
norm = subprocess.Popen([bin + "/whosaid-normalize", "--stats"], stdin=gen.stdout,
                        stdout=subprocess.PIPE, stderr=err)
gen.stdout.close()
tag = subprocess.Popen([bin + "/whosaid-tag", "--stats"], stdin=norm.stdout,
                       stdout=subprocess.PIPE, stderr=err)
norm.stdout.close()
count = last = 0
for line in tag.stdout:
    count += 1
    last = line
rss = {}
for name, p in (("normalize", norm), ("tag", tag)):
    _, status, ru = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit("%s: status %d" % (name, status))
    rss[name] = ru.ru_maxrss
gen.wait()
err.close()
stats = open(os.path.join(tmp, "err")).read()
want = "stats: in %d out %d errors 0 bad_lines 0 duplicate_ids 0" % (n, n)
if count != n or b'"id":"d%d"' % (n - 1) not in last or stats.count(want) != 2:
    sys.exit("%d records out of %d; stderr: %s" % (count, n, stats))
print(rss["normalize"], rss["tag"])
PY
}
small=$(run $((N / 10))) || fail "run of $((N / 10)): $small"
big=$(run "$N") || fail "run of $N: $big"
set -- $small $big
echo "peak RSS KB: normalize $1 -> $3, tag $2 -> $4 ($((N / 10)) -> $N documents)"
[ "$3" -le $(($1 + 2048)) ] || fail "normalize memory grows: $1 KB -> $3 KB"
[ "$4" -le $(($2 + 2048)) ] || fail "tag memory grows: $2 KB -> $4 KB"

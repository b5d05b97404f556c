#!/bin/sh
# SIGTERM in the middle of a run: the stage stops between records, its
# output file holds only whole JSON records (no partial line), and it
# exits with 128 + 15. Checked for normalize and tag, reading a file and
# reading a pipe.
. "$(dirname "$0")/../lib.sh"
python3 - "$TMP/in.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(40000):
        t = ("On Tuesday %d, Finance Minister Ana Silva said prices in Lisbon rose %d.5%% "
             "compared with last year. \u201cIt is a start,\u201d she told Reuters. " % (i, i % 90)) * 3
        f.write(json.dumps({"id": "d%d" % i, "text": t}, ensure_ascii=False) + "\n")
PY
# run_and_term NAME CMD...: starts CMD writing to $TMP/NAME.out, sends SIGTERM
# once some output has been written, checks status and output.
run_and_term() {
    name=$1
    shift
    "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
    pid=$!
    i=0
    while [ ! -s "$TMP/$name.out" ] && [ $i -lt 2400 ]; do sleep 0.05; i=$((i + 1)); done
    [ -s "$TMP/$name.out" ] || { kill -KILL $pid; fail "$name: no output after 120 s"; }
    kill -TERM $pid
    wait $pid
    st=$?
    [ "$st" -eq 143 ] || fail "$name: exit status $st, want 143; stderr: $(cat "$TMP/$name.err")"
    [ -s "$TMP/$name.err" ] && fail "$name: stderr: $(cat "$TMP/$name.err")"
    # Whole lines only: the file ends with a newline and every line parses.
    [ "$(tail -c 1 "$TMP/$name.out" | od -An -c | tr -d ' ')" = '\n' ] || fail "$name: last line cut"
    json_check "$TMP/$name.out" '0 < len(recs) < 40000 and all("id" in r and "text" in r for r in recs)'
}
run_and_term tag-file "$BIN/whosaid-tag" "$TMP/in.jsonl"
run_and_term normalize-file "$BIN/whosaid-normalize" "$TMP/in.jsonl"
# Reading a pipe that stays open: the signal interrupts the blocked read.
mkfifo "$TMP/fifo"
{ head -n 2000 "$TMP/in.jsonl"; exec sleep 30; } >"$TMP/fifo" 2>/dev/null &
feeder=$!
run_and_term tag-pipe "$BIN/whosaid-tag" -u "$TMP/fifo"
kill $feeder 2>/dev/null
exit 0

#!/bin/sh
# bench_floor --write passes every golden record of corpus/ through the
# stages' record loop unchanged: the output must be the input, byte for
# byte, and the read-only mode must count the same records; so with the
# next stage's way of reading (--as: resolve passes tag's records on with
# their spans kept in the parse, claims reads resolve's with spans and
# entities kept).
set -eu
floor=$1
corpus=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One stage's records at a time: ids repeat across stages.
for pair in tag:tag tag:resolve resolve:tag resolve:claims; do
    stage=${pair%%:*} as=${pair#*:}
    cat "$corpus"/*."$stage".jsonl > "$tmp/in.jsonl"
    "$floor" --write --as "$as" "$tmp/in.jsonl" > "$tmp/out.jsonl"
    cmp "$tmp/in.jsonl" "$tmp/out.jsonl"
    "$floor" --as "$as" "$tmp/in.jsonl" > "$tmp/count"
    n=$(wc -l < "$tmp/in.jsonl")
    grep -q "^bench_floor: $n records read, 0 bad lines\$" "$tmp/count" || {
        echo "expected $n records read:"; cat "$tmp/count"; exit 1; }
    echo "ok: $n $stage records passed through unchanged as $as reads them"
done

#!/bin/sh
# bench_floor --write passes every golden record of corpus/ through the
# stages' record loop unchanged: the output must be the input, byte for
# byte, and the read-only mode must count the same records.
set -eu
floor=$1
corpus=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One stage's records at a time: ids repeat across stages.
for stage in tag resolve; do
    cat "$corpus"/*."$stage".jsonl > "$tmp/in.jsonl"
    "$floor" --write "$tmp/in.jsonl" > "$tmp/out.jsonl"
    cmp "$tmp/in.jsonl" "$tmp/out.jsonl"
    "$floor" "$tmp/in.jsonl" > "$tmp/count"
    n=$(wc -l < "$tmp/in.jsonl")
    grep -q "^bench_floor: $n records read, 0 bad lines\$" "$tmp/count" || {
        echo "expected $n records read:"; cat "$tmp/count"; exit 1; }
    echo "ok: $n $stage records passed through unchanged"
done

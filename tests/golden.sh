#!/bin/sh
# Golden test: runs the default chain up to STAGE on corpus/NAME.txt and
# compares with corpus/NAME.STAGE.jsonl. UPDATE_GOLDEN=1 rewrites the file
# instead (review the diff before committing it).
# usage: golden.sh BIN_DIR STAGE NAME
set -eu
bin=$1 stage=$2 name=$3
corpus=$(cd "$(dirname "$0")/../corpus" && pwd)
expected="$corpus/$name.$stage.jsonl"
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
cd "$corpus"
# WHOSAID_WRAP: a command to run the chain under (make test-valgrind).
LC_ALL=C ${WHOSAID_WRAP:-} "$bin/whosaid" --until "$stage" "$name.txt" >"$actual"
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$actual" "$expected"
    echo "updated $expected"
    exit 0
fi
if [ ! -f "$expected" ]; then
    echo "missing golden file $expected (run: make golden)" >&2
    exit 1
fi
diff -u "$expected" "$actual"

#!/bin/sh
# Runs libFuzzer targets for SECONDS each from their seed corpus (read
# only: new inputs go to a scratch corpus under FUZZ_DIR, default
# FUZZ_BIN_DIR/work), FUZZ_JOBS at a time (default 1). Fails if a target
# finds anything; the input is left in FUZZ_DIR/artifacts/ and the log's
# tail printed. A target's dictionary, tests/fuzz/<target>.dict, is used when
# there is one. Prints each run's last libFuzzer status line (executions,
# cov:, ft:).
# usage: run.sh FUZZ_BIN_DIR SECONDS [TARGET...]   (default: every fuzz_* in the dir)
set -eu
bin=$(cd "$1" && pwd)
secs=$2
shift 2
src=$(cd "$(dirname "$0")" && pwd)
work=${FUZZ_DIR:-$bin/work}
jobs=${FUZZ_JOBS:-1}
[ $# -gt 0 ] || set -- $(cd "$bin" && ls fuzz_*)
mkdir -p "$work/artifacts"

one() {
    t=$1
    mkdir -p "$work/$t"
    dict=""
    [ -f "$src/$t.dict" ] && dict="-dict=$src/$t.dict"
    # shellcheck disable=SC2086
    if "$bin/$t" $dict -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$work/artifacts/$t-" \
        "$work/$t" "$src/corpus/$t" >"$work/$t.log" 2>&1; then
        echo 0 >"$work/$t.status"
    else
        echo 1 >"$work/$t.status"
    fi
}

running=0
for t in "$@"; do
    rm -f "$work/$t.status"
    one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait
failed=0
for t in "$@"; do
    if [ "$(cat "$work/$t.status" 2>/dev/null)" = 0 ]; then
        printf '%s: %s\n' "$t" "$(grep -E '^#[0-9]+' "$work/$t.log" | tail -n 1)"
    else
        tail -n 40 "$work/$t.log" >&2
        echo "$t: FAILED (log: $work/$t.log)" >&2
        failed=1
    fi
done
exit $failed

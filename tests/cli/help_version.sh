#!/bin/sh
# Every program's shared options (whosaid_cli_common_option): -h/--help
# prints the usage on stdout and -V/--version the version line, both with
# status 0 (1 when stdout cannot be written); an unknown option prints the
# usage on stderr with status 2 and writes nothing on stdout.
. "$(dirname "$0")/../lib.sh"
for p in whosaid-normalize whosaid-tag whosaid-resolve whosaid-claims whosaid-csv \
         whosaid-xlsx whosaid; do
    for opt in -h --help; do
        "$BIN/$p" $opt > "$TMP/out" 2> "$TMP/err" < /dev/null || fail "$p $opt: status $?"
        head -1 "$TMP/out" | grep -q "^usage: $p " || fail "$p $opt: no usage on stdout"
        [ -s "$TMP/err" ] && fail "$p $opt: wrote on stderr"
    done
    for opt in -V --version; do
        "$BIN/$p" $opt > "$TMP/out" 2> "$TMP/err" < /dev/null || fail "$p $opt: status $?"
        grep -qx "$p (whosaid) [0-9][0-9.]*" "$TMP/out" || fail "$p $opt: $(cat "$TMP/out")"
        [ "$(wc -l < "$TMP/out")" -eq 1 ] || fail "$p $opt: more than the version line"
    done
    "$BIN/$p" --no-such-option > "$TMP/out" 2> "$TMP/err" < /dev/null
    [ $? -eq 2 ] || fail "$p --no-such-option: status not 2"
    [ -s "$TMP/out" ] && fail "$p --no-such-option: wrote on stdout"
    grep -q "^$p: unrecognized option '--no-such-option'" "$TMP/err" || fail "$p: no getopt message"
    grep -q "^usage: $p " "$TMP/err" || fail "$p --no-such-option: no usage on stderr"
    if [ -w /dev/full ]; then
        for opt in -h -V; do
            "$BIN/$p" $opt > /dev/full 2> /dev/null < /dev/null
            [ $? -eq 1 ] || fail "$p $opt > /dev/full: status not 1"
        done
    fi
done
exit 0

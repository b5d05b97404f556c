#!/bin/sh
# The C sources are as clang-format (.clang-format at the top) writes them,
# so a diff shows changes, not re-indentation. `make format` fixes them.
# Skipped (77) where clang-format is not installed.
cd "$1" || exit 1
command -v clang-format >/dev/null 2>&1 || exit 77
clang-format --dry-run --Werror include/whosaid/*.h pipeline/*.c pipeline/lib/*.c \
    pipeline/lib/*.cc tests/*.c tests/*.h tests/fuzz/*.c tests/bench/*.c

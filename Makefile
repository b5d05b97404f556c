# Thin wrapper over CMake: the two commands of the README do all the set-up.
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzzers
VALGRIND_BUILD ?= build-valgrind
FUZZ_SECONDS ?= 30
VALGRIND ?= valgrind -q --trace-children=yes --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CTEST_FLAGS ?= --output-on-failure -j $(JOBS)

.PHONY: all deps test-deps build demo test test-fast test-asan test-valgrind fuzz-smoke bench install format \
	clean golden

all: build

deps:
	@sh scripts/install-deps.sh

test-deps:
	@sh scripts/install-deps.sh --test

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@$(BUILD)/bin/whosaid corpus/

# Every test of the regular build, then again under ASan+UBSan, then a
# short run of each fuzz target.
test: build test-deps
	cd $(BUILD) && ctest $(CTEST_FLAGS)
	$(MAKE) --no-print-directory test-asan
	$(MAKE) --no-print-directory fuzz-smoke

test-fast: build
	cd $(BUILD) && ctest $(CTEST_FLAGS)

test-asan: test-deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Asan -DWHOSAID_SANITIZED=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest $(CTEST_FLAGS)

# Every test under valgrind memcheck (no leaks, no invalid accesses): unit
# tests through CTest's emulator hook, the shell and golden tests through
# WHOSAID_WRAP; PCRE2's JIT is off (valgrind cannot follow it). Left out as
# too slow under valgrind: the 50 MB and many-documents tests and the
# parallel driver's (they run the same stages on more data).
test-valgrind: test-deps
	cmake -S . -B $(VALGRIND_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  "-DCMAKE_CROSSCOMPILING_EMULATOR=$$(echo $(VALGRIND) | tr -s ' ' ';')" >/dev/null
	cmake --build $(VALGRIND_BUILD) -j $(JOBS)
	cd $(VALGRIND_BUILD) && WHOSAID_WRAP="$(VALGRIND)" WHOSAID_NO_JIT=1 \
	  ctest $(CTEST_FLAGS) -E 'huge_line|huge_document|json_arena|many_docs|jobs_identical|parallel_'

# Each libFuzzer target for FUZZ_SECONDS from its seeds (clang, ASan+UBSan).
fuzz-smoke: test-deps
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWHOSAID_FUZZ=ON \
	  -DBUILD_TESTING=OFF >/dev/null
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	FUZZ_JOBS=$(JOBS) sh tests/fuzz/run.sh $(FUZZ_BUILD)/fuzz $(FUZZ_SECONDS)

bench: build
	python3 tests/bench/bench.py --bin $(BUILD)/bin $(BENCH_FLAGS)

install: build
	cmake --install $(BUILD)

format:
	clang-format -i include/whosaid/*.h pipeline/*.c pipeline/lib/*.c pipeline/lib/*.cc tests/*.c tests/*.h tests/fuzz/*.c tests/bench/*.c

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(VALGRIND_BUILD)

# The chain stages that exist (their golden files are corpus/<name>.<stage>.jsonl).
GOLDEN_STAGES = $(patsubst pipeline/%.c,%,$(wildcard pipeline/normalize.c pipeline/tag.c pipeline/resolve.c pipeline/claims.c))

# Rewrites the golden files from the current build: review `git diff corpus/` after.
golden: build
	for f in corpus/*.txt; do n=$$(basename $$f .txt); for s in $(GOLDEN_STAGES); do \
	  UPDATE_GOLDEN=1 sh tests/golden.sh $(CURDIR)/$(BUILD)/bin $$s $$n; done; done

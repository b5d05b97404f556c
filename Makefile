# Thin wrapper over CMake: the two commands of the README do all the set-up.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CTEST_FLAGS ?= --output-on-failure -j $(JOBS)

.PHONY: all deps build demo test test-fast test-asan bench install format clean golden

all: build

deps:
	@sh scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@$(BUILD)/bin/whosaid corpus/

# Every test of the regular build, then again under ASan+UBSan.
test: build
	cd $(BUILD) && ctest $(CTEST_FLAGS)
	$(MAKE) --no-print-directory test-asan

test-fast: build
	cd $(BUILD) && ctest $(CTEST_FLAGS)

test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Asan -DWHOSAID_SANITIZED=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest $(CTEST_FLAGS)

bench: build
	python3 tests/bench/bench.py --bin $(BUILD)/bin

install: build
	cmake --install $(BUILD)

format:
	clang-format -i include/whosaid/*.h pipeline/*.c pipeline/lib/*.c tests/*.c

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)

# The chain stages that exist (their golden files are corpus/<name>.<stage>.jsonl).
GOLDEN_STAGES = $(patsubst pipeline/%.c,%,$(wildcard pipeline/normalize.c pipeline/tag.c pipeline/resolve.c pipeline/claims.c))

# Rewrites the golden files from the current build: review `git diff corpus/` after.
golden: build
	for f in corpus/*.txt; do n=$$(basename $$f .txt); for s in $(GOLDEN_STAGES); do \
	  UPDATE_GOLDEN=1 sh tests/golden.sh $(CURDIR)/$(BUILD)/bin $$s $$n; done; done

# Thin wrapper around CMake. `make demo` and `make check` are all a newcomer types.
BUILD   ?= build
PREFIX  ?= /usr/local
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

# Debian packages the build needs (DESIGN.md section 2), and the ones only the tests need
# (chromium and a font it only recommends, and html5lib, check the html report).
BUILD_PACKAGES = g++ cmake make pkg-config libcli11-dev libtomlplusplus-dev libfmt-dev \
  libhowardhinnant-date-dev tzdata nlohmann-json3-dev scdoc
TEST_PACKAGES = catch2 git ledger bash zsh fish python3 util-linux \
  chromium fonts-dejavu-core python3-html5lib
# libFuzzer comes with clang's runtime libraries.
FUZZ_PACKAGES = clang libclang-rt-14-dev

.PHONY: all deps test-deps configure build check demo bench fuzz install clean

all: build

deps:
	@sh tools/install-deps.sh $(BUILD_PACKAGES)

test-deps: deps
	@sh tools/install-deps.sh $(TEST_PACKAGES)

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS)

configure: $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The whole build, tests included; a run in which ctest finds no test fails.
check: test-deps
	cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=$(PREFIX) -DBALANCE_TESTS=ON $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure --no-tests=error -j $(JOBS)

# Only what the demo runs: the report, the front door and the man pages, no test suite. It also
# writes the example couple's html report into the build tree and prints its path.
demo: deps
	cmake -S . -B $(BUILD) -DCMAKE_INSTALL_PREFIX=$(PREFIX) -DBALANCE_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS) --target balance balance-report balance-checkin balance-ledger balance-boundaries balance-remind man
	@sh examples/demo.sh $(BUILD)/bin $(BUILD)/demo

# Timings on a generated repository, side by side with ledger-cli: a Release build of the tools,
# repositories generated once into $(BENCH_BUILD)/bench. `make bench BENCH_FLAGS=--quick` is the
# CI smoke (one year, fails only when a command fails); BENCH_FLAGS=--huge adds 100 years.
BENCH_BUILD ?= build-release
BENCH_FLAGS ?=
bench: deps
	@sh tools/install-deps.sh ledger python3
	cmake -S . -B $(BENCH_BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)
	cmake --build $(BENCH_BUILD) -j $(JOBS) --target balance balance-report balance-checkin balance-ledger balance-boundaries balance-remind
	python3 tests/bench/run.py --bin $(BENCH_BUILD)/bin --work $(BENCH_BUILD)/bench $(BENCH_FLAGS)

# libFuzzer targets (tests/fuzz) built with clang, each run on a copy of its seed corpus for its
# share of FUZZ_SECONDS; any crash, leak, timeout (FUZZ_TIMEOUT seconds for one input) or OOM fails.
# Crash inputs land in $(FUZZ_BUILD)/artifacts/; new coverage stays in the copied corpora.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TIMEOUT ?= 10
FUZZ_TARGETS = fuzz_record_file fuzz_settings fuzz_grammar fuzz_import fuzz_merge
fuzz: deps
	@sh tools/install-deps.sh $(FUZZ_PACKAGES)
	cmake -S . -B $(FUZZ_BUILD) -DBALANCE_FUZZ=ON -DBALANCE_TESTS=OFF -DCMAKE_CXX_COMPILER=clang++ $(CMAKE_FLAGS)
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(FUZZ_TARGETS)
	@share=$$(( $(FUZZ_SECONDS) / $(words $(FUZZ_TARGETS)) )); [ $$share -ge 1 ] || share=1; \
	mkdir -p $(FUZZ_BUILD)/artifacts; \
	for t in $(FUZZ_TARGETS); do \
	  rm -rf $(FUZZ_BUILD)/corpus/$$t; mkdir -p $(FUZZ_BUILD)/corpus; \
	  cp -R tests/fuzz/corpus/$$t $(FUZZ_BUILD)/corpus/$$t; \
	  echo "fuzz: $$t for $$share s"; \
	  $(FUZZ_BUILD)/bin/$$t -max_total_time=$$share -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$t- $(FUZZ_BUILD)/corpus/$$t 2> $(FUZZ_BUILD)/$$t.log \
	    || { tail -n 60 $(FUZZ_BUILD)/$$t.log; echo "fuzz: $$t crashed; the input is in $(FUZZ_BUILD)/artifacts/" >&2; exit 1; }; \
	  grep -h '^Done [0-9]* runs' $(FUZZ_BUILD)/$$t.log || true; \
	done

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD)

# Makefile: the usual commands over CMake. A newcomer on a fresh Debian machine types `make run`
# and `make test`; `make deps` installs what is missing (as root) or prints the one line to run.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= 2
PREFIX     ?= /usr/local
CMAKE      ?= cmake
CTEST      ?= ctest

DEB_PACKAGES := cmake gcc libc6-dev make pkg-config libpcre2-dev libjansson-dev libcmocka-dev gnuplot-nox python3

.PHONY: all deps configure build run test asan install clean format fuzz valgrind bench bench-peers tsan

all: build

deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q 'install ok installed' \
	        || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update && apt-get install -y --no-install-recommends $$missing; \
	else \
	    echo "missing Debian packages; run: sudo apt-get install -y --no-install-recommends$$missing" >&2; \
	    exit 1; \
	fi

$(BUILD)/CMakeCache.txt: | deps
	$(CMAKE) -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=$(PREFIX)

configure: deps
	$(CMAKE) -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=$(PREFIX)

build: deps $(BUILD)/CMakeCache.txt
	$(CMAKE) --build $(BUILD) -j$(JOBS)

run: build
	./$(BUILD)/chronicle extract samples/kerry-iran-2014-12-03.txt
	./$(BUILD)/chronicle timeline --format text samples/kerry-iran-2014-12-03.txt
	./$(BUILD)/chronicle timeline -o $(BUILD)/kerry-iran-2014-12-03.timeline.json samples/kerry-iran-2014-12-03.txt
	./$(BUILD)/chronicle render --title 'Kerry on Iran (HuffPost, 2014-12-03)' \
	    -o $(BUILD)/kerry-iran-2014-12-03.png $(BUILD)/kerry-iran-2014-12-03.timeline.json
	@echo "timeline: $(BUILD)/kerry-iran-2014-12-03.timeline.json  chart: $(BUILD)/kerry-iran-2014-12-03.png"
	@echo; echo "== Several articles: samples/jobs-2011/ (three WikiNews articles), the story of Steve Jobs"
	./$(BUILD)/chronicle timeline --entity 'Steve Jobs' --format text samples/jobs-2011
	@echo; echo "== The three articles compared"
	./$(BUILD)/chronicle compare --format text samples/jobs-2011
	./$(BUILD)/chronicle timeline -o $(BUILD)/jobs-2011.timeline.json samples/jobs-2011
	./$(BUILD)/chronicle compare --format json -o $(BUILD)/jobs-2011.compare.json samples/jobs-2011
	./$(BUILD)/chronicle render --lanes article --from 2011-01 --to 2011-10 \
	    --title 'Steve Jobs in 2011: three WikiNews articles, one lane each' \
	    -o $(BUILD)/jobs-2011.png samples/jobs-2011/*.txt
	@echo "merged timeline: $(BUILD)/jobs-2011.timeline.json  comparison: $(BUILD)/jobs-2011.compare.json  chart: $(BUILD)/jobs-2011.png"

# the distributed-run tests (tests/cli/scale_*.sh) need Dask distributed and GNU parallel
test: DEB_PACKAGES += python3-distributed parallel wordnet-base
test: build
	$(CTEST) --test-dir $(BUILD) --output-on-failure -j$(JOBS)

asan: DEB_PACKAGES += parallel
asan: deps
	$(CMAKE) -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCHRONICLE_SANITIZE=ON
	$(CMAKE) --build $(ASAN_BUILD) -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    $(CTEST) --test-dir $(ASAN_BUILD) --output-on-failure -j$(JOBS)

# libFuzzer targets (clang), each run for FUZZ_SECONDS from its own seeds: fuzz_NAME takes the files
# fuzz/seeds/NAME-* (copied to build-fuzz/seeds/NAME) and the dictionary fuzz/fuzz_NAME.dict if there is
# one; what it finds new is kept in build-fuzz/corpus/fuzz_NAME. A finding (crash, leak, timeout, out of
# memory) fails the target and leaves its input in build-fuzz/ as crash-*, leak-*, timeout-* or oom-*
# (turn it into a regression test and a seed).
# FUZZ_RUNS=N instead runs each target for N inputs with a fixed seed from its seeds alone, so that a
# run is the same everywhere (CI uses it: what passes here passes there).
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=
ifeq ($(FUZZ_RUNS),)
FUZZ_LIMIT = -max_total_time=$(FUZZ_SECONDS)
FUZZ_CORPUS = corpus/$$name
else
FUZZ_LIMIT = -runs=$(FUZZ_RUNS) -seed=1
FUZZ_CORPUS = fresh/$$name
endif
fuzz: DEB_PACKAGES += clang libclang-rt-14-dev
fuzz: deps
	CC=clang $(CMAKE) -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHRONICLE_FUZZ=ON -DCHRONICLE_TESTS=OFF
	$(CMAKE) --build $(FUZZ_BUILD) -j$(JOBS)
	set -e; for f in $(FUZZ_BUILD)/fuzz_*; do \
	    [ -f "$$f" ] && [ -x "$$f" ] || continue; \
	    name=$$(basename "$$f"); kind=$${name#fuzz_}; \
	    rm -rf "$(FUZZ_BUILD)/seeds/$$kind" "$(FUZZ_BUILD)/fresh/$$name"; \
	    mkdir -p "$(FUZZ_BUILD)/seeds/$$kind" "$(FUZZ_BUILD)/corpus/$$name" "$(FUZZ_BUILD)/fresh/$$name"; \
	    for s in fuzz/seeds/$$kind-*; do [ -f "$$s" ] && cp "$$s" "$(FUZZ_BUILD)/seeds/$$kind/"; done; \
	    dict=; [ -f "fuzz/$$name.dict" ] && dict="-dict=$(CURDIR)/fuzz/$$name.dict"; \
	    echo "== $$name ($(FUZZ_LIMIT), $$(ls "$(FUZZ_BUILD)/seeds/$$kind" | wc -l) seeds)"; \
	    (cd $(FUZZ_BUILD) && ASAN_OPTIONS=detect_leaks=1 ./$$name $(FUZZ_LIMIT) \
	        -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 $$dict \
	        $(FUZZ_CORPUS) seeds/$$kind); \
	done

# valgrind memcheck over a representative set of commands (tests/valgrind/run.sh): any memory error or
# definite or indirect leak fails. Its own build, without PCRE2 JIT (valgrind cannot follow JIT code).
VALGRIND_BUILD ?= build-valgrind
valgrind: DEB_PACKAGES += valgrind
valgrind: deps
	$(CMAKE) -S . -B $(VALGRIND_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHRONICLE_JIT=OFF -DCHRONICLE_TESTS=OFF
	$(CMAKE) --build $(VALGRIND_BUILD) -j$(JOBS) --target chronicle_cli
	CHRONICLE=$(VALGRIND_BUILD)/chronicle bash tests/valgrind/run.sh

# ThreadSanitizer over the threaded code (extract -j N): the -j tests, then a corpus-sized stream with 4
# threads (tests/tsan/run.sh). Any data race fails.
TSAN_BUILD ?= build-tsan
tsan: deps
	$(CMAKE) -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHRONICLE_TSAN=ON
	$(CMAKE) --build $(TSAN_BUILD) -j$(JOBS)
	TSAN_OPTIONS=halt_on_error=1:abort_on_error=1 $(CTEST) --test-dir $(TSAN_BUILD) --output-on-failure -R 'cli\.(jobs|jsonl)$$'
	TSAN_OPTIONS=halt_on_error=1 CHRONICLE=$(TSAN_BUILD)/chronicle bash tests/tsan/run.sh

# The speed benchmark (bench/bench.py): a program that prints figures, not a test. BENCH_ARGS are passed
# on (e.g. BENCH_ARGS="--size 100M --repeat 3 --callgrind"). The chrono-node peer is run when
# `make bench-peers` has installed it into bench/node_modules (.gitignored); without it, bench says so.
BENCH_ARGS ?=
bench: build
	python3 bench/bench.py --chronicle $(BUILD)/chronicle $(BENCH_ARGS)

bench-peers:
	@command -v npm >/dev/null || { echo "npm not found (apt-get install npm)"; exit 1; }
	npm install --prefix bench --no-save --no-audit --no-fund chrono-node@2

install: build
	$(CMAKE) --install $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(VALGRIND_BUILD) $(TSAN_BUILD)

format:
	@command -v clang-format >/dev/null || { echo "clang-format not found (apt-get install clang-format)"; exit 1; }
	find cli extract timeline render include tests fuzz bench -name '*.[ch]' -print0 | xargs -0r clang-format -i

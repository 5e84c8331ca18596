# Plateau — top-level commands. `make run` and `make test` work on a fresh Debian 12 machine as root.
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
DATA_DIR ?= data/run
PYTEST ?= /usr/bin/python3 -m pytest
# The SIP and browser suites mostly wait on timers and the network: their tests run in parallel workers
# (pytest-xdist), each with its own Plateau on its own ports.
TEST_WORKERS ?= 4
# ccache hits across checkouts (CI clones into a fresh directory each time).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all setup build build-asan web run test test-unit test-sip test-web test-asan bench bench-acd bench-ivr bench-crm bench-cti bench-report clean

all: build

setup:
	@scripts/setup.sh

build: setup
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j $(JOBS)
	@$(MAKE) --no-print-directory web/dist/index.html

# The web agent desktop (web/, npm), rebuilt into web/dist when its sources change; Plateau serves it at /.
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/package.json \
               web/package-lock.json web/vite.config.ts web/tsconfig.json
web: setup
	@$(MAKE) --no-print-directory web/dist/index.html

web/dist/index.html: $(WEB_SOURCES)
	cd web && npm run build
	@touch $@

build-asan: setup
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPLATEAU_SANITIZE=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)

# Builds and starts Plateau on its embedded default (SQLite and recordings under $(DATA_DIR)); the agent
# desktop is at http://localhost:8080/ (docs/DESKTOP.md).
run: build
	$(BUILD)/src/app/plateau serve --data-dir $(DATA_DIR)

test-unit: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

test-sip: build
	PLATEAU_BIN=$(abspath $(BUILD))/src/app/plateau $(PYTEST) -q -n $(TEST_WORKERS) tests/sip

# The agent desktop in headless Chromium (Debian's chromium driven by playwright-core), against a real Plateau.
test-web: build
	PLATEAU_BIN=$(abspath $(BUILD))/src/app/plateau $(PYTEST) -q -n $(TEST_WORKERS) tests/web

# The sanitizer build runs the unit tests and the SIP call-flow tests.
test-asan: build-asan
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS) -L unit
	PLATEAU_BIN=$(abspath $(ASAN_BUILD))/src/app/plateau PLATEAU_SANITIZED=1 $(PYTEST) -q -n $(TEST_WORKERS) tests/sip -m "not slow"

test: test-unit test-sip test-web test-asan

bench: build
	bench/run.sh

# ACD routing decisions from 100 to 10,000 agents, with a naive scan beside (bench/README.md). Builds only the
# benchmark (same build directory and type as `make build`); options: make bench-acd ACD_BENCH_ARGS="--agents 10000".
ACD_BENCH_ARGS ?=
bench-acd: setup
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j $(JOBS) --target plateau-acd-bench
	$(BUILD)/bench/acd/plateau-acd-bench $(ACD_BENCH_ARGS)

# IVR interpreter steps per second, memory per live session and flow parsing (bench/README.md). Builds only the
# benchmark; options: make bench-ivr IVR_BENCH_ARGS="--sessions 1000000 --by-path". Callers in IVR flows over
# SIP (sipp): bench/ivr.sh RATE CALLS HOLD_S after `make build`.
IVR_BENCH_ARGS ?=
bench-ivr: setup
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j $(JOBS) --target plateau-ivr-bench
	$(BUILD)/bench/ivr/plateau-ivr-bench $(IVR_BENCH_ARGS)

# Screen-pop look-ups with a million customers in SQLite, with wrk (bench/README.md); options:
# make bench-crm CRM_BENCH_ARGS="200000 10 16" (customers, seconds, connections).
CRM_BENCH_ARGS ?= 1000000 20 16
bench-crm: build
	bench/crm/screenpop.sh $(CRM_BENCH_ARGS)

# CTI event fan-out: 1,000 WebSocket clients while agent state changes at 1.2, 12 and 120 per second; latency from
# the core to the clients and Plateau's CPU (bench/README.md). Other runs: bench/cti.sh RATE CLIENTS SUPERVISORS
# AGENTS SECONDS after building plateau and plateau-cti-bench.
bench-cti: setup
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j $(JOBS) --target plateau plateau-cti-bench
	for rate in 1.2 12 120; do bench/cti.sh $$rate 1000 10 160 30; done

# KPI reports over 10 million contact events in SQLite (a 70-position site, several queues, a month and more):
# a month by quarter hour for all queues, time and peak memory (bench/README.md). The database is generated once
# (REPORT_BENCH_DB, about 2.5 GB) and kept for later runs.
REPORT_BENCH_DB ?= /tmp/plateau-report-bench.db
bench-report: setup
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j $(JOBS) --target plateau-report-bench
	test -f $(REPORT_BENCH_DB) || $(BUILD)/bench/report/plateau-report-bench generate --db $(REPORT_BENCH_DB) --events 10000000
	$(BUILD)/bench/report/plateau-report-bench report --db $(REPORT_BENCH_DB) --from 2026-03-01 --to 2026-03-31 --interval 15m --by queue
	$(BUILD)/bench/report/plateau-report-bench report --db $(REPORT_BENCH_DB) --from 2026-03-09 --to 2026-03-15 --interval 15m --by queue

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)

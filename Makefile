# The front door: `make run` and `make test` do all the set-up a fresh machine needs.
SWIFT ?= swift
CONFIG ?= release
DATA ?= .vendor/data/GOOG.csv

.PHONY: setup build run backtest test lint fmt bench clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c $(CONFIG) --product aitrader

run: build
	$(SWIFT) run -c $(CONFIG) aitrader run $(ARGS)

backtest: build
	$(SWIFT) run -c $(CONFIG) aitrader backtest --data $(DATA) --strategy sma-cross --fast 10 --slow 20 --cash 10000 --commission 0.002

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Benchmarks

fmt:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests Benchmarks

# The tests that start `aitrader` processes (ComponentProcessTests, BrokerFaultTests) run after
# the rest, alone: beside the parallel suite their processes would starve it of the two cores.
PROCESS_TESTS = ComponentProcessTests|BrokerFaultTests
test: setup lint
	bash scripts/mcp_venv.sh
	AITRADER_VENDOR_DIR=$(CURDIR)/.vendor bash scripts/test_servers.sh run bash -c \
	  "$(SWIFT) test --skip '$(PROCESS_TESTS)' && $(SWIFT) test --skip-build --filter '$(PROCESS_TESTS)'"

bench: setup
	$(SWIFT) run -c release TradingCoreBenchmarks --data $(DATA)

clean:
	rm -rf .build

# The index of what can be done here. Every target installs what it needs first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
export RASA_TELEMETRY_ENABLED := false
export PYTHONDONTWRITEBYTECODE := 1
export PYTHONWARNINGS := ignore

.PHONY: install train run test lint bench clean

install:            ## create .venv from the lock and the widget bundle from web/ (no-op when up to date)
	@scripts/install.sh
	@scripts/install_web.sh

train: install      ## train models/imnm.tar.gz when data, config or extractor changed
	@$(PY) -m scripts.train_if_stale

run: train          ## start the action server and Rasa (REST on :5005); Ctrl-C stops both
	@scripts/run.sh

test: install       ## the whole suite: engine, extractor, knowledge, dialogue, REST end-to-end
	@scripts/install_system_deps.sh
	@$(PY) -m scripts.train_if_stale
	@$(PY) -m pytest

lint: install
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/lint-imports --no-cache

bench: train        ## engine/NLU micro-benchmarks, then this bot vs a stock `rasa init` bot (not part of make test)
	@$(PY) -m scripts.bench_engine
	@$(PY) -m scripts.bench_nlu
	@$(PY) -m scripts.bench_cds --http
	@$(PY) -m scripts.bench_compare --json results/bench-compare.json

clean:
	rm -rf $(VENV) models/*.tar.gz models/*.fingerprint

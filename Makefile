# Balai: the two commands are `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.terpasang

.PHONY: demo test bench audit lock clean

# A virtual environment from the hash-pinned lock, then the project itself (pip cannot hash an editable install).
$(STAMP): requirements.lock pyproject.toml examples/balai-adat/pyproject.toml examples/nagari-percontohan/pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Balai butuh Python 3.11 atau lebih baru") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e examples/balai-adat
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e examples/nagari-percontohan
	touch $(STAMP)

## Run the demo nagari on http://127.0.0.1:8000 (SQLite in ./data)
demo: $(STAMP)
	$(BIN)/balai demo

## Run the whole test suite (SQLite and PostgreSQL, browser tests, security suites, import contracts) on every core
test: $(STAMP)
	$(BIN)/pytest -n auto --dist loadfile

## Run the benchmark suite against a real server
bench: $(STAMP)
	$(BIN)/python -m bench

## Known vulnerabilities in the locked dependencies (needs PyPI's JSON API; says so when it cannot reach it)
audit: $(STAMP)
	$(BIN)/python .ci/audit

## Re-pin the dependencies (needs uv): hashes, no index URLs
lock:
	uv pip compile pyproject.toml --extra dev --extra hub --generate-hashes --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf $(VENV) data

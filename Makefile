# hpcbot: `make run` starts the product on its embedded defaults, `make test` runs every test.
# Both set up (or reuse) the virtual environment first; torch comes first, pinned to the CPU
# wheel, because any other torch requirement would pull a multi-GB CUDA build.

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: install run test lint format bench clean

install: $(STAMP)

$(STAMP): pyproject.toml scripts/install.sh
	PYTHON=$(PYTHON) scripts/install.sh $(VENV)  # the same steps as the Dockerfile
	rm -f $(VENV)/.installed-*
	touch $@

run: install
	$(BIN)/hpcbot serve  # no Slack tokens: a local Slack sandbox at http://127.0.0.1:3000

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/hadolint Dockerfile

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/retrieval_bench.py
	$(BIN)/python bench/fit_bench.py

clean:
	rm -rf $(VENV) build *.egg-info

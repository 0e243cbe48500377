# Nuri's developer interface. The two commands most people need:
#   make run    install, train if needed, serve on http://127.0.0.1:8000
#   make test   install, train if needed, run the whole test suite

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
# Datasette runs in uv's own tool environment: never one of Nuri's dependencies.
DATASETTE_VERSION := 0.65.5
# pip-audit and bandit also run in uv's tool environments (make audit), never in .venv.
PIP_AUDIT_VERSION := 2.10.1
BANDIT_VERSION := 1.9.4
HOST ?= 127.0.0.1
PORT ?= 8000

# Rasa 3.6 runs on Python 3.10 and no newer. Take PYTHON if given, else the first
# python3.10 that really runs: on PATH, then pyenv's versions, then the usual places.
PYTHON ?= $(shell for p in python3.10 $$(pyenv root 2>/dev/null)/versions/3.10.*/bin/python3.10 \
	$$HOME/.pyenv/versions/3.10.*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { echo "$$p"; break; }; \
	done)

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
# Rasa 3.6's pinned dependencies print deprecation notices that bury real output.
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONWARNINGS := ignore::DeprecationWarning

.PHONY: help
help:  ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements-dev.lock pyproject.toml Makefile
	@if [ -z "$(PYTHON)" ]; then \
		echo "Nuri needs Python 3.10 (Rasa 3.6 supports no newer Python) and found none."; \
		echo "Install it (for example 'pyenv install 3.10' or 'apt-get install python3.10 python3.10-venv')"; \
		echo "or point to it: make $(MAKECMDGOALS) PYTHON=/path/to/python3.10"; \
		exit 1; fi
	@echo "==> Creating $(VENV) with $(PYTHON)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	@echo "==> Installing the pinned dependencies from requirements-dev.lock"
	@$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements-dev.lock
	@# Bytecode now, once: where PYTHONDONTWRITEBYTECODE is set (this machine kind, the Docker
	@# image) Python never writes it, and every worker compiled Rasa and TensorFlow from
	@# source at each start (docs/benchmarks.md). compileall also fills an older .venv.
	@echo "==> Compiling the dependencies' bytecode"
	@$(BIN)/python -m compileall -q -j 0 $(VENV)/lib/python3.10/site-packages >/dev/null
	@# Nuri itself, editable and without dependencies: the lock already has them.
	@$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $@

.PHONY: install
install: $(VENV)/.installed  ## Create .venv and install the locked dependencies

.PHONY: train
train: install  ## Train the Rasa model unless one for the current training data exists
	@$(BIN)/python -m chatbot train

.PHONY: run
run: train  ## Serve Nuri with gunicorn on http://$(HOST):$(PORT)
	@mkdir -p var
	@echo "==> Serving Nuri on http://$(HOST):$(PORT) (Ctrl-C stops)"
	@NURI_BIND=$(HOST):$(PORT) exec $(BIN)/gunicorn --config gunicorn.conf.py 'web:create_app()'

.PHONY: browser
browser:  ## Install Debian's Chromium for the browser tests, if missing
	@command -v chromium >/dev/null 2>&1 || { \
		echo "==> Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null; }

.PHONY: test
test: validate train browser  ## Run the whole test suite (unit, model, API, browser, eval gate)
	@$(BIN)/python -m pytest

.PHONY: validate
validate: install  ## rasa data validate + Nuri's own content checks
	@# Nuri uses Rasa for NLU only, so Rasa's notes about stories and rules are noise.
	@out=$$(mktemp); status=0; \
	$(BIN)/rasa data validate --data training_data/data --domain training_data/domain.yml \
		--config training_data/config.yml >$$out 2>&1 || status=$$?; \
	grep -v -E "not used in any story|^\s*(warnings\.warn|More info)|^\s*$$" $$out; \
	rm -f $$out; exit $$status
	@$(BIN)/python -m chatbot validate

.PHONY: eval
eval: train  ## Real-message benchmark and held-out sets; writes docs/eval/
	@$(BIN)/python -m chatbot eval

.PHONY: dev
dev: train  ## Development set (benchmarks/dev/): figures and every miss (ONLY='round7_*' for one round)
	@$(BIN)/python -m chatbot dev $(if $(ONLY),--only '$(ONLY)')

.PHONY: cross-validate
cross-validate: train  ## make eval plus 3-fold cross-validation (about an hour on 2 cores)
	@$(BIN)/python -m chatbot eval --cross-validation --folds 3

.PHONY: lint
lint: install  ## ruff check, ruff format --check, hadolint
	@$(BIN)/ruff check chatbot web tests benchmarks
	@$(BIN)/ruff format --check chatbot web tests benchmarks
	@$(BIN)/hadolint Dockerfile

.PHONY: audit
audit: install  ## bandit on our code, pip-audit on both locks (docs/security.md)
	@# Tools run from uv's tool environments: nothing is added to .venv or the locks.
	@# Bandit fails only on findings not in docs/bandit-baseline.json (reviewed ones);
	@# --strict makes pip-audit fail when it could not check a package (no service).
	@status=0; \
	echo "==> bandit $(BANDIT_VERSION) on chatbot/ and web/ (new findings only)"; \
	$(BIN)/uv tool run --python $(BIN)/python --from bandit==$(BANDIT_VERSION) \
		bandit -r chatbot web -q -b docs/bandit-baseline.json || status=1; \
	for lock in requirements.lock requirements-dev.lock; do \
		echo "==> pip-audit $(PIP_AUDIT_VERSION) on $$lock"; \
		$(BIN)/uv tool run --python $(BIN)/python --from pip-audit==$(PIP_AUDIT_VERSION) \
			pip-audit -r $$lock --no-deps --disable-pip --strict --progress-spinner off \
			|| status=1; \
	done; \
	exit $$status

.PHONY: bench
bench: train  ## Measure install-free figures: model load, parse latency, worker RSS
	@$(BIN)/python benchmarks/run.py

.PHONY: bench-serve
bench-serve: train  ## Nuri vs rasa run under load at 2-32 clients, then a 5-minute soak (~12 min)
	@$(BIN)/python benchmarks/serve.py

.PHONY: datasette
datasette: install  ## Browse the log in Datasette, from its own tool environment
	@test -f $(or $(NURI_DATABASE),var/nuri.db) || { echo "No log at $(or $(NURI_DATABASE),var/nuri.db) yet: run make run first."; exit 1; }
	$(BIN)/uv tool run --from datasette==$(DATASETTE_VERSION) datasette serve \
		$(or $(NURI_DATABASE),var/nuri.db) --metadata docs/datasette/metadata.json --port 8001

.PHONY: lock
lock: install  ## Re-pin requirements*.lock from pyproject.toml
	$(BIN)/uv pip compile --python-version 3.10 pyproject.toml -o requirements.lock \
		--custom-compile-command "make lock"
	$(BIN)/uv pip compile --python-version 3.10 pyproject.toml --extra dev -o requirements-dev.lock \
		--custom-compile-command "make lock"

.PHONY: clean
clean:  ## Remove the virtual environment, models and local data
	rm -rf $(VENV) models var .pytest_cache

# lrcg — `make test` and `make figures` are the two entry points (see README).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PROFILE ?= paper
export LRCG_DATA_DIR ?= $(abspath ../shared/data)
PYTEST_ARGS ?=
# Without an NVIDIA GPU, the CPU build of torch (this pin resolves to a local +cpu wheel on our machines);
# with one, whatever torch pip picks. Override: make test TORCH_SPEC="torch==2.5.1".
TORCH_SPEC ?= $(if $(shell command -v nvidia-smi),torch,torch==2.13.0)

.PHONY: venv toolchains test test-fast figures bench clean strip-notebooks

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q "$(TORCH_SPEC)"
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

venv: $(VENV)/.installed

# Installs the language toolchains where we can (root on Debian); elsewhere `lrcg doctor` says what is missing.
toolchains:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then bash scripts/install-toolchains.sh; \
	else echo "toolchains: not root on Debian; install what 'lrcg doctor' lists as missing"; fi

# toolchains first: g++ builds llama-cpp-python (a dev dependency) when the venv is installed
test: toolchains venv
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: venv
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

figures: venv
	$(BIN)/lrcg reproduce --profile $(PROFILE)

bench: toolchains venv
	$(BIN)/python benchmarks/run_all.py $(BENCH)

strip-notebooks: venv
	$(BIN)/nbstripout notebooks/*.ipynb
	$(BIN)/python scripts/normalize_notebooks.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info

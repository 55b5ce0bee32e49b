# docproc — the two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SAMPLE := samples/tiny/a01_salaried_clean

.PHONY: setup demo test test-all lint serve clean

$(STAMP): pyproject.toml scripts/bootstrap.sh
	bash scripts/bootstrap.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	$(PY) -c "import pathlib, site; pathlib.Path(site.getsitepackages()[0], 'docproc-checkout.pth').write_text(str(pathlib.Path.cwd()) + '\n')"  # samples/ (not in the wheel) importable
	touch $(STAMP)

setup: $(STAMP)

demo: setup  ## a demo account and two sample applicants (one ready, one with planted problems), then serve
	DOCPROC_ENV=development $(VENV)/bin/docproc demo
	@echo "open http://127.0.0.1:$${PORT:-8000}/ and sign in as demo / demo-pass-2026 (the sign-in page says so too)"
	DOCPROC_ENV=development $(VENV)/bin/docproc serve --port $${PORT:-8000}

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy docproc web worker.py  # extractors/ and validators/ as docproc.extractors, docproc.validators

test: lint  ## lint, type-check and run the default (fast) test set
	$(VENV)/bin/pytest -q

test-all: lint  ## also the slow set (full corpus)
	$(VENV)/bin/pytest -q -m ''

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache

# The two commands of the README: `make build` and `make test`.
# Both set up everything a fresh Debian machine with Python needs.

VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_STAMP := $(VENV)/.system-deps
# Libraries WeasyPrint loads, fonts for the PDFs, Chromium for the browser tests.
# fonts-noto-color-emoji: emoji in content print as emoji (fontconfig falls back to it), not as boxes.
RUNTIME_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2 \
	fonts-noto-color-emoji
# age and ssh-keygen (openssh-client) make and open the real keys of the sealing and signing tests.
TEST_PACKAGES := chromium git poppler-utils age openssh-client
# The outside checkers of `make audit`: the Nu HTML Checker (vnu.jar) runs on Java; npm installs it and axe-core.
AUDIT_PACKAGES := default-jre-headless
NPM_STAMP := node_modules/.installed

.PHONY: build test audit check setup lint bench clean system-deps test-system-deps audit-deps docs dist

# The example is built from a repository with the history a real one has (example/history.py):
# tagged releases, and feedback committed by its givers.
build: setup
	$(BIN)/python example/history.py -- --all-versions

test: setup test-system-deps audit-deps lint
	$(BIN)/pytest -n 2

# Nu HTML Checker on every page, axe-core on every page type (light/dark, 1280/390 px), pdfinfo.
audit: setup test-system-deps audit-deps
	$(BIN)/pytest -n 2 -m audit tests/audit

check: setup
	$(BIN)/handbook check

# The documentation site (build/docs/): reference pages generated from the code, then MkDocs in strict mode.
docs: setup
	$(BIN)/python docs/gen_reference.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --quiet -f docs.mkdocs.yml

# The sdist and wheel a company installs (dist/).
dist: setup
	$(BIN)/pip wheel --quiet --no-deps --wheel-dir dist .

# ruff for style; mypy checks the types (strictly in the stages that decide a verdict: model, read, assess).
lint: setup
	$(BIN)/ruff check generator tests bench docs
	$(BIN)/mypy generator

bench: setup test-system-deps
	$(BIN)/python bench/site.py
	$(BIN)/python bench/portfolio.py
	$(BIN)/python bench/workflow.py
	$(BIN)/python bench/reports.py
	$(BIN)/python bench/reminders.py
	$(BIN)/python bench/scale.py --people 100 --build-people 10 --repeat 1
	$(BIN)/python bench/provenance.py
	$(BIN)/python bench/scope.py

setup: $(STAMP) system-deps

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Installs Debian packages only when one is missing, so repeated runs stay fast.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

system-deps:
	$(call apt_install,$(RUNTIME_PACKAGES))

test-system-deps:
	$(call apt_install,$(RUNTIME_PACKAGES) $(TEST_PACKAGES))

audit-deps: $(NPM_STAMP)
	$(call apt_install,$(AUDIT_PACKAGES))

# npm comes with Node.js; Debian's npm package is installed only when there is no npm at all.
$(NPM_STAMP): package.json package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; \
	fi
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site build .example .pytest_cache node_modules

# The two commands of the README: `make build` and `make test`.
# Both set up everything a fresh Debian machine with Python needs.

VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_STAMP := $(VENV)/.system-deps
# Libraries WeasyPrint loads, fonts for the PDFs, Chromium for the browser tests.
RUNTIME_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2
TEST_PACKAGES := chromium git poppler-utils

.PHONY: build test check setup lint bench clean system-deps test-system-deps

build: setup
	$(BIN)/handbook build

test: setup test-system-deps
	$(BIN)/pytest -n 2

check: setup
	$(BIN)/handbook check

lint: setup
	$(BIN)/ruff check generator tests bench

bench: setup test-system-deps
	$(BIN)/python bench/site.py
	$(BIN)/python bench/portfolio.py
	$(BIN)/python bench/workflow.py
	$(BIN)/python bench/reminders.py

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

clean:
	rm -rf site build .pytest_cache

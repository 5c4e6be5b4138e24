# Every target makes .venv on first use: a new machine needs only python3 (>= 3.11) and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run demo test bench lint format dist deb clean translations screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/selfdata-wallet

demo: $(STAMP)
	$(BIN)/selfdata-wallet --demo

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the French catalogue from every tr() in ui/, then compile it (Qt Linguist edits the .ts).
# English needs a catalogue only for plural forms ("%n trip(s)": "1 trip", "5 trips").
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -locations none -no-obsolete $$(find ui -name '*.py' | sort) -ts resources/i18n/selfdata_fr.ts
	$(BIN)/pyside6-lupdate -locations none -no-obsolete -pluralonly $$(find ui -name '*.py' | sort) -ts resources/i18n/selfdata_en.ts
	$(BIN)/pyside6-lrelease resources/i18n/selfdata_fr.ts -qm resources/i18n/selfdata_fr.qm
	$(BIN)/pyside6-lrelease resources/i18n/selfdata_en.ts -qm resources/i18n/selfdata_en.qm

# The pictures the import guides show (resources/guides/screenshots/<language>/), from the demo
# wallet, in a throwaway home so no setting of yours changes them. Run after changing a page.
SHOTS := resources/guides/screenshots
screenshots: $(STAMP)
	for locale in en:en_GB fr:fr_FR; do \
	  lang=$${locale%%:*}; home=$$(mktemp -d); rm -rf $(SHOTS)/$$lang; \
	  env HOME=$$home XDG_CONFIG_HOME=$$home/config XDG_DATA_HOME=$$home/data \
	    XDG_STATE_HOME=$$home/state LC_ALL=$${locale#*:}.UTF-8 LANGUAGE= QT_QPA_PLATFORM=offscreen \
	    $(BIN)/selfdata-wallet --demo --screenshots $(SHOTS)/$$lang; status=$$?; \
	  rm -rf $$home; [ $$status -eq 0 ] || exit $$status; \
	done
	du -ch $(SHOTS)/*/*.png | tail -1

# A Linux build (PyInstaller, one folder) packed as dist/selfdata-wallet-<version>-linux-x86_64.tar.gz.
dist: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	$(BIN)/python packaging/build_linux.py

# The Linux build as a Debian package: dist/selfdata-wallet_<version>_amd64.deb (packaging/build_deb.py).
deb: dist
	$(BIN)/python packaging/build_deb.py

clean:
	rm -rf $(VENV) build dist *.egg-info

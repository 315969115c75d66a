# Everyday commands; each sets up what it needs (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)

.PHONY: demo test serve crawl mirror bench eval system clean cluster-demo

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

demo: $(STAMP)  ## crawl the offline mirror into data/congdoan.db and serve it on :8001
	scripts/demo.sh

cluster-demo: $(STAMP) system  ## the mirror crawled by WORKERS (2) workers sharing a local Redis
	scripts/cluster_demo.sh

test: $(STAMP) system  ## the whole test suite
	$(PY) -m pytest -q -n 2 --dist loadfile

serve: $(STAMP)  ## Datasette on data/congdoan.db at http://127.0.0.1:8001
	scripts/serve.sh

crawl: $(STAMP)  ## crawl the real sites (needs internet)
	$(PY) -m crawler crawl

mirror: $(STAMP)  ## serve the offline mirror on :8765
	$(PY) -m crawler mirror --port 8765

bench: $(STAMP) system  ## speed and memory figures
	$(PY) -m bench

eval: $(STAMP)  ## accuracy figures: extraction, story clusters, search (each beside a peer)
	$(PY) -m bench.evaluate

system:  ## Debian packages the browser and spreadsheet tests use
	scripts/system_packages.sh

clean:
	rm -rf $(VENV) data/congdoan.db* artifacts .pytest_cache

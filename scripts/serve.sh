#!/usr/bin/env bash
# make serve: Datasette for journalists over data/congdoan.db, read-only and safe beside a running crawl.
# Host and port: CONGDOAN_HOST / CONGDOAN_PORT, or datasette flags passed through (--port 9000).
# Search engines are turned away by /robots.txt unless CONGDOAN_ALLOW_ROBOTS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
DB=${CONGDOAN_DB:-data/congdoan.db}
[ -f "$DB" ] || { echo "no database at $DB: crawl first (make demo)" >&2; exit 1; }

# data/settings.json as --setting flags (booleans as on/off), shared with the tests.
mapfile -t settings < <($PY -c 'import json
for k, v in json.load(open("data/settings.json")).items():
    print("--setting", k, "on" if v is True else "off" if v is False else v, sep="\n")')

# The plugin folds province names with the crawler's own fold().
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
# Not -i (immutable): that mode ignores the WAL a crawl writes into and, once the crawl
# checkpoints, reads torn pages ("database disk image is malformed"). A plain file argument
# is opened with mode=ro, sees each committed transaction whole, and nothing here writes.
exec "$PY" -m datasette serve "$DB" \
  --host "${CONGDOAN_HOST:-127.0.0.1}" --port "${CONGDOAN_PORT:-8001}" \
  --metadata data/metadata.yml --template-dir data/templates --plugins-dir data/plugins \
  "${settings[@]}" "$@"

#!/usr/bin/env bash
# make demo: crawl the offline mirror into data/congdoan.db, print the count per site, then serve it.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${MIRROR_PORT:-8765}

$PY -m crawler mirror --port "$PORT" > /dev/null &
mirror=$!
trap 'kill $mirror 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/congdoantravinh.com.vn/robots.txt" && break
  sleep 0.2
done

echo "Crawling the offline mirror at http://127.0.0.1:$PORT into data/congdoan.db ..."
# The mirror carries deliberate faults (404s, a timeout, a decompression bomb...), so a
# non-zero status here is expected: every failure is listed with its URL and reason.
MIRROR_URL="http://127.0.0.1:$PORT" CONGDOAN_DELAY=0 CONGDOAN_LOG_LEVEL=WARNING \
  $PY -m crawler crawl -s DOWNLOAD_TIMEOUT=3 2>/dev/null || true
kill $mirror 2>/dev/null || true

echo
echo "Articles per site in data/congdoan.db:"
$PY -c "from crawler import storage; from crawler.settings import DATABASE
for site, n in storage.count_by_site(storage.open_db(DATABASE)).items(): print(f'  {site:<10} {n}')"
echo
exec scripts/serve.sh

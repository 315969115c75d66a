#!/usr/bin/env bash
# make cluster-demo: a local redis-server, the offline mirror, then `python -m crawler cluster`
# (WORKERS workers and the writer) into data/congdoan.db; prints what the mirror saw.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${MIRROR_PORT:-8765}
REDIS_PORT=${REDIS_PORT:-6390}
WORKERS=${WORKERS:-2}
work=$(mktemp -d)

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" > "$work/redis.log" &
redis=$!
$PY -m crawler mirror --port "$PORT" > /dev/null &
mirror=$!
trap 'kill $mirror $redis 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/congdoantravinh.com.vn/robots.txt" && break
  sleep 0.2
done

echo "Crawling the offline mirror with $WORKERS workers and one writer (Redis on port $REDIS_PORT) ..."
# As in make demo, the mirror's deliberate faults make a non-zero status expected.
CONGDOAN_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" MIRROR_URL="http://127.0.0.1:$PORT" \
  CONGDOAN_DELAY=${CONGDOAN_DELAY:-0.05} CONGDOAN_LOG_LEVEL=WARNING \
  $PY -m crawler cluster --workers "$WORKERS" -s DOWNLOAD_TIMEOUT=3 2>/dev/null | grep -v '^\[' || true

echo
echo "What the mirror saw:"
curl -s "http://127.0.0.1:$PORT/_mirror/traffic" | $PY -c "import json, sys
seen = json.load(sys.stdin)
again = {url: n for url, n in seen['hits'].items() if n > 1}
print(f'  {sum(seen[\"hits\"].values())} requests for {len(seen[\"hits\"])} addresses; asked more than once '
      f'(the faults: a page failing once, the slow one retried): {len(again)}')
print(f'  most requests at once on one host: {max(seen[\"peak\"].values())}')"
echo
echo "Articles per site in data/congdoan.db:"
$PY -c "from crawler import storage; from crawler.settings import DATABASE
for site, n in storage.count_by_site(storage.open_db(DATABASE)).items(): print(f'  {site:<10} {n}')"

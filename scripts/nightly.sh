#!/usr/bin/env bash
# Cron/systemd entry point for the nightly crawl; the lock, per-site processes, logs and health
# checks live in `python -m crawler nightly` (docs/operations.md). Arguments pass through,
# e.g. scripts/nightly.sh --full, or MIRROR_URL=http://127.0.0.1:8765 scripts/nightly.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m crawler nightly "$@"

"""Shared fixtures: the offline mirror on a free loopback port, and crawls of it in a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.mirror import serve

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def mirror():
    server = serve(0)
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def run_crawl(mirror_url: str, db: Path, *sites: str, timeout: int = 600, **settings):
    """Crawl the mirror through the real Scrapy engine in its own process (a reactor runs once)."""
    env = {**os.environ, "MIRROR_URL": mirror_url, "CONGDOAN_DB": str(db), "CONGDOAN_DELAY": "0",
           "CONGDOAN_LOG_LEVEL": "WARNING"}
    overrides = {"DOWNLOAD_TIMEOUT": "2", **settings}
    args = [sys.executable, "-m", "crawler", "crawl", *sites]
    for name, value in overrides.items():
        args += ["-s", f"{name}={value}"]
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def crawled(tmp_path_factory):
    """Every site crawled once through the real engine from a mirror of its own (the mirror keeps
    state, such as a page that fails once); yields the database path, the crawl's result and the
    mirror's URL for a second crawl."""
    server = serve(0)
    mirror_url = f"http://127.0.0.1:{server.server_port}"
    path = tmp_path_factory.mktemp("crawled") / "congdoan.db"
    result = run_crawl(mirror_url, path)
    yield {"path": path, "result": result, "mirror": mirror_url}
    server.shutdown()

"""Shared fixtures: the offline mirror, crawls of it, Redis, and the published site in Chromium."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from crawler.mirror import serve
from tests.chromium import ARTIFACTS, CHROMIUM, FLAGS
from tests.published import build_db, running_server

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A real redis-server of the test's own on a free loopback port, nothing saved to disk."""
    import redis
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                               "--save", "", "--appendonly", "no", "--dir", str(folder)],
                              stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            server.poll()
            assert server.returncode is None, "redis-server did not start"
            time.sleep(0.1)
    else:
        raise RuntimeError(f"redis-server did not answer on port {port}")
    yield url
    server.terminate()
    server.wait()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with running_server(build_db(tmp_path_factory.mktemp("browser") / "congdoan.db")) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        # A fresh profile directory each run; Debian's browser, never a downloaded one.
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, headless=True,
            args=FLAGS, viewport={"width": 1100, "height": 800}, locale="vi-VN")
        yield context
        context.close()


@pytest.fixture
def page(browser, site):
    page = browser.new_page()
    # Only our server: article images point at the real sites, which a test must never reach.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site)
               else route.abort())
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    page.close()

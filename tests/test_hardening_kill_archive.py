"""A crawl killed after a multi-article page stored articles whose own pages were not fetched yet."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from crawler.mirror import key, serve
from tests.conftest import ROOT, run_crawl
from crawler.mirror.sites import articles
from crawler.mirror.sites.soc_trang import url_of
from tests.recording import Recording

SETTINGS = {"CONCURRENT_REQUESTS_PER_DOMAIN": "8", "STORE_BATCH_SIZE": "1"}


def rows(path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as con:
        return con.execute(sql).fetchall()


def content(folder) -> list[tuple]:
    return rows(folder / "congdoan.db", "select url, title, body, published_at, author, images "
                                        "from articles order by url")


def archived(folder) -> set[str]:
    return {url for (url,) in rows(folder / "archive.db", "select url from pages")}


def test_the_night_after_a_kill_fetches_the_pages_the_killed_crawl_had_not(tmp_path_factory):
    on_full_page = [url_of(a) for a in articles("soc_trang") if a.get("on_full_page")]
    clean, killed = tmp_path_factory.mktemp("clean"), tmp_path_factory.mktemp("killed")
    server = serve(0, sites=("soc_trang",))
    mirror = f"http://127.0.0.1:{server.server_port}"
    try:
        assert run_crawl(mirror, clean / "congdoan.db", "soc_trang", **SETTINGS).returncode == 0
        # The worst moment: the multi-article page is in, the articles' own pages still coming.
        for url in on_full_page:
            server.resources[key(url)].delay = 60
        env = {**os.environ, "MIRROR_URL": mirror, "CONGDOAN_DB": str(killed / "congdoan.db"),
               "CONGDOAN_DELAY": "0", "CONGDOAN_LOG_LEVEL": "WARNING"}
        flags = [arg for name, value in {**SETTINGS, "DOWNLOAD_TIMEOUT": "120"}.items()
                 for arg in ("-s", f"{name}={value}")]
        crawl = subprocess.Popen([sys.executable, "-m", "crawler", "crawl", "soc_trang", *flags],
                                 cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        stored: set[str] = set()
        for _ in range(600):
            time.sleep(0.1)
            try:
                stored = {u for (u,) in rows(killed / "congdoan.db", "select url from articles")}
            except sqlite3.OperationalError:
                continue  # the crawl has not created the table yet
            if set(on_full_page) <= stored:
                break
        crawl.send_signal(signal.SIGKILL)
        crawl.wait()
        assert set(on_full_page) <= stored
        unfetched = set(on_full_page) - archived(killed)
        listed = {url_of(a) for a in articles("soc_trang") if a.get("listed", True)}
        assert unfetched & archived(clean) & listed, "no own page was missing at the kill"

        for res in server.resources.values():
            res.delay = 0
        server.resources = Recording(server.resources)
        night = run_crawl(mirror, killed / "congdoan.db", "soc_trang", **SETTINGS)
    finally:
        server.shutdown()
    assert night.returncode == 0, night.stdout + night.stderr[-3000:]
    fetched = {key(url) for url in unfetched & archived(clean)}
    assert fetched <= set(server.resources.asked)
    assert archived(killed) == archived(clean)
    assert content(killed) == content(clean)

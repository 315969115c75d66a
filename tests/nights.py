"""How the tests start nightly runs and read what they stored: command, environment, mirror, rows."""
from __future__ import annotations

import os
import sqlite3
import sys
import threading
from pathlib import Path

from crawler.mirror import key
from crawler.mirror.sites import articles
from crawler.mirror.sites.tra_vinh import url_of

# Short enough to give up on a hanging site quickly, long enough for five crawl processes
# starting at once on a small CI machine.
FAST = ["-s", "DOWNLOAD_TIMEOUT=3", "-s", "RETRY_TIMES=1"]
# For nights without a hanging site: a loaded machine may answer slowly, and no page may be lost
# to a timeout (nor a held page given up while a test needs the crawl running).
PATIENT = ["-s", "DOWNLOAD_TIMEOUT=600"]


def command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "crawler", "nightly", "--db", str(db), *FAST, *args]


def environment(mirror: str, **extra) -> dict:
    return {**os.environ, "MIRROR_URL": mirror, "CONGDOAN_DELAY": "0", "CONGDOAN_LOG_LEVEL": "INFO",
            **extra}


def rows(path: Path, sql: str, params=()) -> list[tuple]:
    with sqlite3.connect(path) as con:
        return con.execute(sql, params).fetchall()


def count(path: Path, table: str) -> int:
    """Rows in a table, 0 while a starting crawl has not created it yet."""
    try:
        return rows(path, f"select count(*) from {table}")[0][0]
    except sqlite3.OperationalError:
        return 0


def mirror_of(server) -> str:
    """The mirror's URL, with every tra_vinh article page answering at once.

    These tests are about nights, not about the slow-page fault (tests/test_crawl.py has it):
    waiting for it to time out in every night would only make them slow.
    """
    for article in articles("tra_vinh"):
        server.resources[key(url_of(article))].delay = 0.0
    return f"http://127.0.0.1:{server.server_port}"


def hold_one_article(server) -> threading.Event:
    """Keep one stored tra_vinh article from answering until the returned event is set: a crawl
    then stores the others and is surely still running, however fast the machine."""
    gate = threading.Event()
    held = next(a for a in articles("tra_vinh") if not a.get("fault"))
    server.resources[key(url_of(held))].hold = gate
    return gate

"""The raw archive and re-parse: every fetched page kept outside the published file, re-read offline."""
from __future__ import annotations

import dataclasses
import hashlib
import html
import os
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from crawler import storage
from crawler.mirror import serve
from crawler.reparse import reparse
from spiders.tra_vinh import TraVinhSpider
from tests.conftest import run_crawl

ROOT = Path(__file__).resolve().parents[1]


class RedesignedTraVinh(TraVinhSpider):
    """A selector change: photos are no longer read, so their captions fall into the body text."""

    version = TraVinhSpider.version + 1
    selectors = dataclasses.replace(TraVinhSpider.selectors, drop="img")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    server = serve(0, sites=("tra_vinh",))
    for res in server.resources.values():
        res.delay = 0.0  # the slow-page fault is tests/test_crawl.py's business
    folder = tmp_path_factory.mktemp("archive")
    result = run_crawl(f"http://127.0.0.1:{server.server_port}", folder / "congdoan.db", "tra_vinh")
    server.shutdown()  # everything below works without the network
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    return folder


@pytest.fixture
def dbs(crawled, tmp_path):
    """Private copies of the crawled database and archive, for tests that write."""
    for name in ("congdoan.db", "archive.db"):
        with sqlite3.connect(crawled / name) as source, sqlite3.connect(tmp_path / name) as copy:
            source.backup(copy)
    return storage.open_db(tmp_path / "congdoan.db"), storage.open_archive(tmp_path / "archive.db")


def articles_by_url(db) -> dict[str, dict]:
    return {row["url"]: row for row in db.query("select * from articles")}


def test_every_stored_article_has_its_page_in_the_archive(crawled):
    db, archive = storage.open_db(crawled / "congdoan.db"), storage.open_archive(crawled / "archive.db")
    stored = articles_by_url(db)
    pages = {row["url"]: row for row in archive.query("select * from pages")}
    assert stored and set(stored) <= set(pages)
    for url, page in pages.items():
        raw = zlib.decompress(page["body"])
        assert hashlib.sha256(raw).hexdigest() == page["sha256"] and len(page["body"]) < len(raw)
        assert page["status"] == 200 and page["site"] == "tra_vinh"
        assert page["fetched_at"].endswith("+07:00") and "html" in page["content_type"]
        if url in stored:
            assert stored[url]["title"] in html.unescape(raw.decode("utf-8"))


def test_the_published_database_holds_no_raw_page(crawled):
    db = storage.open_db(crawled / "congdoan.db")
    assert "pages" not in db.table_names()
    # The full-text indexes keep their own blobs; story signatures are numbers packed in blobs.
    own = [t for t in db.tables if not t.name.startswith(("articles_fts", "articles_search", "story_"))]
    assert not [c for t in own for c in t.columns if c.type.upper() == "BLOB"]


def test_reparse_with_unchanged_code_costs_no_write(dbs):
    db, archive = dbs
    before = db.conn.total_changes
    counts = reparse(db, archive, {"tra_vinh": TraVinhSpider})["tra_vinh"]
    assert counts == {"pages": db["articles"].count, "unchanged": db["articles"].count}
    assert db.conn.total_changes == before


def test_reparse_after_a_selector_change_updates_the_affected_articles_and_nothing_else(dbs):
    db, archive = dbs
    before = articles_by_url(db)
    with_photos = {url for url, row in before.items() if row["images"] != "[]"}
    assert with_photos and with_photos != set(before)
    counts = reparse(db, archive, {"tra_vinh": RedesignedTraVinh})["tra_vinh"]
    after = articles_by_url(db)
    changed = {url for url in before if after[url] != before[url]}
    assert changed == with_photos and counts["updated"] == len(with_photos)
    for url in changed:
        assert after[url]["parser_version"] == RedesignedTraVinh.parser_version()
        assert after[url]["body"] != before[url]["body"]
    assert after.keys() == before.keys()


def test_reparse_command_reports_per_site_and_refuses_an_unknown_site(dbs, tmp_path):
    env = {**os.environ, "CONGDOAN_DB": str(tmp_path / "congdoan.db")}
    ok = subprocess.run([sys.executable, "-m", "crawler", "reparse", "--site", "tra_vinh"],
                        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    count = dbs[0]["articles"].count
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.split() == ["tra_vinh", "pages", str(count), "new", "0", "updated", "0",
                                 "unchanged", str(count), "rejected", "0"]
    bad = subprocess.run([sys.executable, "-m", "crawler", "reparse", "--site", "ha_noi"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stderr.startswith("error: unknown site 'ha_noi'")


def test_an_archive_that_cannot_be_written_fails_the_run(tmp_path):
    server = serve(0, sites=("tra_vinh",))
    with sqlite3.connect(tmp_path / "archive.db") as con:  # readable, but no column for the page
        con.execute("create table pages (url text primary key, site text, requested_url text, "
                    "fetched_at text)")
    result = run_crawl(f"http://127.0.0.1:{server.server_port}", tmp_path / "congdoan.db", "tra_vinh")
    server.shutdown()
    assert result.returncode == 1
    db = storage.open_db(tmp_path / "congdoan.db")
    run = next(db.query("select * from crawl_runs"))
    assert (run["status"], run["finish_reason"]) == ("failed", "archive_failed")
    reasons = [e["reason"] for e in storage.run_errors(db, run["id"])]
    assert any(r.startswith("not archived: table pages has no column") for r in reasons), reasons

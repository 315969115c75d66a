"""Incremental crawls through the real engine: only new articles are fetched; --full, --refetch widen."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.mirror import key, load, serve
from crawler.mirror.sites import articles
from crawler.mirror.sites import can_tho as can_tho_mirror
from crawler.mirror.sites import tra_vinh as tra_vinh_mirror
from tests.recording import Recording

ROOT = Path(__file__).resolve().parents[1]
HOST = "congdoantravinh.com.vn"
# Enough generated articles that each category's first two listing pages hold nothing else
# (PER_PAGE is 4): the hand-written ones, faults and all, sit further down.
SCALE = 38



def crawl(mirror: str, db: Path, site: str, *flags: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MIRROR_URL": mirror, "CONGDOAN_DB": str(db), "CONGDOAN_DELAY": "0",
           "CONGDOAN_LOG_LEVEL": "WARNING"}
    return subprocess.run([sys.executable, "-m", "crawler", "crawl", site, *flags,
                           "-s", "DOWNLOAD_TIMEOUT=3"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def stored(db: Path) -> set[str]:
    with sqlite3.connect(db) as con:
        return {key(url) for (url,) in con.execute("select url from articles")}


def dump(db: Path) -> list:
    with sqlite3.connect(db) as con:
        return con.execute("select * from articles order by id").fetchall()


def listing(category: str, number: int) -> str:
    return f"{HOST}/{category}" + (f"?page={number}" if number > 1 else "")


LISTINGS = {listing(c, n) for c in tra_vinh_mirror.CATEGORIES for n in range(1, 100)}


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    server = serve(0, sites=("tra_vinh",))
    mirror = f"http://127.0.0.1:{server.server_port}"
    db = tmp_path_factory.mktemp("incremental") / "congdoan.db"
    out = {"db": db}
    server.resources = Recording(load(("tra_vinh",), SCALE))
    out["first"] = crawl(mirror, db, "tra_vinh"), server.resources.asked, stored(db), dump(db)
    for night, flags in (("new", ()), ("full", ("--full",)), ("refetch", ("--refetch",))):
        # Two more articles appear at the top of their categories' listings.
        server.resources = Recording(load(("tra_vinh",), SCALE + 2))
        out[night] = crawl(mirror, db, "tra_vinh", *flags), server.resources.asked, stored(db), dump(db)
    server.shutdown()
    return out


def new_articles() -> list[dict]:
    return articles("tra_vinh", SCALE + 2)[-2:]


def test_first_two_listing_pages_hold_only_generated_articles():
    resources = load(("tra_vinh",), SCALE)
    written = [f"/{a['slug']}{end}".encode() for a in articles("tra_vinh") for end in '"?']
    for category in tra_vinh_mirror.CATEGORIES:
        for number in (1, 2):
            assert not any(link in resources[listing(category, number)].body for link in written)


def test_a_night_fetches_the_new_articles_and_the_listing_pages_down_to_stored_ones(nights):
    result, asked, after, _ = nights["new"]
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    new = {key(tra_vinh_mirror.url_of(a)) for a in new_articles()}
    assert set(asked) - LISTINGS - {f"{HOST}/robots.txt"} == new
    with_new = {a.get("listed_in", a["category"]) for a in new_articles()}
    expected = {listing(c, 1) for c in tra_vinh_mirror.CATEGORIES} | {listing(c, 2) for c in with_new}
    assert {a for a in asked if a in LISTINGS} == expected
    assert len(asked) == len(new) + len(expected) + 1  # + robots.txt, and nothing twice
    assert new <= after


def test_the_run_record_counts_links_seen_and_skipped(nights):
    with sqlite3.connect(nights["db"]) as con:
        new, found, skipped = con.execute("select articles_new, links_found, links_skipped "
                                          "from crawl_runs order by id").fetchall()[1]
    assert (new, skipped) == (2, found - 2) and skipped >= 8


def test_full_walks_every_listing_page_but_fetches_no_stored_article(nights):
    result, asked, after, _ = nights["full"]
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    before = nights["new"][2]
    every_listing = {a for a in load(("tra_vinh",), SCALE + 2) if a in LISTINGS}
    assert {a for a in asked if a in LISTINGS} == every_listing and len(every_listing) > 10
    articles_asked = set(asked) - LISTINGS - {f"{HOST}/robots.txt"}
    assert articles_asked and not articles_asked & before  # only never-stored (faulty) pages
    assert after == before


def test_refetch_downloads_stored_articles_again_and_changes_nothing(nights):
    result, asked, _, rows = nights["refetch"]
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    before = nights["full"][2]
    assert len(set(asked) & before) >= 8  # every article on the first listing pages
    assert {a for a in asked if a in LISTINGS} == {listing(c, 1) for c in tra_vinh_mirror.CATEGORIES}
    assert rows == nights["full"][3]


def test_an_address_that_redirected_to_a_stored_article_is_not_fetched_again(tmp_path):
    server = serve(0, sites=("can_tho",))
    mirror = f"http://127.0.0.1:{server.server_port}"
    moved = next(a for a in articles("can_tho") if a.get("old_slug"))
    old = key(can_tho_mirror.url_of(moved, moved["old_slug"]))
    server.resources = Recording(load(("can_tho",)))
    crawl(mirror, tmp_path / "congdoan.db", "can_tho")
    assert old in server.resources.asked and key(can_tho_mirror.url_of(moved)) in stored(
        tmp_path / "congdoan.db")
    server.resources = Recording(load(("can_tho",)))
    result = crawl(mirror, tmp_path / "congdoan.db", "can_tho", "--full")
    server.shutdown()
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert old not in server.resources.asked

"""Learning on real crawls of the mirror: every site's archive teaches selectors that read the same
articles, and a crawl whose selectors broke reads the site with a learned template and says so."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler import storage
from crawler.decoding import page_from_archive
from crawler.learn import from_row
from crawler.mirror import key, serve
from crawler.offline import articles_from_page
from crawler.spider_registry import spider_classes
from tests.conftest import run_crawl
from crawler.mirror.sites import articles
from crawler.mirror.sites.tra_vinh import url_of
from tests.datasette_client import canned, make_datasette
from tests.twins import relaid

ROOT = Path(__file__).resolve().parents[1]
SITES = sorted(spider_classes())
COMPARED = ("url", "title", "body", "published_at", "author", "photo_credit", "images")


@pytest.fixture(scope="module")
def crawled(mirror, tmp_path_factory):
    db = tmp_path_factory.mktemp("learn") / "congdoan.db"
    result = run_crawl(mirror, db)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    return db


def stored(db: Path, site: str) -> dict[str, dict]:
    rows = storage.open_db(db).query("select * from articles where site = ?", [site])
    return {r["url"]: {k: r[k] for k in COMPARED} for r in rows}


def as_stored(article) -> dict:
    row = storage.to_row(article)
    return {k: row[k] for k in COMPARED}


@pytest.mark.parametrize("site", SITES)
def test_each_sites_archive_teaches_selectors_that_read_the_same_articles(crawled, site):
    # Every archived page: the mirror's sites hold more than the default 20 (stories.yaml adds some).
    result = subprocess.run([sys.executable, "-m", "crawler", "learn", site, "--db", str(crawled),
                             "--pages", "100"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "selectors = Selectors(" in result.stdout and "body=" in result.stdout
    row = storage.learned_template(storage.open_db(crawled), site)
    archive = storage.open_archive(crawled.with_name("archive.db"))
    archived = {r["url"]: r for r in storage.archived_pages(archive, site)}
    assert row["declaration"] in result.stdout
    assert set(json.loads(row["urls"])) == set(archived) and row["pages"] == len(archived) >= 5
    spider = spider_classes()[site]
    learned = type(f"Learned{spider.__name__}", (spider,), {"selectors": from_row(row).selectors()})
    read = {}
    for page_row in archived.values():
        for article in articles_from_page(page_from_archive(page_row), learned, page_row["listing_date"]):
            if article.body:
                read[article.url] = as_stored(article)
    expected = stored(crawled, site)
    assert {u: read.get(u) for u in expected} == expected


def test_a_crawl_whose_selectors_broke_reads_the_site_with_a_learned_template(crawled, tmp_path):
    server = serve(0, sites=("tra_vinh",))
    for res in server.resources.values():
        res.delay = 0.0
    for article in articles("tra_vinh"):
        address = key(url_of(article))
        server.resources[address] = relaid(server.resources[address])
    db = tmp_path / "congdoan.db"
    try:
        result = run_crawl(f"http://127.0.0.1:{server.server_port}", db, "tra_vinh")
    finally:
        server.shutdown()
    assert result.returncode == 1, result.stdout + result.stderr[-2000:]
    health = [line.split("! health: ", 1)[1] for line in result.stdout.splitlines()
              if "! health: " in line]
    assert any("came from the generic fallback" in line for line in health)
    row = storage.learned_template(storage.open_db(db), "tra_vinh")
    assert row["body"] == ".noi-dung" and row["title"] == ".post-title" and row["pages"] == 5
    assert health[-len(row["declaration"].splitlines()):] == row["declaration"].splitlines()
    assert "    body='.noi-dung',  # agrees with the generic extraction on 5 of 5 pages" in health

    articles_now = stored(db, "tra_vinh")
    methods = {r["url"]: r["method"] for r in storage.open_db(db).query("select url, method from articles")}
    # Pages stored before the template existed keep their generic reading where the learned one
    # reads the same text; every page after them is read with the template.
    generic = {url for url, method in methods.items() if method == "generic"}
    assert generic <= set(json.loads(row["urls"])) and len(generic) < row["pages"]
    assert set(methods.values()) == {"learned", "generic"} and len(methods) > 2 * row["pages"]
    before = stored(crawled, "tra_vinh")
    assert set(before) <= set(articles_now)
    assert {u: articles_now[u] for u in before} == before
    assert set(json.loads(row["urls"])) <= set(articles_now)

    ds = make_datasette(db)
    (health_row,) = canned(ds, "suc_khoe_thu_thap")
    assert health_row["mau_hoc_duoc"] == row["declaration"]
    assert json.loads(health_row["mau_hoc_tu_trang"]) == json.loads(row["urls"])

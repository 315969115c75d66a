"""End to end: the real Scrapy engine crawls the mirror of tra_vinh and can_tho into a SQLite file, twice."""
import re
import unicodedata

import pytest
import sqlite_utils

from crawler.mirror import serve
from crawler.normalize.chrome import is_chrome
from crawler.sites import spider_classes
from crawler.urls import on_domains
from tests.conftest import run_crawl
from tests.mirror import articles

SITES = ("tra_vinh", "can_tho")
# Written articles minus the ones whose fault makes them unstorable (404, timeout, robots, bomb, PDF).
EXPECTED = {"tra_vinh": 15, "can_tho": 18}
UNSTORABLE = {"not_found": "HTTP 404", "slow": "timed out", "robots": "robots.txt",
              "gzip_bomb": "DOWNLOAD_MAXSIZE", "not_html": "not HTML (application/pdf)"}


def dump(db):
    return {t: list(db.query(f"select * from {t} order by 1")) for t in ("articles", "sites")}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    server = serve(0, sites=SITES)
    mirror = f"http://127.0.0.1:{server.server_port}"
    path = tmp_path_factory.mktemp("crawl") / "congdoan.db"
    first = run_crawl(mirror, path, *SITES)
    db = sqlite_utils.Database(path)
    after_first = dump(db)
    # The second crawl downloads every page again, so unchanged content must be recognised.
    second = run_crawl(mirror, path, *SITES, CRAWL_FULL="True", CRAWL_REFETCH="True")
    yield {"db": db, "first": first, "second": second, "after_first": after_first}
    server.shutdown()


def written(site, fault=None):
    return [a for a in articles(site) if fault is None or a.get("fault") == fault]


def test_exact_article_count_per_site(crawl):
    counts = {r["site"]: r["n"] for r in crawl["db"].query(
        "select site, count(*) n from articles group by site")}
    assert counts == EXPECTED


def test_one_row_per_article_on_the_real_domains(crawl):
    rows = list(crawl["db"].query("select site, url from articles"))
    urls = [r["url"] for r in rows]
    assert len(urls) == len(set(urls))
    assert not [u for u in urls if "127.0.0.1" in u or "utm_" in u or "fbclid" in u]
    spiders = spider_classes()
    assert all(on_domains(r["url"], spiders[r["site"]].allowed_domains) for r in rows)


@pytest.mark.parametrize("fault,reason", sorted(UNSTORABLE.items()))
def test_unstorable_pages_are_reported_by_url_and_reason(crawl, fault, reason):
    errors = list(crawl["db"].query("select url, reason from crawl_errors where run_id in "
                                    "(select min(id) from crawl_runs group by site)"))
    faulty = [a for site in SITES for a in written(site, fault)]
    assert faulty, f"the mirror has no {fault} article"
    for article in faulty:
        assert any(article["slug"] in e["url"] and reason in e["reason"] for e in errors), errors
        assert not list(crawl["db"].query("select 1 from articles where url like ?",
                                          [f"%{article['slug']}"]))


def test_category_page_linked_as_an_article_is_reported_not_stored(crawl):
    errors = list(crawl["db"].query("select url, reason from crawl_errors where site = 'can_tho'"))
    assert {e["url"]: e["reason"] for e in errors} == {
        "https://congdoan.cantho.gov.vn/van-ban": "no article body (0 characters after cleaning)"}
    assert not list(crawl["db"].query("select 1 from articles where url like '%/van-ban'"))


def test_page_failing_once_is_retried_and_stored(crawl):
    for article in written("tra_vinh", "fail_once"):
        assert crawl["db"].execute("select title from articles where url like ?",
                                   [f"%{article['slug']}"]).fetchone()[0] == article["title"]


@pytest.mark.parametrize("fault", ["latin1_header", "cp1258"])
def test_wrong_or_legacy_charsets_store_clean_text(crawl, fault):
    faulty = [a for site in SITES for a in written(site, fault)]
    assert faulty
    for article in faulty:
        row = crawl["db"].execute("select title, body from articles where url like ?",
                                  [f"%{article['slug']}"]).fetchone()
        assert row is not None
        assert row[0].lower() == article["title"].lower()
        first = next(p for p in article["body"] if isinstance(p, str))
        assert first.split(",")[0] in row[1]


def test_stored_text_is_nfc_and_never_mojibake(crawl):
    for row in crawl["db"].query("select title, body, author from articles"):
        for text in filter(None, row.values()):
            assert unicodedata.is_normalized("NFC", text)
            assert not any(m in text for m in ("Ã", "Æ°", "áº", "á»", "\ufffd"))


def test_bodies_are_free_of_chrome_and_dates_are_iso_or_null(crawl):
    for row in crawl["db"].query("select url, body, published_at from articles"):
        assert not [line for line in row["body"].split("\n") if is_chrome(line)], row["url"]
        assert row["published_at"] is None or re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", row["published_at"])


def test_runs_are_recorded_and_the_cli_reports_failures(crawl):
    first = {r["site"]: r for r in crawl["db"].query(
        "select * from crawl_runs where id in (select min(id) from crawl_runs group by site)")}
    for site in SITES:
        assert first[site]["status"] == "errors"
        assert first[site]["articles_new"] == EXPECTED[site]
        assert first[site]["pages_fetched"] > EXPECTED[site]
    assert crawl["first"].returncode == 0, crawl["first"].stderr[-2000:]
    assert "HTTP 404" in crawl["first"].stdout


def test_second_crawl_changes_nothing(crawl):
    assert dump(crawl["db"]) == crawl["after_first"]
    second = {r["site"]: r for r in crawl["db"].query(
        "select * from crawl_runs where id in (select max(id) from crawl_runs group by site)")}
    for site in SITES:
        assert (second[site]["articles_new"], second[site]["articles_updated"]) == (0, 0)
        assert second[site]["articles_unchanged"] == EXPECTED[site]

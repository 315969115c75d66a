"""Issue 3 sources in the crawl of every site (tests/conftest.py), and the Lâm Đồng union-news rule."""
import re

import pytest
import sqlite_utils

from spiders.lam_dong import is_union_news
from crawler.mirror.sites import articles, lam_dong, lao_dong, soc_trang, storable

MIRRORS = {"soc_trang": soc_trang, "lam_dong": lam_dong, "lao_dong": lao_dong}
SITES = tuple(MIRRORS)
COPY_URL = re.compile(r"//[^/]+/(ja|zh|ca|iw_IL)/|inheritRedirect|redirect=|p_p_|"
                      r"//(amp|news|ja|fr|es)\.laodong\.vn")
PROVINCES = {
    ("soc_trang", "Sóc Trăng", "Cần Thơ"),
    ("lam_dong", "Lâm Đồng", "Lâm Đồng"),
    ("lao_dong", "Cần Thơ", "Cần Thơ"),
    ("lao_dong", "Sóc Trăng", "Cần Thơ"),
    ("lao_dong", "Trà Vinh", "Vĩnh Long"),
    ("lao_dong", "Lâm Đồng", "Lâm Đồng"),
}
DALAT = "https://dalat.lamdong.dcs.vn/thong-tin-hoat-dong/mat-tran-doan-the"
ERRORS = {
    "soc_trang": {("https://ldldsoctrang.soctrang.gov.vn/tin-hoat-dong?_101_INSTANCE_J9foJAsdT7AH"
                   "_cur=5", "listing page has no article rows")},
    "lam_dong": {
        ("https://dilinh.lamdong.dcs.vn/thong-tin-hoat-dong/mat-tran-doan-the", "HTTP 404"),
        (f"{DALAT}/page/2", f"pagination loops back to {DALAT}"),
        ("https://dateh.lamdong.dcs.vn/thong-tin-hoat-dong/mat-tran-doan-the/type/detail/id/38001"
         "/task/1616", "HTTP 404"),
    },
    "lao_dong": {
        ("https://laodong.vn/ldld-lam-dong/bao-loc-ngay-hoi-van-hoa-cong-nhan-lao-dong-1247715.ldo",
         "Forbidden by robots.txt"),
        ("https://laodong.vn/ldld-soc-trang/soc-trang-ho-tro-doan-vien-mat-viec-do-dich-covid-19"
         "-963207.ldo", "HTTP 404"),
    },
}


@pytest.fixture(scope="module")
def db(crawled):
    assert crawled["result"].returncode == 0, crawled["result"].stderr[-2000:]
    return sqlite_utils.Database(crawled["path"])


def stored(db, site: str) -> dict[str, dict]:
    return {r["url"]: r for r in db.query("select * from articles where site = ?", [site])}


def kept(site: str, module) -> dict[str, dict]:
    """The mirror's articles the crawl must store, by their canonical URL."""
    return {module.url_of(a): a for a in storable(site)}


@pytest.mark.parametrize("site", SITES)
def test_each_article_stored_once_under_its_canonical_url(db, site):
    urls = set(stored(db, site))
    assert urls == set(kept(site, MIRRORS[site]))
    assert not [u for u in urls if COPY_URL.search(u)]


def test_other_organizations_news_is_left_out(db):
    others = [a for a in articles("lam_dong") if a.get("union") is False]
    assert len(others) == 4
    rows = stored(db, "lam_dong")
    assert not [a for a in others if lam_dong.url_of(a) in rows]
    titles = {r["title"] for r in rows.values()}
    assert not [a for a in others if a["title"] in titles]


def test_province_then_and_now(db):
    pairs = {tuple(r.values()) for r in db.query(
        "select distinct site, province, province_now from articles where site in (?, ?, ?)", SITES)}
    assert pairs == PROVINCES


def test_lao_dong_articles_take_their_sections_province(db):
    for url, row in stored(db, "lao_dong").items():
        section = url.split("/")[3]
        assert row["province"] == lao_dong.SECTIONS[section].removeprefix("LĐLĐ ")


def test_every_bad_input_is_reported_by_url_and_reason(db):
    for site, expected in ERRORS.items():
        errors = list(db.query("select url, reason from crawl_errors where site = ?", [site]))
        assert len(errors) == len(expected), errors
        for url, reason in expected:
            assert any(e["url"] == url and e["reason"].startswith(reason) for e in errors), errors


def test_multi_article_page_yields_every_article_with_its_date(db):
    rows = stored(db, "soc_trang")
    on_page = [a for a in articles("soc_trang") if a.get("on_full_page")]
    assert len(on_page) == 3
    for article in on_page:
        row = rows[soc_trang.url_of(article)]
        assert row["title"] == article["title"]
        assert row["published_at"] == article["published"].strftime("%Y-%m-%d")
        assert row["author"] == article["byline"]


def test_dates_come_from_listing_rows_related_tables_and_datelines(db):
    for site, module in MIRRORS.items():
        # Sóc Trăng prints a day only, stored as a date; the others print the minute.
        shape = "%Y-%m-%d" if site == "soc_trang" else "%Y-%m-%dT%H:%M:00+07:00"
        rows = stored(db, site)
        for url, article in kept(site, module).items():
            assert rows[url]["published_at"] == article["published"].strftime(shape), url


def test_story_republished_across_sites_keeps_its_body(db):
    republished = next(a for a in articles("soc_trang") if a.get("same_story_as"))
    ours = stored(db, "soc_trang")[soc_trang.url_of(republished)]
    theirs = next(r for url, r in stored(db, "lao_dong").items()
                  if republished["same_story_as"] in url)
    assert ours["body"] == theirs["body"] and ours["title"] != theirs["title"]
    assert ours["author"] == theirs["author"] == republished["byline"]


@pytest.mark.parametrize("title,text,union", [
    ("Tập huấn nghiệp vụ cho cán bộ Công đoàn cơ sở", "", True),
    ("Trao học bổng cho học sinh", "LĐLĐ huyện trao học bổng cho con đoàn viên CĐCS.", True),
    ("Đoàn xã kết nạp đoàn viên mới", "Đoàn Thanh niên kết nạp 25 đoàn viên thanh niên.", False),
    ("Ngày hội phụ nữ", "Hội Phụ nữ tổ chức, Công đoàn ngành giáo dục phối hợp.", False),
])
def test_union_news_rule(title, text, union):
    assert is_union_news(title, text) is union

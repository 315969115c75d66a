"""The journalists' Datasette: pages, search, facets, canned queries, feeds, article page and safety."""
from __future__ import annotations

import csv
import io
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from datasette.app import Datasette

from crawler import storage
from crawler.items import Article
from tests.datasette_client import ATOM, canned, feed, get, load_metadata, make_datasette, titles
from tests.inert import assert_inert
from tests.published import (ARTICLES, LAM_DONG, MALICIOUS, NINH_KIEU, RECENT, RECENT_LD, SOC_TRANG,
                             TRA_NOC, TRA_VINH, build_db)


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    return make_datasette(build_db(tmp_path_factory.mktemp("publish") / "congdoan.db"))


ALL = {a.title for a in ARTICLES} | {MALICIOUS.title}


# --- metadata in step with the schema ------------------------------------------------------

def schema(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute(
        "select name from sqlite_master where type in ('table', 'view') and name not like 'sqlite_%'"
        " and name not like 'articles_fts_%' and name not like 'articles_search_%'")]
    return {n: [r[1] for r in conn.execute(f"pragma table_info([{n}])")] for n in names}


@pytest.fixture(scope="module")
def tables(ds):
    return schema(Path(ds.databases["congdoan"].path))


def test_metadata_names_only_tables_views_and_columns_that_exist(tables):
    for name, table in load_metadata()["databases"]["congdoan"]["tables"].items():
        assert name in tables, name
        named = set(table.get("columns", {})) | set(table.get("facets", []))
        named |= {table[k] for k in ("sort", "sort_desc", "label_column") if k in table}
        assert named <= set(tables[name]), (name, named - set(tables[name]))
        if "fts_table" in table:
            assert table["fts_table"] in tables and table["fts_pk"] in tables[name]


def test_every_table_view_and_column_is_described(tables):
    described = load_metadata()["databases"]["congdoan"]["tables"]
    for name, columns in tables.items():
        assert described.get(name, {}).get("description"), name
        missing = set(columns) - set(described[name].get("columns", {}))
        assert not missing, (name, missing)


def test_instance_is_titled_in_vietnamese_with_source_and_license(ds):
    page = get(ds, "/").text
    assert "Tin công đoàn các tỉnh" in page and "Bản quyền nội dung thuộc các trang nguồn" in page
    database = get(ds, "/congdoan").text
    assert "articles_public" in database and 'href="/congdoan/articles"' not in database


PAGES = ["/", "/congdoan", "/congdoan/articles_public", "/congdoan/sites", "/congdoan/crawl_runs",
         "/congdoan/crawl_errors", "/-/dashboards", "/-/dashboards/tong-quan"]


@pytest.mark.parametrize("path", PAGES + [f"/congdoan/{name}" for name in
                                          load_metadata()["databases"]["congdoan"]["queries"]])
def test_every_page_and_canned_query_renders(ds, path):
    response = get(ds, path)
    assert response.status_code == 200 and "<title>" in response.text, path


def test_only_reviewed_plugins_are_installed(ds):
    # None of these writes to a database; a new plugin must be checked for that before it joins.
    names = {p["name"] for p in get(ds, "/-/plugins.json").json()}
    assert names == {"congdoan.py", "hardening.py", "newsroom.py", "stories.py", "datasette-atom",
                     "datasette-dashboards", "datasette-leaflet", "datasette-render-markdown"}


# --- the articles view: columns, order, facets, search ---------------------------------------

def test_view_hides_internal_columns(ds):
    columns = get(ds, "/congdoan/articles_public.json", _size="1").json()["columns"]
    assert "title" in columns and "month" in columns and "province_now" in columns
    assert not {"title_fold", "body_fold", "content_hash", "parser_version", "method"} & set(columns)


def test_articles_are_listed_newest_first_and_undated_last(ds):
    rows = get(ds, "/congdoan/articles_public.json", _shape="array", _col="published_at").json()
    dates = [r["published_at"] for r in rows]
    assert dates[0] == RECENT and dates[-1] is None
    assert dates[:-1] == sorted(dates[:-1], reverse=True)


def test_facets_on_province_then_and_now_site_category_author_and_month(ds):
    facets = get(ds, "/congdoan/articles_public.json", _size="0").json()["facet_results"]
    assert set(facets) == {"province", "province_now", "site", "category", "author", "month"}
    counts = {r["value"]: r["count"] for r in facets["province_now"]["results"]}
    assert counts == {"Cần Thơ": 3, "Lâm Đồng": 2, "Vĩnh Long": 2}
    months = {r["value"]: r["count"] for r in facets["month"]["results"]}
    assert months["2024-01"] == 1 and months["2022-05"] == 1
    assert titles(ds, province_now="Cần Thơ") == {TRA_NOC, SOC_TRANG, NINH_KIEU}


# "Công Đoàn" typed in decomposed form (NFD), as some keyboards and PDFs produce it.
@pytest.mark.parametrize("query", ["cong doan", "công đoàn", "CÔNG ĐOÀN", "Cong Doan",
                                   "Co\u0302ng \u0110oa\u0300n"])
def test_search_with_or_without_tone_marks_finds_the_same_articles(ds, query):
    # công đoạn folds like công đoàn: folding trades that precision for recall.
    assert titles(ds, _search=query) == {TRA_VINH, LAM_DONG, TRA_NOC, SOC_TRANG, NINH_KIEU}


@pytest.mark.parametrize("query", ["lam dong", "Lâm Đồng", "LAM DONG", "lâm đong"])
def test_search_province_name_without_marks(ds, query):
    assert titles(ds, _search=query) == {LAM_DONG, RECENT_LD}


def test_quoted_phrase_narrows_to_the_exact_phrase(ds):
    assert titles(ds, _search="cong doan co so") == {TRA_VINH, LAM_DONG}
    assert titles(ds, _search='"cong doan co so"') == {TRA_VINH}
    assert titles(ds, _search='"công đoàn cơ sở"') == {TRA_VINH}


def test_search_box_on_the_view_links_titles_to_article_pages(ds):
    page = get(ds, "/congdoan/articles_public", _search="cong doan").text
    assert '<input id="_search" type="search" name="_search" value="cong doan">' in page
    article_id = storage.article_id(ARTICLES[0].url)
    assert f'<a href="/congdoan/articles/{article_id}">{TRA_VINH}</a>' in page
    assert_inert(get(ds, "/congdoan/articles_public", _search="ma doc").text)


# --- canned queries, dashboard, feeds ---------------------------------------------------------

def test_search_query_with_date_range_and_province(ds):
    blank = dict(tu_khoa="", tu_ngay="", den_ngay="", tinh="")
    found = canned(ds, "tim_kiem", **dict(blank, tu_khoa="cong doan", tinh="can tho"))
    assert [r["title"] for r in found] == [SOC_TRANG, TRA_NOC, NINH_KIEU]
    found = canned(ds, "tim_kiem", **dict(blank, tu_ngay="2024-01-01", den_ngay="2024-01-31"))
    assert [r["title"] for r in found] == [TRA_VINH]
    found = canned(ds, "tim_kiem", **dict(blank, tu_khoa="công đoàn", tu_ngay="2023-01-01",
                                          den_ngay="2024-12-31", tinh="VĨNH LONG"))
    assert [r["title"] for r in found] == [TRA_VINH]
    assert len(canned(ds, "tim_kiem", **blank)) == len(ALL)


def test_latest_articles_are_those_of_the_last_seven_days(ds):
    assert [r["title"] for r in canned(ds, "moi_nhat")] == [RECENT_LD]


def test_articles_per_province_per_month(ds):
    rows = canned(ds, "theo_tinh_theo_thang")
    assert {"thang": "2024-05", "tinh": "Sóc Trăng", "tinh_nay": "Cần Thơ", "so_bai": 1} in rows
    assert sum(r["so_bai"] for r in rows) == len(ALL) - 1  # the undated article has no month


def test_crawl_health_shows_each_sites_last_run(ds):
    rows = {r["site"]: r for r in canned(ds, "suc_khoe_thu_thap")}
    assert set(rows) == {"tra_vinh", "can_tho"}
    assert rows["tra_vinh"]["lan_chay"] == 2 and rows["tra_vinh"]["ket_qua"] == "errors"
    assert rows["tra_vinh"]["loi_ghi_nhan"] == 1 and rows["tra_vinh"]["tong_bai_luu"] == 2
    assert rows["can_tho"]["bai_tim_thay"] == 2 and rows["can_tho"]["so_trang_loi"] == 0


def test_dashboard_page_and_every_chart_query(ds):
    page = get(ds, "/-/dashboards/tong-quan")
    assert page.status_code == 200 and "Số bài theo tỉnh, theo tháng" in page.text
    charts = load_metadata()["plugins"]["datasette-dashboards"]["tong-quan"]["charts"]
    for name, chart in charts.items():
        sql = re.sub(r"\[\[.*?\]\]", "", chart["query"])
        response = get(ds, "/congdoan.json", sql=sql, _shape="array")
        assert response.status_code == 200 and response.json(), (name, response.text)
    by_month = get(ds, "/congdoan.json", sql=re.sub(r"\[\[ and \(search_match.*?\]\]", "",
                                                    charts["bai-theo-thang"]["query"]).replace(
        "[[ and province_now = :tinh_nay ]]", "and province_now = :tinh_nay"),
        tinh_nay="Cần Thơ", _shape="array").json()
    assert {r["tinh"] for r in by_month} == {"Cần Thơ", "Sóc Trăng"}
    keyword = re.sub(r"\[\[ and province_now = :tinh_nay \]\]", "", charts["bai-theo-thang"]["query"])
    keyword = keyword.replace("[[", "").replace("]]", "")
    by_keyword = get(ds, "/congdoan.json", sql=keyword, tu_khoa="cong doan", _shape="array").json()
    assert {(r["thang"], r["tinh"]) for r in by_keyword} == {
        ("2024-01-15", "Trà Vinh"), ("2023-11-15", "Lâm Đồng"), ("2022-05-15", "Cần Thơ"),
        ("2024-05-15", "Sóc Trăng")}


def test_atom_feed_of_latest_articles_overall_and_per_province(ds):
    entries = feed(ds)
    assert {e.find(f"{ATOM}title").text for e in entries} == ALL
    # A date printed without a time still gives the entry a timestamp: the start of its day.
    dated = {e.find(f"{ATOM}title").text: e.find(f"{ATOM}updated").text for e in entries}
    assert dated[TRA_NOC] == "2022-05-12T00:00:00+07:00"
    first = next(e for e in entries if e.find(f"{ATOM}title").text == TRA_VINH)
    assert first.find(f"{ATOM}link").get("href") == ARTICLES[0].url
    assert "<figcaption>Đ/c Chủ tịch LĐLĐ tỉnh" in first.find(f"{ATOM}content").text
    for entry in entries:
        assert_inert(entry.find(f"{ATOM}content").text)
    undated = next(e for e in entries if e.find(f"{ATOM}title").text == NINH_KIEU)
    assert undated.find(f"{ATOM}updated").text == "2022-05-12T00:00:00+07:00"  # the oldest dated
    def feed_titles(tinh):
        return {e.find(f"{ATOM}title").text for e in feed(ds, tinh=tinh)}
    assert feed_titles("lam dong") == {LAM_DONG, RECENT_LD}
    assert feed_titles("Vĩnh Long") == {TRA_VINH, MALICIOUS.title}


def test_feed_of_an_unknown_province_says_so_instead_of_failing(ds):
    [entry] = feed(ds, tinh="Hà Tiên")
    assert entry.find(f"{ATOM}title").text == "Chưa có bài nào: Hà Tiên"


# --- the article page ------------------------------------------------------------------------

def article_page(ds: Datasette, item: Article) -> str:
    response = get(ds, f"/congdoan/articles/{storage.article_id(item.url)}")
    assert response.status_code == 200
    return response.text


def test_article_page_shows_the_article_as_a_reader_sees_it(ds):
    page = article_page(ds, ARTICLES[0])
    assert f"<title>{TRA_VINH}</title>" in page and f"<h1>{TRA_VINH}</h1>" in page
    assert '<span class="date">25/01/2024 08:30</span>' in page
    assert '<span class="date">12/05/2022</span>' in article_page(ds, ARTICLES[2])  # a day, no time
    assert "<dd>Trà Vinh</dd>" in page and "<dd>Vĩnh Long</dd>" in page
    assert '<span class="source">Công đoàn Trà Vinh</span>' in page
    assert 'href="/tim-kiem?tac_gia=thanh%20tam" title="Các bài khác của tác giả này">Thanh Tâm</a>' in page
    for paragraph in ARTICLES[0].body.split("\n"):
        assert f"<p>{paragraph}</p>" in page
    assert '<img src="https://congdoantravinh.com.vn/uploads/qua-tet.jpg"' in page
    assert "<figcaption>Đ/c Chủ tịch LĐLĐ tỉnh trao quà cho đoàn viên — THANH TÂM</figcaption>" in page
    assert f'<a href="{ARTICLES[0].url}" rel="noopener noreferrer nofollow">' in page
    assert "title_fold" not in page and "content_hash" not in page


def test_undated_article_says_so(ds):
    assert '<span class="date">không rõ ngày</span>' in article_page(ds, ARTICLES[5])


def test_malicious_article_renders_inert(ds):
    page = article_page(ds, MALICIOUS)
    assert_inert(page)
    # The text is still there for the reader, escaped.
    assert "Bài thử mã độc &lt;script&gt;" in page and "Bấm vào đây" in page
    assert "javascript:window.__xss=&#39;img&#39;" not in page  # the javascript: image is dropped


# --- safe public serving ---------------------------------------------------------------------

def test_csv_export_keeps_vietnamese_intact(ds):
    response = get(ds, "/congdoan/articles_public.csv", _stream="on", _size="max")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert {r["title"] for r in rows} == ALL
    body = next(r["body"] for r in rows if r["title"] == TRA_VINH)
    assert body == ARTICLES[0].body and unicodedata.is_normalized("NFC", body)


def test_sql_cannot_write(ds):
    for sql in ("delete from articles", "update articles set title = 'x'",
                "insert into sites (name) values ('x')", "drop view articles_public"):
        assert get(ds, "/congdoan.json", sql=sql).status_code == 400
    assert len(titles(ds)) == len(ALL)
    assert not [q for q in load_metadata()["databases"]["congdoan"]["queries"].values()
                if q.get("write")]


def test_runaway_query_is_cut_off_within_the_time_limit(ds):
    # The query never ends by itself: an answer at all, saying "too long", is the time limit at work.
    sql = "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"
    response = get(ds, "/congdoan.json", sql=sql)
    assert response.status_code == 400 and "too long" in response.text
    assert len(get(ds, "/congdoan.json", sql="select * from articles", _shape="array").json()) == len(ALL)


def test_settings_bound_what_a_page_may_cost(ds):
    settings = get(ds, "/-/settings.json").json()
    assert settings["sql_time_limit_ms"] <= 1000 and settings["max_returned_rows"] <= 1000
    assert settings["allow_download"] is False and settings["suggest_facets"] is False


def test_robots_are_turned_away_unless_the_operator_opts_in(ds, monkeypatch):
    assert get(ds, "/robots.txt").text == "User-agent: *\nDisallow: /\n"
    monkeypatch.setenv("CONGDOAN_ALLOW_ROBOTS", "1")
    allowed = get(ds, "/robots.txt").text
    assert "Disallow: /\n" not in allowed and "Disallow: /congdoan?sql=" in allowed

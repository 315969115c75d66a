"""The public server and a curious visitor: huge values, broken searches, POST, internals, links."""
from __future__ import annotations

import asyncio
import json
import sqlite3
import urllib.parse
from dataclasses import replace

import pytest

from crawler import storage
from tests.datasette_client import ATOM, feed, get, load_metadata, make_datasette, titles
from tests.published import ARTICLES, TRA_VINH, build_db, fetch, running_server



@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    return make_datasette(build_db(tmp_path_factory.mktemp("hardening") / "congdoan.db"))


def post(ds, path: str):
    async def send():
        return await ds.client.post(path, data={"sql": "delete from articles"})
    return asyncio.run(send())


# -- 1: one statement cannot allocate gigabytes --

@pytest.mark.parametrize("sql", ["select length(hex(randomblob(400000000)))",
                                 "select length(zeroblob(400000000))",
                                 "select length(replace(hex(zeroblob(4000000)), '0', 'aaaaa'))"])
def test_a_statement_asking_for_a_huge_value_is_refused(ds, sql):
    response = get(ds, "/congdoan.json", sql=sql)
    assert response.status_code == 400
    assert response.json()["error"] == "string or blob too big"
    # The server goes on answering searches.
    assert titles(ds, _search="cong doan co so") == {TRA_VINH, ARTICLES[1].title}


def test_the_real_server_refuses_it_and_goes_on_searching(tmp_path):
    search = "/congdoan/articles_public.json?" + urllib.parse.urlencode({"_search": "cong doan co so"})
    with running_server(build_db(tmp_path / "congdoan.db")) as url:
        status, body = fetch(url + "/congdoan.json?" + urllib.parse.urlencode(
            {"sql": "select length(hex(randomblob(400000000)))"}))
        assert (status, json.loads(body)["error"]) == (400, "string or blob too big")
        status, body = fetch(url + search)
    assert status == 200 and json.loads(body)["filtered_table_rows_count"] == 2


# -- 6: broken search strings --

@pytest.mark.parametrize("query", ['"', '""', "\0", '"\0"', '"""'])
@pytest.mark.parametrize("path", ["/congdoan/articles_public", "/congdoan/tim_kiem"])
def test_a_search_with_nothing_to_search_is_answered_in_vietnamese(ds, path, query):
    params = ({"_search": query} if path.endswith("public")
              else {"tu_khoa": query, "tu_ngay": "", "den_ngay": "", "tinh": ""})
    page = get(ds, path, **params)
    assert page.status_code == 400
    assert "Không tìm được với từ khóa" in page.text and "Invalid SQL" not in page.text
    as_json = get(ds, path + ".json", **params)
    assert as_json.status_code == 400 and as_json.json()["error"].startswith("Không tìm được")


@pytest.mark.parametrize("query", ['cong doan co so"', 'cong\0doan co so',
                                   '"cong doan co so\0"'])
def test_a_search_with_a_stray_quote_or_nul_searches_its_words(ds, query):
    expected = {TRA_VINH, ARTICLES[1].title}
    assert titles(ds, _search=query) == expected
    rows = get(ds, "/congdoan/tim_kiem.json", tu_khoa=query, tu_ngay="", den_ngay="", tinh="",
               _shape="array").json()
    assert {r["title"] for r in rows} == expected


def test_raw_search_mode_with_a_stray_quote_searches_the_phrase(ds):
    assert titles(ds, _search='"cong doan co so', _searchmode="raw") == {TRA_VINH}


# -- 7: the feed links only to web addresses --

def test_the_feed_never_links_a_non_web_url(tmp_path):
    path = build_db(tmp_path / "congdoan.db")
    with sqlite3.connect(path) as con:  # a row that did not come through storage
        con.execute("update articles set url = 'javascript:alert(1)' where title = ?", [TRA_VINH])
        (row_id,) = con.execute("select id from articles where title = ?", [TRA_VINH]).fetchone()
    entries = feed(make_datasette(path))
    links = {e.find(f"{ATOM}title").text: e.find(f"{ATOM}link").get("href") for e in entries}
    assert links[TRA_VINH] == f"/congdoan/articles/{row_id}"
    assert all(urllib.parse.urlsplit(href).scheme in ("https", "") for href in links.values())


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "data:text/html,<script>1</script>",
                                 " JavaScript:alert(1)", "ftp://congdoantravinh.com.vn/x"])
def test_storage_refuses_an_article_that_is_not_on_the_web(tmp_path, url):
    db = storage.open_db(tmp_path / "congdoan.db")
    with pytest.raises(storage.UnsafeUrl, match="not an http"):
        storage.save_articles(db, [ARTICLES[1], replace(ARTICLES[0], url=url)])
    assert db["articles"].count == 0  # nothing of the batch was written


# -- 8: the public server is read-only and says so --

@pytest.mark.parametrize("path", ["/congdoan/articles_public", "/congdoan/crawl_runs",
                                  "/congdoan/tim_kiem", "/congdoan/tin_moi_atom", "/congdoan",
                                  "/congdoan/articles_public.json"])
def test_post_is_answered_405(ds, path):
    response = post(ds, path)
    assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"
    assert get(ds, "/congdoan/articles_public.json", _size="0").json()["filtered_table_rows_count"] == 7


# -- 10: what the public cannot see --

@pytest.mark.parametrize("path", ["/-/databases.json", "/-/databases", "/congdoan/articles",
                                  "/congdoan/articles.json", "/congdoan/articles.csv",
                                  "/congdoan/articles_fts_data", "/congdoan/articles_fts_idx.json",
                                  "/congdoan/articles_fts_docsize", "/congdoan/articles_fts_config",
                                  "/congdoan/articles_fts_data/1", "/congdoan/articles_search_data",
                                  "/congdoan/articles_search_idx.json",
                                  "/congdoan/story_signatures", "/congdoan/story_bands.json"])
def test_internal_tables_and_paths_are_not_served(ds, path):
    response = get(ds, path)
    assert response.status_code == 404
    assert "congdoan.db" not in response.text


def test_no_query_shows_the_database_file(ds):
    for sql in ("select * from pragma_database_list", "select file from pragma_database_list()"):
        response = get(ds, "/congdoan.json", sql=sql, _shape="array")
        assert response.status_code == 200 and response.json() == []


def test_journalists_pages_still_work(ds):
    (row_id,) = next(iter(get(ds, "/congdoan.json", sql="select id from articles_public where title = "
                              ":t", t=TRA_VINH, _shape="arrays").json()["rows"]))
    assert get(ds, f"/congdoan/articles/{row_id}").status_code == 200
    assert titles(ds, _search='"công đoàn cơ sở"') == {TRA_VINH}
    assert "articles" in load_metadata()["databases"]["congdoan"]["tables"]

"""The journalists' own pages through Datasette's client: search, ranking, feeds, downloads, counts."""
from __future__ import annotations

import csv
import io
import re
from html import unescape
from urllib.parse import quote
from xml.etree import ElementTree

import pytest

from crawler import search, storage
from crawler.normalize.fold import author_key
from tests.published import (ARTICLES, LAM_DONG, MALICIOUS, NINH_KIEU, RECENT_LD, SOC_TRANG,
                             TRA_NOC, TRA_VINH, article, build_db)
from tests.datasette_client import ATOM, get, make_datasette
from tests.inert import assert_inert

# "làm" and "động" apart: matches `lam dong` typed without marks, but is not about Lâm Đồng.
LAM_VIEC = article("lam-viec-ca-dem", "can_tho", "Cần Thơ", "Cần Thơ",
                   "Công nhân làm việc ca đêm được hỗ trợ",
                   "Công đoàn vận động doanh nghiệp hỗ trợ tiền ăn cho người làm ca đêm.",
                   "2025-02-01T08:00:00+07:00", author="Thảo Vy")
LAM_VIEC_TITLE = LAM_VIEC.title
# The words of "viec ca dem", none next to another: a newer article that ranks below LAM_VIEC.
APART = article("dem-hoi-dien", "can_tho", "Cần Thơ", "Cần Thơ", "Đêm hội diễn văn nghệ công nhân",
                "Công việc chuẩn bị hoàn tất; nhiều tiết mục ca múa nhạc được dàn dựng công phu.",
                "2025-06-01T08:00:00+07:00")
FORMULA = article("cong-thuc", "can_tho", "Cần Thơ", "Cần Thơ", "=HYPERLINK(\"x\") mái ấm",
                  "-2+3 mái ấm công đoàn", "2023-06-01T08:00:00+07:00", author="THẢO VY")


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    path = build_db(tmp_path_factory.mktemp("newsroom") / "congdoan.db")
    db = storage.open_db(path)
    storage.save_articles(db, [LAM_VIEC, FORMULA, APART])
    db.close()
    return make_datasette(path)


def found(ds, **params) -> list[str]:
    """The result titles a reader sees, in order."""
    response = get(ds, "/tim-kiem", **params)
    assert response.status_code == 200, response.text
    return [re.sub(r"<[^>]+>", "", unescape(t)) for t in
            re.findall(r'<h2><a href="/congdoan/articles/\d+">(.*?)</a></h2>', response.text)]


# --- what a query means ------------------------------------------------------------------------

def test_words_typed_without_marks_match_folded_with_marks_match_exactly():
    assert search.parse("cong doan").match() == (
        '({title_fold body_fold author_key} : ("cong") AND {title_fold body_fold author_key} : ("doan"))')
    assert search.parse("Công Đoạn").match() == (
        '({title body author} : ("công") AND {title body author} : ("đoạn" OR "đọan"))')


def test_tone_on_either_vowel_is_the_same_word():
    assert search.tone_variants("hòa") == ("hòa", "hoà")
    assert search.tone_variants("thuý") == ("thuý", "thúy")
    assert search.tone_variants("khoẻ") == ("khoẻ", "khỏe")
    assert search.tone_variants("đoàn") == ("đoàn", "đòan")
    assert search.tone_variants("lâm") == ("lâm",)


def test_abbreviations_and_long_forms_are_one_term():
    assert search.parse("LĐLĐ").match() == \
        '({title_fold body_fold author_key} : ("ldld" OR "lien doan lao dong"))'
    assert search.parse("công đoàn cơ sở").match() == \
        '({title_fold body_fold author_key} : ("cdcs" OR "cong doan co so"))'
    assert search.parse("thành phố Cần Thơ").match() == search.parse("TPCT").match() == \
        '({title_fold body_fold author_key} : ("tpct" OR "thanh pho can tho" OR "tp can tho"))'


def test_adjacency_and_exclusion_and_or():
    query = search.parse('lam dong -"tết" OR')
    assert query.match().startswith('(({title_fold body_fold author_key} : ("lam dong"))) NOT')
    assert query.adjacent() == ['{title_fold body_fold author_key} : ("lam dong")']
    assert search.parse("viec ca dem").adjacent() == ['{title_fold body_fold author_key} : ("viec ca")',
                                                      '{title_fold body_fold author_key} : ("ca dem")']
    assert query.match().endswith('NOT (({title_fold body_fold author_key} : ("tet") AND '
                                  '{title body author} : ("tết")))')
    assert len(search.parse("a OR b").groups) == 2 and search.parse("a OR b").adjacent() == []


@pytest.mark.parametrize("text", ['"', '"công đoàn', "OR", "NEAR(", "*", "-x", "col:x", "a" * 10_000,
                                  "\x00\x1b[31m\u202e", "((()))", "^", ":", "AND NOT", "'; drop"])
def test_any_string_parses_without_error(text):
    query = search.parse(text)
    assert query.match() is None or "{" in query.match()


def test_highlight_escapes_scraped_text_and_marks_matches():
    query = search.parse("lam dong")
    assert search.highlight("<b>Lâm Đồng</b> & làm", query) == \
        "&lt;b&gt;<mark>Lâm Đồng</mark>&lt;/b&gt; &amp; làm"
    assert search.highlight("làm việc ca đêm", search.parse("viec dem")) == \
        "làm <mark>việc</mark> ca <mark>đêm</mark>"
    text = " ".join(f"từ{i}" for i in range(100)) + " công đoàn " + " ".join("x" * 3 for _ in range(50))
    assert search.snippet(text, search.parse("công đoàn")).startswith("… từ92 từ93")
    assert "<mark>công</mark> <mark>đoàn</mark>" in search.snippet(text, search.parse("cong doan"))


def test_author_key_and_display():
    assert author_key("thao vy") == author_key("Thảo  Vy") == author_key("THẢO VY") == "thao vy"
    assert search.author_display("THẢO VY") == "Thảo Vy"
    assert search.file_slug('Mái ấm "công đoàn"') == "mai-am-cong-doan"


def test_undated_feed_entries_are_never_newer_than_dated_ones():
    rows = [{"published_at": "2024-05-05T07:00:00+07:00", "first_seen": "2024-05-06T00:00:00+07:00"},
            {"published_at": "2023-01-02T07:00:00+07:00", "first_seen": "2023-01-03T00:00:00+07:00"},
            {"published_at": None, "first_seen": "2025-11-20T09:00:00+07:00"},
            {"published_at": None, "first_seen": "2022-01-01T09:00:00+07:00"}]
    assert search.feed_times(rows) == ["2024-05-05T07:00:00+07:00", "2023-01-02T07:00:00+07:00",
                                       "2023-01-02T07:00:00+07:00", "2022-01-01T09:00:00+07:00"]


def test_months_are_continuous():
    assert search.months_between("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]


# --- the search page ---------------------------------------------------------------------------

def test_no_marks_finds_both_with_marks_finds_only_that_word(ds):
    assert TRA_NOC in found(ds, q="cong doan") and TRA_VINH in found(ds, q="cong doan")
    assert found(ds, q="công đoạn") == [TRA_NOC]
    assert TRA_NOC not in found(ds, q="công đoàn")


def test_a_place_name_is_not_its_words_apart(ds):
    assert found(ds, q="lam dong") == found(ds, q="LÂM ĐỒNG") == [RECENT_LD, LAM_DONG]


def test_words_side_by_side_rank_first(ds):
    assert found(ds, q="viec ca dem") == [LAM_VIEC_TITLE, APART.title]
    assert found(ds, q="viec ca dem", sap_xep="moi") == [APART.title, LAM_VIEC_TITLE]


def test_abbreviation_finds_the_long_form(ds):
    assert set(found(ds, q="LĐLĐ")) == {TRA_VINH, LAM_DONG, NINH_KIEU}
    assert set(found(ds, q="ldld lam dong")) == {LAM_DONG}


def test_every_spelling_of_an_author_finds_the_same_articles(ds):
    expected = [LAM_VIEC_TITLE, FORMULA.title]
    for spelling in ("thao vy", "Thảo Vy", "THẢO VY"):
        assert found(ds, tac_gia=spelling) == expected
        assert set(found(ds, q=spelling)) == set(expected)  # the search box reads bylines too
    assert "<h1>Bài của tác giả Thảo Vy</h1>" in get(ds, "/tim-kiem", tac_gia="thao vy").text


def test_filters_dates_provinces_and_source(ds):
    assert found(ds, q="mai am", tinh_nay="Cần Thơ") == [FORMULA.title, NINH_KIEU]
    assert found(ds, q="mai am", tinh_nay="Cần Thơ", tu="2023-01-01", den="2024-12-31") == [FORMULA.title]
    assert found(ds, tinh="Sóc Trăng") == [SOC_TRANG]
    assert found(ds, nguon="tra_vinh", den="2024-01-25") == [TRA_VINH]
    page = get(ds, "/tim-kiem", tu="2024-13-01", den="hôm qua").text
    assert "“2024-13-01” không phải ngày hợp lệ" in page and "“hôm qua” không phải ngày hợp lệ" in page


def test_result_shows_source_label_date_author_snippet_and_count(ds):
    page = get(ds, "/tim-kiem", q="trao qua").text
    assert '<p class="count"><strong>1</strong> bài</p>' in page
    assert '<span class="source">Công đoàn Trà Vinh</span>' in page
    assert '<span class="date">25/01/2024 08:30</span>' in page
    assert '<a class="author" href="/tim-kiem?tac_gia=thanh%20tam">Thanh Tâm</a>' in page
    assert "Sáng 25/01, Liên đoàn Lao động tỉnh <mark>trao</mark> 200 phần <mark>quà</mark>" in page
    assert '<link rel="alternate" type="application/atom+xml" title="Tìm kiếm: “trao qua”" ' \
           'href="/tim-kiem.atom?q=trao+qua">' in page


@pytest.mark.parametrize("text", ['"', '"công đoàn', "OR", "NEAR(", "cong*", "-x", "col:x",
                                  "body_fold:x", "a" * 10_000, "\x00\x07 tết", "((", "đoàn OR",
                                  "NOT", "^cong", "-\"\"", "{title}: x", "+", "'"])
def test_bad_queries_get_results_or_a_friendly_word(ds, text):
    for path in ("/tim-kiem", "/tim-kiem.atom", "/tim-kiem.csv", "/thong-ke"):
        response = get(ds, path, q=text, trang="x", tu="x")
        assert response.status_code == 200, (path, text, response.text[:300])
        assert "fts5" not in response.text.lower() and "syntax error" not in response.text


def test_long_query_says_it_was_cut(ds):
    assert "Từ khóa quá dài: chỉ tìm theo 300 ký tự đầu." in get(ds, "/tim-kiem", q="x " * 5000).text


def test_scraped_text_stays_inert_on_search_page(ds):
    page = get(ds, "/tim-kiem", q="ma doc").text
    assert "Bài thử <mark>mã</mark> <mark>độc</mark> &lt;script&gt;window.__xss" in page
    assert_inert(page)


# --- keyword feed ------------------------------------------------------------------------------

def test_every_search_has_a_feed_titled_with_the_query(ds):
    response = get(ds, "/tim-kiem.atom", q="cong doan")
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = ElementTree.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "Tin công đoàn — Tìm kiếm: “cong doan”"
    entries = [(e.find(f"{ATOM}title").text, e.find(f"{ATOM}updated").text)
               for e in feed.findall(f"{ATOM}entry")]
    assert [t for t, _ in entries] == [LAM_VIEC_TITLE, SOC_TRANG, TRA_VINH, LAM_DONG, FORMULA.title,
                                       TRA_NOC, NINH_KIEU]
    assert entries[-1][1] == entries[-2][1] == "2022-05-12T00:00:00+07:00"  # undated: not newer


def test_feed_content_is_escaped_and_sanitized(ds):
    feed = ElementTree.fromstring(get(ds, "/tim-kiem.atom", q="ma doc").content)
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == MALICIOUS.title  # text in XML, not markup
    content = entry.find(f"{ATOM}content").text
    assert_inert(content)
    assert "<p>&lt;script&gt;window.__xss='script'&lt;/script&gt;</p>" in content  # shown as text


# --- Excel download ----------------------------------------------------------------------------

def test_download_is_the_federation_csv_named_after_the_search(ds):
    response = get(ds, "/tim-kiem.csv", q="mái ấm", tinh_nay="Cần Thơ")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="tim-kiem-mai-am-') and disposition.endswith(".csv")
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:4] == ["Mã bài", "Ngày đăng", "Ngày ước đoán", "Tiêu đề"]
    assert [r[3] for r in rows[1:]] == ["'=HYPERLINK(\"x\") mái ấm", NINH_KIEU]
    assert rows[1][0] == str(storage.article_id(FORMULA.url))
    assert rows[1][12] == "'-2+3 mái ấm công đoàn"


# --- monthly counts and crawl health -----------------------------------------------------------

def test_months_are_continuous_with_the_leading_province_and_health_in_words(ds):
    page = get(ds, "/thong-ke", q="cong doan").text
    months = re.findall(r'<th scope="row">(\d\d/\d{4})</th>', page)
    assert months[0] == "02/2025" and months[-1] == "05/2022" and len(months) == 34
    assert re.search(r'<th scope="row">05/2024</th>\s*(<td>\d+</td>)+\s*<td class="leader">Sóc Trăng</td>',
                     page)
    assert "Công đoàn Trà Vinh" in page and "Kết quả: có trang lỗi." in page
    assert "https://congdoantravinh.com.vn/x</code> — HTTP 404" in page


def test_author_on_the_article_page_links_to_their_other_articles(ds):
    page = get(ds, f"/congdoan/articles/{storage.article_id(ARTICLES[3].url)}").text
    assert f'href="/tim-kiem?tac_gia={quote("hoai thuong")}"' in page
    assert (f"{SOC_TRANG}. soc_trang, 05/05/2024 07:00. {ARTICLES[3].url}</textarea>") in page

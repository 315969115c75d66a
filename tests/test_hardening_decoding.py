"""Page decoding: byte order marks, pages that do not say their charset, and bytes no charset reads."""
from __future__ import annotations

import json
import re
import sqlite3

import pytest

from crawler.decoding import Undecodable, decode_html
from tests.fixtures import FILES, meta
from crawler.mirror import key, serve
from tests.conftest import run_crawl
from crawler.mirror.sites import articles, to_cp1258
from crawler.mirror.sites.tra_vinh import url_of
from tests.extracting import extract
from tests.nights import mirror_of

SITE, CASE = "can_tho", "article_credit_space_period"
ORIGINAL = (FILES / SITE / f"{CASE}.html").read_text(encoding="utf-8")
WITHOUT_CHARSET = re.sub(r"<meta charset=[^>]*>", "", ORIGINAL)
VARIANTS = {
    "utf-16 with a byte order mark": ORIGINAL.encode("utf-16"),
    "utf-16-be with a byte order mark": b"\xfe\xff" + ORIGINAL.encode("utf-16-be"),
    "utf-8 with a byte order mark": b"\xef\xbb\xbf" + ORIGINAL.encode("utf-8"),
    "windows-1258 with no charset named": to_cp1258(WITHOUT_CHARSET),
    "windows-1258 served as iso-8859-1": to_cp1258(ORIGINAL),
}


def expected() -> dict:
    return json.loads((FILES / SITE / f"{CASE}.json").read_text(encoding="utf-8"))[0]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_pages_in_other_encodings_give_the_same_article(tmp_path, variant):
    page = tmp_path / "page.html"
    page.write_bytes(VARIANTS[variant])
    info = meta(SITE, CASE)
    result = extract(str(page), "--url", info["url"], fetched_at=info["fetched_at"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected()


def test_bytes_no_charset_reads_cleanly_are_refused_by_name(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(WITHOUT_CHARSET.encode("utf-16-le"))  # no byte order mark
    result = extract(str(page), "--url", meta(SITE, CASE)["url"])
    assert result.returncode == 2
    assert result.stderr == (f"error: {page}: no charset gives clean text: not utf-8 (byte 0xea at "
                             "100); not windows-1258 (NUL character at 1)\n")


def test_encoding_option_reads_what_guessing_cannot(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(WITHOUT_CHARSET.encode("utf-16-le"))
    info = meta(SITE, CASE)
    result = extract(str(page), "--url", info["url"], "--encoding", "utf-16-le",
                     fetched_at=info["fetched_at"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected()
    unknown = extract(str(page), "--url", info["url"], "--encoding", "tcvn3")
    assert unknown.returncode == 2 and "unknown encoding 'tcvn3'" in unknown.stderr


@pytest.mark.parametrize("body,content_type,text", [
    ("Công đoàn".encode(), "text/html; charset=iso-8859-1", "Công đoàn"),  # a default claim
    ("Công đoàn".encode("cp1258"), "text/html; charset=windows-1258", "Công đoàn"),
    (to_cp1258("Lâm Đồng"), None, "Lâm Đô\u0300ng"),  # the tone as windows-1258 writes it
    ("café".encode("cp1252"), "text/html; charset=windows-1252", "café"),
    ('<meta charset="windows-1258">Lê'.encode("cp1258"), None, '<meta charset="windows-1258">Lê'),
])
def test_decode_html_picks_the_charset_that_reads_cleanly(body, content_type, text):
    assert decode_html(body, content_type) == text


def test_a_nul_is_never_passed_on_as_text_but_a_stray_control_character_is():
    with pytest.raises(Undecodable, match="not utf-8 \\(NUL character at 5\\)"):
        decode_html(b"<p>ok\x00</p>", "text/html; charset=utf-8")
    assert decode_html(b"<p>ok\x0b</p>", "text/html; charset=utf-8") == "<p>ok\x0b</p>"


def test_a_crawl_stores_a_bom_page_and_fails_an_unreadable_one_by_name(tmp_path):
    server = serve(0, sites=("tra_vinh",))
    mirror = mirror_of(server)
    bom, unreadable = [a for a in articles("tra_vinh") if not a.get("fault")][:2]
    for article, encode in ((bom, lambda text: text.encode("utf-16")),
                            (unreadable, lambda text: text.encode("utf-16-le"))):
        res = server.resources[key(url_of(article))]
        res.body, res.content_type = encode(res.body.decode("utf-8")), "text/html"
    result = run_crawl(mirror, tmp_path / "congdoan.db", "tra_vinh")
    server.shutdown()
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    with sqlite3.connect(tmp_path / "congdoan.db") as con:
        titles = dict(con.execute("select url, title from articles"))
        errors = dict(con.execute("select url, reason from crawl_errors"))
    assert titles[url_of(bom)] == bom["title"]
    assert url_of(unreadable) not in titles
    assert errors[url_of(unreadable)].startswith("no charset gives clean text: not utf-8 (byte ")
    assert all("\ufffd" not in title for title in titles.values())

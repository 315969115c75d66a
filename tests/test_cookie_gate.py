"""laodong.vn's cookie gate: recognised, passed once per site like a browser, or failed by name."""
import urllib.request

import pytest
import sqlite_utils
from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.test import get_crawler

from crawler.cookie_gate import (RETRIED, CookieGateMiddleware, CookieGateNotPassed,
                                 GateCookieHeader, Interstitial, read_gate)
from crawler.mirror import serve
from spiders.lao_dong import LaoDongSpider
from tests.conftest import run_crawl
from crawler.mirror.sites import articles, lao_dong

TOKEN = "5f0c2e9a7b1d4c3e8f6a9b2c1d0e7f3a"
GATE_PAGE = (f'<html><body><script>document.cookie="D1N={TOKEN}"+"; expires=Thu, 31 Dec 2099 '
             '23:59:59 GMT; path=/";window.location.reload(true);</script></body></html>').encode()
ARTICLE = "https://laodong.vn/ldld-can-tho/bai-viet-1234567.ldo"


@pytest.mark.parametrize("status,body,expected", [
    (200, GATE_PAGE, Interstitial(f"D1N={TOKEN}")),
    # The gate's shape changed: it still reloads, but no cookie can be read from its script.
    (200, b"<html><body><script>document.cookie=atob('RDFOPTEy')+'; path=/';location.reload(true);"
          b"</script></body></html>", Interstitial(None)),
    (200, b"<html><body><script>location.href='/home';</script></body></html>", None),  # a redirect
    (200, "<html><body><p>Trang chủ</p><script>location.reload()</script></body></html>".encode(),
     None),
    (200, b"<html><body><script>var a=1;</script></body></html>", None),
    (200, GATE_PAGE + b"<!--" + b"x" * 2048 + b"-->", None),  # too big to be the interstitial
    (503, GATE_PAGE, None),
])
def test_read_gate(status, body, expected):
    assert read_gate(status, body) == expected


def middlewares():
    crawler = get_crawler(LaoDongSpider)
    return CookieGateMiddleware.from_crawler(crawler), GateCookieHeader.from_crawler(crawler)


def test_interstitial_is_asked_again_once_with_its_cookie():
    gate, header = middlewares()
    request = Request(ARTICLE, errback=print)
    retry = gate.process_response(request, HtmlResponse(ARTICLE, body=GATE_PAGE, request=request))
    assert (retry.url, retry.meta[RETRIED], retry.dont_filter) == (ARTICLE, True, True)
    header.process_request(retry)
    assert retry.headers["Cookie"] == f"D1N={TOKEN}".encode()
    # Every later request to the site carries it, beside what Scrapy's cookie jar sends.
    later = Request("https://laodong.vn/robots.txt", headers={"Cookie": "a=1"})
    header.process_request(later)
    assert later.headers["Cookie"] == f"a=1; D1N={TOKEN}".encode()
    other = Request("https://ldldsoctrang.soctrang.gov.vn/tin-hoat-dong")
    header.process_request(other)
    assert "Cookie" not in other.headers
    page = HtmlResponse(ARTICLE, body=b"<html><body><h1 class='title'>x</h1></body></html>")
    assert gate.process_response(retry, page) is page


@pytest.mark.parametrize("body,retried,reason", [
    (GATE_PAGE, True, "the same interstitial came back after its cookie was sent"),
    (b"<html><body><script>document.cookie=k();location.reload(true);</script></body></html>",
     False, "its script sets no cookie we can read"),
])
def test_gate_that_does_not_open_is_a_named_failure(body, retried, reason):
    gate, _ = middlewares()
    request = Request(ARTICLE, errback=print, meta={RETRIED: True} if retried else {})
    with pytest.raises(CookieGateNotPassed, match=f"^cookie gate not passed: {reason}$"):
        gate.process_response(request, TextResponse(ARTICLE, body=body, request=request))


def test_mirror_gates_every_path_until_the_cookie_comes_back():
    server = serve(0, sites=("lao_dong",))
    base = f"http://127.0.0.1:{server.server_port}/laodong.vn"
    gate = server.gates[0]
    try:
        for path in ("/robots.txt", "/ldld-can-tho", "/khong-co-trang-nay"):
            with urllib.request.urlopen(base + path) as answer:
                assert (answer.status, read_gate(200, answer.read())) == (
                    200, Interstitial(f"D1N={gate.token}"))
        opened = urllib.request.Request(base + "/robots.txt",
                                        headers={"Cookie": f"x=1; D1N={gate.token}"})
        with urllib.request.urlopen(opened) as answer:
            assert answer.read().startswith(b"User-agent: *\nDisallow: /ldld-lam-dong/")
    finally:
        server.shutdown()


def crawl_behind(tmp_path, opens: bool):
    server = serve(0, sites=("lao_dong",))
    server.gates[0].opens = opens
    path = tmp_path / "congdoan.db"
    result = run_crawl(f"http://127.0.0.1:{server.server_port}", path, "lao_dong")
    server.shutdown()
    return result, sqlite_utils.Database(path), server.gates[0].stopped


def test_crawl_passes_the_gate_and_stores_every_article(tmp_path):
    result, db, stopped = crawl_behind(tmp_path, opens=True)
    assert result.returncode == 0, result.stderr[-2000:]
    # robots.txt is the first request: it meets the gate, and the cookie opens every later page.
    assert stopped == ["laodong.vn/robots.txt"]
    written = articles("lao_dong")
    rows = {r["url"]: r for r in db.query("select * from articles")}
    stored = [a for a in written if a.get("fault") is None]
    assert set(rows) == {lao_dong.url_of(a) for a in stored}
    titles = {a["title"] for a in written}
    for article in stored:
        row = rows[lao_dong.url_of(article)]
        assert (row["title"], row["author"], row["published_at"]) == (
            article["title"], article["author"],
            article["published"].strftime("%Y-%m-%dT%H:%M:00+07:00"))
        lines = row["body"].splitlines()
        assert lines[0] == article["body"][0]  # the sapo
        assert not [line for line in lines if line in titles]  # the related-news box is gone
    # The article robots.txt closes is refused: robots.txt was read behind the gate.
    closed = next(a for a in written if a.get("fault") == "robots")
    assert list(db.query("select reason from crawl_errors where url = ?",
                         [lao_dong.url_of(closed)])) == [{"reason": "Forbidden by robots.txt"}]


def test_gate_that_never_opens_fails_the_run_by_name(tmp_path):
    result, db, stopped = crawl_behind(tmp_path, opens=False)
    assert result.returncode != 0
    assert db["articles"].count == 0
    errors = {r["url"]: r["reason"] for r in db.query("select url, reason from crawl_errors")}
    failed = {"https://laodong.vn/robots.txt", *LaoDongSpider.start_urls}
    assert errors == dict.fromkeys(failed, "cookie gate not passed: the same interstitial came "
                                           "back after its cookie was sent")
    assert len(stopped) == 2 * len(failed)  # each asked twice: without the cookie, then with it

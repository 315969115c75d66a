"""Redirects a crawl must not follow are failed by name: off the site, to an address, to itself."""
from __future__ import annotations

import sqlite3

from crawler.mirror import Resource, key, serve
from tests.conftest import run_crawl
from crawler.mirror.sites import articles
from crawler.mirror.sites.tra_vinh import url_of
from tests.nights import mirror_of
from tests.recording import Recording

TARGETS = {  # where each redirect points, and the reason the crawl must give
    "https://example.org/bai-viet": "redirect off the site's domains (https://example.org/bai-viet)",
    "https://congdoantravinh.com.vn.evil.com/tin": "redirect off the site's domains "
                                                   "(https://congdoantravinh.com.vn.evil.com/tin)",
    "http://127.0.0.1:9/admin": "redirect to an IP address (http://127.0.0.1:9/admin)",
    "http://localhost/admin": "redirect to a loopback address (http://localhost/admin)",
    "/self": "redirect to itself",
}


def test_every_refused_redirect_is_recorded_with_its_reason(tmp_path):
    server = serve(0, sites=("tra_vinh",))
    mirror = mirror_of(server)
    plain = [a for a in articles("tra_vinh") if not a.get("fault")][:len(TARGETS)]
    expected = {}
    for article, (target, reason) in zip(plain, TARGETS.items()):
        url = url_of(article)
        location = url if target == "/self" else target
        server.resources[key(url)] = Resource(status=301 if "example" in target else 302,
                                              location=location)
        expected[url] = reason
    server.resources = Recording(server.resources)
    result = run_crawl(mirror, tmp_path / "congdoan.db", "tra_vinh")
    server.shutdown()
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    with sqlite3.connect(tmp_path / "congdoan.db") as con:
        errors = dict(con.execute("select url, reason from crawl_errors where reason like 'redirect%'"))
        status, failed, recorded = con.execute(
            "select status, articles_failed, (select count(*) from crawl_errors) from crawl_runs"
        ).fetchone()
        stored = {url for (url,) in con.execute("select url from articles")}
    assert errors == expected
    assert status == "errors" and failed == recorded >= len(expected)
    assert not stored & set(expected)
    assert not [a for a in server.resources.asked if "evil" in a or "example.org" in a]
    for url, reason in expected.items():  # the command's own report names them too
        assert f"! {url}: {reason}" in result.stdout

"""Cookie gates: a tiny page whose script sets a cookie and reloads, passed as a browser would."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from scrapy.exceptions import IgnoreRequest

from crawler.base_spider import page_failed
from crawler.urls import host_of

log = logging.getLogger(__name__)

# laodong.vn's interstitial is about 200 bytes; no page with content is anywhere near this small.
MAX_GATE_BYTES = 2048
RETRIED = "cookie_gate_retried"  # request meta: this request already carries the gate's cookie
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
# document.cookie="D1N=<32 hex>"+"; expires=…; path=/": the cookie is the first quoted name=value.
_SETS_COOKIE = re.compile(r"document\.cookie\s*=")
_COOKIE = re.compile(r"""document\.cookie\s*=\s*(["'])([A-Za-z0-9_.-]+)=([^"';\s]+)""")
_RELOADS = re.compile(r"location\.(?:reload|replace|href\s*=)")


class CookieGateNotPassed(IgnoreRequest):
    """The gate answered again after its cookie was sent, or its script no longer gives one."""


@dataclass(frozen=True)
class Interstitial:
    """What a gate page asks of the browser: the cookie to set (None when it cannot be read)."""

    cookie: str | None


def read_gate(status: int, body: bytes) -> Interstitial | None:
    """The gate, if the page is one: a tiny 200 page whose only content is a script that sets a
    cookie and reloads (or goes on to another address). A page with text of its own, more than
    one script, or a script that only redirects is no gate."""
    if status != 200 or len(body) > MAX_GATE_BYTES:
        return None
    text = body.decode("utf-8", errors="replace")
    scripts = _SCRIPT.findall(text)
    if len(scripts) != 1 or _TAG.sub("", _SCRIPT.sub("", text)).strip():
        return None
    script = scripts[0]
    if not (_SETS_COOKIE.search(script) and _RELOADS.search(script)):
        return None
    found = _COOKIE.search(script)
    return Interstitial(f"{found.group(2)}={found.group(3)}" if found else None)


class CookieGateMiddleware:
    """Recognises the interstitial, keeps its cookie for the site and asks once more with it.

    A gate still there on the second try, or one whose cookie cannot be read from its script,
    is a failure named by URL, never a page to parse. No script is run: the cookie is read.
    """

    def __init__(self, crawler, cookies: dict[str, str]):
        self.crawler = crawler
        self.cookies = cookies

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, gate_cookies(crawler))

    def process_response(self, request, response):
        gate = read_gate(response.status, response.body)
        if gate is None:
            return response
        if gate.cookie is None:
            self.refuse(request, "cookie gate not passed: its script sets no cookie we can read")
        if request.meta.get(RETRIED):
            self.refuse(request, "cookie gate not passed: the same interstitial came back "
                                 "after its cookie was sent")
        host = host_of(request.url)
        self.cookies[host] = gate.cookie
        log.info("cookie gate on %s: sending %s", host, gate.cookie.split("=")[0])
        return request.replace(dont_filter=True, meta={**request.meta, RETRIED: True})

    def refuse(self, request, reason: str):
        if request.errback is None:
            # robots.txt and other engine downloads have no errback to report through.
            self.crawler.signals.send_catch_log(page_failed, url=request.url, reason=reason,
                                                spider=self.crawler.spider)
        raise CookieGateNotPassed(reason)


class GateCookieHeader:
    """Sends a site's gate cookie with every request to it.

    A second middleware because the two sit on either side of Scrapy's own: the gate is read
    after HttpCompressionMiddleware (590) has decompressed the page, the cookie added after
    CookiesMiddleware (700) has rewritten the Cookie header from its jar.
    """

    def __init__(self, cookies: dict[str, str]):
        self.cookies = cookies

    @classmethod
    def from_crawler(cls, crawler):
        return cls(gate_cookies(crawler))

    def process_request(self, request):
        cookie = self.cookies.get(host_of(request.url))
        if cookie:
            jar = request.headers.get("Cookie")
            request.headers["Cookie"] = f"{jar.decode('latin-1')}; {cookie}" if jar else cookie


def gate_cookies(crawler) -> dict[str, str]:
    """Host → "NAME=value": the one store both middlewares of a crawl share."""
    if not hasattr(crawler, "cookie_gate_cookies"):
        crawler.cookie_gate_cookies = {}
    return crawler.cookie_gate_cookies

"""The one crawling routine every site spider declares itself into: listings, articles, failures."""
from __future__ import annotations

import re
from urllib.parse import urljoin

import scrapy
from scrapy.exceptions import (CannotResolveHostError, DownloadConnectionRefusedError,
                               DownloadTimeoutError, IgnoreRequest)
from scrapy.spidermiddlewares.httperror import HttpError

from crawler import PARSER_VERSION
from crawler.decoding import Undecodable
from crawler.extract import Selectors, extract
from crawler.learn_fallback import LearnedFallback
from crawler.responses import NotHtml, page_from_response
from crawler.urls import canonical_url

# Sent for every page that could not be turned into an article, with its URL, the reason and the
# response when one came back.
page_failed = object()
# Sent for every article page fetched, with its Page and response: what the raw archive keeps.
page_fetched = object()


class SiteSpider(scrapy.Spider):
    """Walks listing pages to article pages; a site spider only says where things are."""

    # -- the declaration each site fills in --
    label: str = ""  # the source's human name
    province: str = ""  # province the site belonged to when it published
    status: str = "archive"  # "archive" (frozen by the 2025 merger) or "active"
    notes: str = ""  # what is known or guessed about the site's HTML
    version: int = 1  # bump when the selectors change
    listing_rows: str = ""  # CSS: one element per article in the listing's content column
    row_link: str = "a"  # CSS inside a row: the article link
    row_date: str | None = None  # CSS inside a row: the date printed beside the link
    next_page: str | None = None  # CSS: the link to the next listing page
    selectors: Selectors
    drop_params: str | None = None  # regex of query parameters that never change the page
    url_rewrites: tuple[tuple[str, str], ...] = ()  # regex rewrites making one URL per page
    max_listing_pages: int = 1000  # per crawl, a guard against endless pagination

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._listings_seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        # When the selectors stop matching, a template learned from the site's pages reads them.
        spider.learned = LearnedFallback(spider)
        return spider

    @classmethod
    def parser_version(cls) -> str:
        return f"{PARSER_VERSION}/{cls.name}.{cls.version}"

    @classmethod
    def canonical(cls, url: str) -> str:
        """The one URL of a page on this site (re caches the compiled pattern)."""
        return canonical_url(url, re.compile(cls.drop_params) if cls.drop_params else None,
                             cls.url_rewrites)

    async def start(self):
        for url in self.start_urls:
            yield self.listing_request(url)

    def listing_request(self, url: str) -> scrapy.Request:
        url = self.canonical(url)
        self._listings_seen.add(url)
        return scrapy.Request(url, self.parse, errback=self.failed)

    def article_request(self, url: str, **meta) -> scrapy.Request:
        return scrapy.Request(self.canonical(url), self.parse_article, errback=self.failed, meta=meta)

    def parse(self, response):
        """A listing page: follow every article row, then the next page."""
        rows = response.css(self.listing_rows)
        if not rows:
            self.fail(response.url, f"listing page has no article rows ({self.listing_rows!r})",
                      response)
        for row in rows:
            href = row.css(self.row_link).attrib.get("href")
            if href:
                date = " ".join(row.css(self.row_date).xpath("string()").get("").split()) \
                    if self.row_date else None
                yield self.article_request(urljoin(response.url, href), listing_date=date or None)
        yield from self.follow_next(response)

    def next_listing(self, response) -> str | None:
        """The next listing page's address: where the `next_page` link points, by default."""
        href = response.css(self.next_page).attrib.get("href") if self.next_page else None
        return urljoin(response.url, href) if href else None

    def follow_next(self, response):
        url = self.next_listing(response)
        if not url:
            return
        url = self.canonical(url)
        if url in self._listings_seen:
            self.fail(response.url, f"pagination loops back to {url}", response)
        elif len(self._listings_seen) >= self.max_listing_pages:
            self.fail(url, f"stopped after {self.max_listing_pages} listing pages")
        else:
            yield self.listing_request(url)

    def parse_article(self, response):
        try:
            page = page_from_response(response, self.name, self.canonical(response.url))
        except (NotHtml, Undecodable) as error:
            self.fail(response.url, str(error), response)
            return
        if response.css(self.listing_rows):
            # Bare-slug sites link category pages where articles sit; their teasers are no article.
            self.fail(response.url, "a listing page, not an article", response)
            return
        self.crawler.signals.send_catch_log(page_fetched, page=page, response=response, spider=self)
        listing_date = response.meta.get("listing_date")
        yield from self.learned.read(page, self.extract_page(page, listing_date=listing_date),
                                     listing_date)

    @classmethod
    def extract_page(cls, page, listing_date: str | None = None) -> list:
        """The RawArticles on one saved page; the same call serves crawl, tests and re-parse."""
        return [extract(page, cls.selectors, listing_date=listing_date)]

    def failed(self, failure):
        """Errback: name the page and the reason; the crawl goes on."""
        self.fail(failure.request.url, describe(failure), getattr(failure.value, "response", None))

    def fail(self, url: str, reason: str, response=None) -> None:
        self.logger.error("%s: %s", url, reason)
        self.crawler.signals.send_catch_log(page_failed, url=url, reason=reason, spider=self,
                                            response=response)

    @classmethod
    def site_record(cls) -> dict:
        """The `sites` table row for this spider."""
        from crawler.normalize import province_now
        return {"name": cls.name, "label": cls.label, "province": cls.province,
                "province_now": province_now(cls.province) if cls.province else "",
                "domains": list(cls.allowed_domains), "status": cls.status, "notes": cls.notes}


def describe(failure) -> str:
    """A short human reason for a failed request."""
    if failure.check(HttpError):
        return f"HTTP {failure.value.response.status}"
    if failure.check(DownloadTimeoutError):
        return "timed out"
    if failure.check(CannotResolveHostError):
        return "DNS lookup failed"
    if failure.check(DownloadConnectionRefusedError):
        return "connection refused"
    message = str(failure.value) or failure.type.__name__
    if failure.check(IgnoreRequest) and "DOWNLOAD_MAXSIZE" in message:
        return "response larger than DOWNLOAD_MAXSIZE (a decompression bomb or a runaway page)"
    return message if len(message) < 300 else message[:297] + "..."

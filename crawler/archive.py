"""The raw page archive: every fetched article page kept compressed, outside what Datasette publishes."""
from __future__ import annotations

import hashlib
import sqlite3
import zlib
from pathlib import Path

from scrapy.utils.defer import deferred_from_coro

from crawler import storage
from crawler.items import Page
from crawler.base_spider import page_fetched

# Level 1 keeps compression off the crawl's critical path; level 6 saves little more on HTML.
COMPRESSION_LEVEL = 1


def archive_path(settings) -> Path:
    """ARCHIVE_DATABASE when set, else archive.db beside the article database."""
    default = Path(settings.get("DATABASE")).with_name("archive.db")
    return Path(settings.get("ARCHIVE_DATABASE") or default)


def to_row(page: Page, response, spider) -> dict:
    """The archive row for a fetched page: the bytes as served, before any charset repair."""
    redirects = response.meta.get("redirect_urls") or []
    linked = spider.canonical(redirects[0]) if redirects else None
    return {"url": page.url, "site": page.site, "status": page.status, "fetched_at": page.fetched_at,
            "requested_url": linked if linked != page.url else None,
            "listing_date": response.meta.get("listing_date"),
            "content_type": response.headers.get(b"Content-Type", b"").decode("latin-1"),
            "sha256": hashlib.sha256(response.body).hexdigest(),
            "body": zlib.compress(response.body, COMPRESSION_LEVEL)}


class ArchiveExtension:
    """Writes each fetched page to the archive as it arrives, so it is never behind the articles.

    One small transaction per page is cheap in WAL mode, and it means a killed crawl never leaves
    a stored article whose page is missing from the archive (the next crawl would not fetch it).
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.path = archive_path(crawler.settings)
        self.db = None
        crawler.signals.connect(self.fetched, signal=page_fetched)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def fetched(self, page, response, spider):
        row = to_row(page, response, spider)
        try:
            if self.db is None:
                self.db = storage.open_archive(self.path)
            written = storage.archive_pages(self.db, [row])
            self.crawler.stats.inc_value("congdoan/pages_archived", written)
        except (sqlite3.Error, OSError) as error:
            # An archive that cannot be written fails the run instead of silently thinning out.
            spider.fail(page.url, f"not archived: {error}", response)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="archive_failed"))

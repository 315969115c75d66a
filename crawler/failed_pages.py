"""Pages that fetched fine but did not parse, kept in failed_pages/<site>/ to become saved-page tests."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from scrapy import signals

from crawler.items import Article
from crawler.responses import now_ict
from crawler.base_spider import page_failed

GENERIC = "read by the generic fallback: the site's selectors found no article text"


def failed_pages_dir(settings) -> Path:
    """FAILED_PAGES_DIR when set, else failed_pages/ beside the article database."""
    default = Path(settings.get("DATABASE")).parent / "failed_pages"
    return Path(settings.get("FAILED_PAGES_DIR") or default)


def file_name(url: str) -> str:
    """A readable, unique file name for a page: its last path segment and a short hash."""
    last = url.rstrip("/").rsplit("/", 1)[-1].lower()
    stem = re.sub(r"[^a-z0-9]+", "-", last).strip("-")[:60] or "page"
    return f"{stem}-{hashlib.sha256(url.encode()).hexdigest()[:8]}.html"


class FailedPagesExtension:
    """Keeps each page that broke parsing beside a meta.json entry in the saved-page test format.

    `python scripts/save_fixture.py SITE CASE FILE --url URL [--listing] --fetched-at TIME` then
    turns one into a test case once the spider handles it.
    """

    def __init__(self, crawler):
        self.root = failed_pages_dir(crawler.settings)
        self.limit = crawler.settings.getint("FAILED_PAGES_MAX")
        self.saved = 0
        crawler.signals.connect(self.on_failed, signal=page_failed)
        crawler.signals.connect(self.on_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.on_scraped, signal=signals.item_scraped)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def on_failed(self, url, reason, spider, response=None):
        if response is not None and response.status == 200 and "html" in _content_type(response):
            self.save(spider, response, reason)

    def on_dropped(self, item, response, exception, spider):
        if isinstance(item, Article):
            self.save(spider, response, str(exception))

    def on_scraped(self, item, response, spider):
        if isinstance(item, Article) and item.method != "selectors":
            self.save(spider, response, GENERIC)

    def save(self, spider, response, reason: str) -> None:
        if self.saved >= self.limit:
            return
        folder = self.root / spider.name
        folder.mkdir(parents=True, exist_ok=True)
        url = spider.canonical(response.url)
        name = file_name(url)
        (folder / name).write_bytes(response.body)
        kind = "article" if response.request.callback == spider.parse_article else "listing"
        entry = {"url": url, "kind": kind, "fetched_at": now_ict().isoformat(), "reason": reason}
        if response.meta.get("listing_date"):
            entry["listing_date"] = response.meta["listing_date"]
        meta_path = folder / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        meta[name] = entry
        meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                             encoding="utf-8")
        self.saved += 1


def _content_type(response) -> str:
    return response.headers.get(b"Content-Type", b"").decode("latin-1").lower()

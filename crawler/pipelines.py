"""Item pipelines, one job each: normalize, validate, store (with the crawl-run record)."""
from __future__ import annotations

import sqlite3
import time
from collections import Counter

from scrapy import signals
from scrapy.exceptions import DropItem

from crawler import storage
from crawler.items import Article, RawArticle
from crawler.normalize import normalize_article
from crawler.pages import now_ict
from crawler.spider import page_failed
from crawler.urls import on_domains

MIN_BODY_CHARS = 80


class NormalizePipeline:
    """RawArticle -> Article with the pure normalization functions."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        spider = self.crawler.spider
        if not isinstance(item, RawArticle):
            raise DropItem(f"unexpected item {type(item).__name__}")
        return normalize_article(item, province=spider.province, parser_version=spider.parser_version())


def problems(article: Article, domains) -> list[str]:
    """Why an article must not be stored; empty when it is fit."""
    found = []
    if not on_domains(article.url, domains):
        found.append(f"URL outside the site's domains ({article.host})")
    if not article.title.strip():
        found.append("no title")
    if len(article.body) < MIN_BODY_CHARS:
        found.append(f"no article body ({len(article.body)} characters after cleaning)")
    return found


class ValidatePipeline:
    """Drops an article that is unfit to store, saying why."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item: Article):
        found = problems(item, self.crawler.spider.allowed_domains)
        if found:
            raise DropItem("; ".join(found))
        return item


class StorePipeline:
    """Writes articles in batched transactions and records the crawl run with every failure."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.path = crawler.settings.get("DATABASE")
        self.batch_size = crawler.settings.getint("STORE_BATCH_SIZE", 200)
        self.buffer: list[Article] = []
        self.counts: Counter = Counter()
        self.coverage: Counter = Counter()
        self.errors: list[dict] = []
        self.store_failed = False
        self.last_flush = time.monotonic()
        crawler.signals.connect(self.on_failed, signal=page_failed)
        crawler.signals.connect(self.on_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.on_error, signal=signals.spider_error)
        crawler.signals.connect(self.finish, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        spider = self.crawler.spider
        self.db = storage.open_db(self.path)
        storage.save_sites(self.db, [spider.site_record()])
        self.run_id = storage.start_run(self.db, spider.name, now_ict().isoformat())

    def process_item(self, item: Article):
        self.buffer.append(item)
        self.counts["found"] += 1
        self.tally(item)
        # Batches keep writes fast; the time bound keeps a slow crawl's articles from waiting long.
        if len(self.buffer) >= self.batch_size or time.monotonic() - self.last_flush > 5:
            self.flush()
        return item

    def tally(self, item: Article) -> None:
        """Count who extracted an article and which fields it has, stored or rejected alike."""
        self.counts["generic"] += item.method != "selectors"
        for field in ("title", "published_at", "author", "body"):
            self.coverage[field] += bool(getattr(item, field))

    def flush(self):
        try:
            self.counts.update(storage.save_articles(self.db, self.buffer))
        except sqlite3.Error as error:
            # Articles that could not be written must fail the run, not vanish from a healthy one.
            self.store_failed = True
            self.errors += [{"url": a.url, "reason": f"not stored: {error}"} for a in self.buffer]
        self.buffer.clear()
        self.last_flush = time.monotonic()

    def on_failed(self, url, reason, spider):
        self.errors.append({"url": url, "reason": reason})

    def on_dropped(self, item, response, exception, spider):
        if isinstance(item, Article):  # rejected by validation: it counts towards field coverage
            self.counts["rejected"] += 1
            self.tally(item)
        self.errors.append({"url": getattr(item, "url", response.url), "reason": str(exception)})

    def on_error(self, failure, response, spider):
        self.errors.append({"url": response.url, "reason": f"spider error: {failure.value!r}"})

    def close_spider(self):
        self.flush()

    def finish(self, spider, reason):
        """Close the crawl_runs row once Scrapy knows why the crawl ended."""
        stats = self.crawler.stats
        found = self.counts["found"]
        # Coverage is over every extracted article, so a lost body or title shows as well.
        extracted = found + self.counts["rejected"]
        figures = {
            "finished_at": now_ict().isoformat(),
            "finish_reason": "store_failed" if self.store_failed else reason,
            "pages_fetched": stats.get_value("downloader/response_count", 0),
            "articles_found": found, "articles_new": self.counts["new"],
            "articles_updated": self.counts["updated"],
            "articles_unchanged": self.counts["unchanged"],
            "articles_failed": len(self.errors), "articles_generic": self.counts["generic"],
            "articles_rejected": self.counts["rejected"],
            "links_found": stats.get_value("congdoan/links_found", 0),
            "links_skipped": stats.get_value("congdoan/links_skipped", 0),
            **{f"coverage_{k if k != 'published_at' else 'date'}":
               round(self.coverage[k] / extracted, 3) if extracted else None
               for k in ("title", "published_at", "author", "body")},
        }
        figures["status"] = run_status(figures)
        storage.finish_run(self.db, self.run_id, spider.name, self.errors, **figures)
        stats.set_value("congdoan/run_id", self.run_id)
        stats.set_value("congdoan/status", figures["status"])


def run_status(figures: dict) -> str:
    """'ok', 'errors' (some pages failed) or 'failed' (no article seen, or the crawl was cut short).

    An incremental crawl of a quiet site stores nothing new: the stored articles its listing
    pages still show prove it works.
    """
    seen = figures["articles_found"] + figures.get("links_skipped", 0)
    if seen == 0 or figures["finish_reason"] != "finished":
        return "failed"
    return "errors" if figures["articles_failed"] else "ok"

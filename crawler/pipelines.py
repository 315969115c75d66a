"""Item pipelines, one job each: normalize, validate, store."""
from __future__ import annotations

import sqlite3
import time

from scrapy.exceptions import DropItem

from crawler import storage
from crawler.items import Article, RawArticle
from crawler.normalize import normalize_article
from crawler.base_spider import page_failed
from crawler.validation import problems


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
    """Writes articles in batched transactions; what it wrote, and failed to, goes to the stats."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.path = crawler.settings.get("DATABASE")
        self.batch_size = crawler.settings.getint("STORE_BATCH_SIZE", 200)
        self.buffer: list[Article] = []
        self.last_flush = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.db = storage.open_db(self.path)

    def process_item(self, item: Article):
        self.buffer.append(item)
        # Batches keep writes fast; the time bound keeps a slow crawl's articles from waiting long.
        if len(self.buffer) >= self.batch_size or time.monotonic() - self.last_flush > 5:
            self.flush()
        return item

    def flush(self):
        stats = self.crawler.stats
        try:
            for outcome, count in storage.save_articles(self.db, self.buffer).items():
                stats.inc_value(f"congdoan/articles_{outcome}", count)
        except sqlite3.Error as error:
            # Articles that could not be written must fail the run, not vanish from a healthy one.
            stats.set_value("congdoan/store_failed", True)
            for article in self.buffer:
                self.crawler.signals.send_catch_log(page_failed, url=article.url,
                                                    reason=f"not stored: {error}",
                                                    spider=self.crawler.spider)
        self.buffer.clear()
        self.last_flush = time.monotonic()

    def close_spider(self):
        self.flush()

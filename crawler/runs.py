"""The crawl_runs record of one spider's run: its counts, field coverage and every failure by URL."""
from __future__ import annotations

from collections import Counter

from scrapy import signals

from crawler import storage
from crawler.items import Article
from crawler.responses import now_ict
from crawler.base_spider import page_failed

FIELDS = ("title", "published_at", "author", "body")


class RunRecorder:
    """Opens the run's row when the spider opens and closes it, with its figures, once Scrapy knows
    why the crawl ended. It only listens: the store pipeline's outcome reaches it through stats."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.counts: Counter = Counter()
        self.coverage: Counter = Counter()
        self.errors: list[dict] = []
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.on_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.on_failed, signal=page_failed)
        crawler.signals.connect(self.on_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.on_error, signal=signals.spider_error)
        crawler.signals.connect(self.finish, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def opened(self, spider):
        self.db = storage.open_db(self.crawler.settings.get("DATABASE"))
        storage.save_sites(self.db, [spider.site_record()])
        self.run_id = storage.start_run(self.db, spider.name, now_ict().isoformat())

    def tally(self, item: Article) -> None:
        """Count who extracted an article and which fields it has, stored or rejected alike."""
        self.counts["generic"] += item.method != "selectors"
        for field in FIELDS:
            self.coverage[field] += bool(getattr(item, field))

    def on_scraped(self, item, response, spider):
        if isinstance(item, Article):
            self.counts["found"] += 1
            self.tally(item)

    def on_failed(self, url, reason, spider, response=None):
        self.errors.append({"url": url, "reason": reason})

    def on_dropped(self, item, response, exception, spider):
        if isinstance(item, Article):  # rejected by validation: it counts towards field coverage
            self.counts["rejected"] += 1
            self.tally(item)
        self.errors.append({"url": getattr(item, "url", response.url), "reason": str(exception)})

    def on_error(self, failure, response, spider):
        self.errors.append({"url": response.url, "reason": f"spider error: {failure.value!r}"})

    def finish(self, spider, reason):
        """Close the crawl_runs row; the store pipeline has flushed by now (Scrapy closes pipelines
        before it sends spider_closed)."""
        figures = self.figures(reason)
        figures["status"] = run_status(figures)
        storage.finish_run(self.db, self.run_id, spider.name, self.errors, **figures)
        self.crawler.stats.set_value("congdoan/run_id", self.run_id)
        self.crawler.stats.set_value("congdoan/status", figures["status"])

    def figures(self, reason: str) -> dict:
        stats = self.crawler.stats
        found = self.counts["found"]
        # Coverage is over every extracted article, so a lost body or title shows as well.
        extracted = found + self.counts["rejected"]
        return {
            "finished_at": now_ict().isoformat(),
            "finish_reason": "store_failed" if stats.get_value("congdoan/store_failed") else reason,
            "pages_fetched": stats.get_value("downloader/response_count", 0),
            "articles_found": found,
            **{f"articles_{k}": stats.get_value(f"congdoan/articles_{k}", 0)
               for k in ("new", "updated", "unchanged")},
            "articles_failed": len(self.errors), "articles_generic": self.counts["generic"],
            "articles_rejected": self.counts["rejected"],
            "links_found": stats.get_value("congdoan/links_found", 0),
            "links_skipped": stats.get_value("congdoan/links_skipped", 0),
            **{f"coverage_{k if k != 'published_at' else 'date'}":
               round(self.coverage[k] / extracted, 3) if extracted else None for k in FIELDS},
        }


def run_status(figures: dict) -> str:
    """'ok', 'errors' (some pages failed) or 'failed' (no article seen, or the crawl was cut short).

    An incremental crawl of a quiet site stores nothing new: the stored articles its listing
    pages still show prove it works.
    """
    seen = figures["articles_found"] + figures.get("links_skipped", 0)
    if seen == 0 or figures["finish_reason"] != "finished":
        return "failed"
    return "errors" if figures["articles_failed"] else "ok"

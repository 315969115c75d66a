"""In a crawl: where a site's selectors miss, its learned template reads the page, checked on each."""
from __future__ import annotations

import logging
from dataclasses import replace

from scrapy.exceptions import DontCloseSpider

from crawler import storage
from crawler.learn import MIN_PAGES, Refused, agrees, from_row, learn, read_with, to_row
from crawler.learn_reference import generic_reading
from crawler.pages import now_ict

log = logging.getLogger(__name__)
RETRY = "learn_retry"  # request meta: a page fetched again to be read once a template exists


class LearnedFallback:
    """One per crawl of a site: the site's template, or the missed pages to learn one from.

    A page the selectors miss waits (nothing is yielded for it) until MIN_PAGES such pages have
    come: then a template is learned from them, stored, and the waiting pages are fetched again
    to be read with it, each under its own response. Pages still waiting when the crawl runs dry
    are fetched again too and read by the generic fallback.
    """

    def __init__(self, spider):
        self.spider = spider
        self.template = None
        self.loaded = False
        self.waiting: list[tuple] = []  # (Page, listing date): a few pages, kept to learn from
        self.refused: str | None = None
        self.db = None

    def read(self, page, articles: list, listing_date: str | None, retry: bool) -> list:
        """The articles to yield for a page, given what the site's own extraction found."""
        if len(articles) != 1 or articles[0].method == "selectors":
            return articles
        template = self.stored()
        learned = template and self.verified(template, page, articles[0], listing_date)
        if learned or retry or self.refused:
            return [learned or articles[0]]
        self.waiting.append((page, listing_date))
        if len(self.waiting) < MIN_PAGES:
            return []
        return self.learn_from_waiting(page, articles[0], listing_date)

    def learn_from_waiting(self, page, generic, listing_date) -> list:
        """Learn from the pages waiting (the current one last); on refusal, read them generically."""
        try:
            template = learn([p for p, _ in self.waiting], self.spider.name)
        except Refused as error:
            self.refused = str(error)
            log.warning("%s: no template learned: %s", self.spider.name, error)
            template = None
        if template is not None:
            self.template = template
            storage.save_template(self.database(), to_row(template, now_ict().isoformat()))
            log.warning("%s: selectors missed on %d pages; learned a template from them:\n%s",
                        self.spider.name, len(self.waiting), template.declaration())
        self.retry_waiting(keep_last=True)
        learned = template and self.verified(template, page, generic, listing_date)
        return [learned or generic]

    def verified(self, template, page, generic, listing_date):
        """The template's reading of a page, if it agrees with the generic extraction of it."""
        raw = read_with(template, page, listing_date)
        if not agrees(raw, generic_reading(page)):
            return None
        return replace(generic, title=raw.title, dateline=raw.dateline or generic.dateline,
                       credit=raw.credit or generic.credit, blocks=raw.blocks, method="learned")

    def retry_waiting(self, keep_last: bool = False) -> None:
        """Fetch the waiting pages again (the last one is being read now when keep_last)."""
        waiting, self.waiting = self.waiting[:-1] if keep_last else self.waiting, []
        for page, listing_date in waiting:
            request = self.spider.article_request(page.url, listing_date=listing_date, **{RETRY: True})
            self.spider.crawler.engine.crawl(request.replace(dont_filter=True))

    def idle(self, spider) -> None:
        """spider_idle: pages still waiting are read now; the crawl goes on until they are."""
        if self.waiting:
            self.retry_waiting()
            raise DontCloseSpider

    def stored(self):
        """The template learned in this crawl, else the one kept in the database, if any."""
        if not self.loaded:
            row = storage.learned_template(self.database(), self.spider.name)
            self.template = self.template or (from_row(row) if row else None)
            self.loaded = True
        return self.template

    def database(self):
        if self.db is None:
            self.db = storage.open_db(self.spider.crawler.settings.get("DATABASE"))
        return self.db

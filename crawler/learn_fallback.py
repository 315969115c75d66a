"""In a crawl: where a site's selectors miss, its learned template reads the page, checked on each."""
from __future__ import annotations

import logging
from dataclasses import replace

from crawler import storage
from crawler.learn import MIN_PAGES, Refused, agrees, from_row, learn, read_with, to_row
from crawler.learn_reference import generic_reading
from crawler.responses import now_ict

log = logging.getLogger(__name__)


class LearnedFallback:
    """One per crawl of a site: the site's template, or the missed pages to learn one from.

    A page the selectors miss is stored at once with the generic reading and kept (a few pages,
    in memory) until MIN_PAGES such pages have come: then a template is learned from them and
    stored, and each kept page the template reads as the generic extraction does is yielded again
    with method "learned". No page is fetched twice for it.
    """

    def __init__(self, spider):
        self.spider = spider
        self.template = None
        self.loaded = False
        self.waiting: list[tuple] = []  # (Page, listing date, generic reading): kept to learn from
        self.refused: str | None = None
        self.db = None

    def read(self, page, articles: list, listing_date: str | None) -> list:
        """The articles to yield for a page, given what the site's own extraction found."""
        if len(articles) != 1 or articles[0].method == "selectors":
            return articles
        template = self.stored()
        learned = template and self.verified(template, page, articles[0], listing_date)
        if learned or template or self.refused:
            return [learned or articles[0]]
        self.waiting.append((page, listing_date, articles[0]))
        if len(self.waiting) < MIN_PAGES:
            return [articles[0]]
        return self.learn_from_waiting()

    def learn_from_waiting(self) -> list:
        """Learn from the pages kept (the current one last): the current page's reading, and the
        learned readings of the earlier ones (already stored with their generic reading)."""
        waiting, self.waiting = self.waiting, []
        *earlier, (page, listing_date, generic) = waiting
        try:
            template = learn([p for p, _, _ in waiting], self.spider.name)
        except Refused as error:
            self.refused = str(error)
            log.warning("%s: no template learned: %s", self.spider.name, error)
            return [generic]
        self.template = template
        storage.save_template(self.database(), to_row(template, now_ict().isoformat()))
        log.warning("%s: selectors missed on %d pages; learned a template from them:\n%s",
                    self.spider.name, len(waiting), template.declaration())
        relearned = [self.verified(template, p, g, d) for p, d, g in earlier]
        current = self.verified(template, page, generic, listing_date) or generic
        return [article for article in relearned if article] + [current]

    def verified(self, template, page, generic, listing_date):
        """The template's reading of a page, if it agrees with the generic extraction of it."""
        raw = read_with(template, page, listing_date)
        if not agrees(raw, generic_reading(page)):
            return None
        return replace(generic, title=raw.title, dateline=raw.dateline or generic.dateline,
                       credit=raw.credit or generic.credit, blocks=raw.blocks, method="learned")

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

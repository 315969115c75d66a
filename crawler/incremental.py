"""Incremental crawling: stored articles are not fetched again; a walk stops at a page of them."""
from __future__ import annotations

from scrapy import Request

from crawler import storage
from crawler.archive import archive_path


class IncrementalMiddleware:
    """Filters what a listing page asks for, so spiders stay plain declarations of where things are.

    CRAWL_FULL walks every listing page (a backfill); CRAWL_REFETCH downloads stored articles again.
    Sites list newest first, so a listing page whose links the last complete crawl had all seen
    ends the walk: everything below it was walked then.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.full = crawler.settings.getbool("CRAWL_FULL")
        self.refetch = crawler.settings.getbool("CRAWL_REFETCH")
        self.known: set[str] = set()  # need not be downloaded again
        self.settled: set[str] = set()  # seen by a crawl that walked to its end
        self.loaded = False
        self.seen: set[str] = set()
        self.skipped: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_spider_output(self, response, result):
        yield from self.filter(list(result))

    async def process_spider_output_async(self, response, result):
        for output in self.filter([o async for o in result]):
            yield output

    def filter(self, outputs: list) -> list:
        spider = self.crawler.spider
        articles = {id(o) for o in outputs
                    if isinstance(o, Request) and o.callback == spider.parse_article}
        if not articles:  # not a listing page
            return outputs
        self.load()
        urls = {o.url for o in outputs if id(o) in articles}
        self.seen |= urls
        if not self.refetch:
            self.skipped |= urls & self.known
        self.crawler.stats.set_value("congdoan/links_found", len(self.seen))
        self.crawler.stats.set_value("congdoan/links_skipped", len(self.skipped))
        stop = not self.full and urls <= self.settled

        def keep(output) -> bool:
            if not isinstance(output, Request):
                return True
            if id(output) in articles:
                return self.refetch or output.url not in self.known
            return not stop  # the next listing page
        return [o for o in outputs if keep(o)]

    def load(self) -> None:
        """Read once per crawl what the database and the archive already hold for the site.

        Known: stored articles whose own page is archived, and the addresses that redirected to
        them. An article stored from another page (a Sóc Trăng page printing several whole
        articles) is fetched until its own page is archived, so a crawl killed in between leaves
        nothing missing for good. Settled: what the last crawl that ran to its end had archived,
        pages without an article to keep (a portal's other news) included; re-parse reads those
        from the archive. What a killed crawl stored is not settled: it may have stopped anywhere
        in the listings.
        """
        if self.loaded:
            return
        site, settings = self.crawler.spider.name, self.crawler.settings
        db = storage.open_db(settings.get("DATABASE"))
        archive = storage.open_archive(archive_path(settings))
        archived = storage.archived_urls(archive, site)
        self.known = storage.stored_urls(db, site) & archived
        aliases = storage.archive_aliases(archive, site)
        self.known |= {alias for alias, url in aliases.items() if url in self.known}
        finished = storage.last_finished(db, site)
        if finished:
            self.settled = ((storage.stored_urls(db, site, until=finished) & archived)
                            | storage.archived_urls(archive, site, finished))
            self.known |= self.settled
        self.loaded = True

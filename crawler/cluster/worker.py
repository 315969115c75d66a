"""A worker: claims sites, crawls them from the shared frontier, sends what it finds to Redis."""
from __future__ import annotations

import base64
import json
import logging
import os
import socket
import time

import redis
from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.reactor import install_reactor
from twisted.internet import task

from crawler.archive import to_row
from crawler.cluster import CURRENT, EVENTS, connect, key
from crawler.cluster.claims import Claims
from crawler.items import Article
from crawler.responses import now_ict
from crawler.base_spider import page_failed, page_fetched

logger = logging.getLogger(__name__)
COVERAGE = ("title", "published_at", "author", "body")
# Scrapy stats a worker adds to its site's figures in Redis: {figure: stat}.
FIGURES = {"pages": "downloader/response_count", "links_found": "congdoan/links_found",
           "links_skipped": "congdoan/links_skipped"}
# Reasons a worker stops a site that another worker (or a later run) must carry on.
UNFINISHED = ("shutdown", "claim_lost")


def worker_settings(settings, url: str, crawl: str) -> dict:
    """What turns a crawl into a worker of the shared crawl `crawl`: scrapy-redis and the pushes."""
    return {
        "SCHEDULER": "crawler.cluster.frontier.Scheduler",
        "SCHEDULER_PERSIST": True,  # the frontier belongs to the cluster, not to this worker
        "SCHEDULER_QUEUE_CLASS": "crawler.cluster.frontier.LeasedQueue",
        "SCHEDULER_QUEUE_KEY": key(crawl, "%(spider)s", "queue"),
        "SCHEDULER_DUPEFILTER_KEY": key(crawl, "%(spider)s", "seen"),
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "REDIS_URL": url,
        "CLUSTER_CRAWL": crawl,
        "ITEM_PIPELINES": settings.getdict("CLUSTER_ITEM_PIPELINES"),
        "EXTENSIONS": settings.getdict("CLUSTER_EXTENSIONS"),
    }


def event(kind: str, crawl: str, site: str, **data) -> str:
    return json.dumps({"t": kind, "crawl": crawl, "site": site, **data}, ensure_ascii=False)


def tally(pipe, figures: str, article: Article) -> None:
    """Count who extracted an article and which fields it has, stored or rejected alike."""
    pipe.hincrby(figures, "generic", int(article.method != "selectors"))
    for field in COVERAGE:
        pipe.hincrby(figures, f"has_{field}", int(bool(getattr(article, field))))


class PushPipeline:
    """The last item pipeline of a worker: the article goes to the writer's queue with its counts."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.server = connect(crawler.settings["REDIS_URL"])
        self.crawl = crawler.settings["CLUSTER_CRAWL"]

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item: Article):
        site = self.crawler.spider.name
        figures = key(self.crawl, site, "figures")
        with self.server.pipeline() as pipe:  # one transaction: the article and its counts
            pipe.rpush(EVENTS, event("article", self.crawl, site, article=item.to_dict()))
            pipe.hincrby(figures, "found", 1)
            tally(pipe, figures, item)
            pipe.execute()
        return item


class Recorder:
    """Sends the rest of what a worker learns to Redis: archived pages, failures, its figures."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.server = connect(crawler.settings["REDIS_URL"])
        self.crawl = crawler.settings["CLUSTER_CRAWL"]
        self.sent = dict.fromkeys(FIGURES, 0)
        self.flusher = task.LoopingCall(self.send_figures)
        for handler, signal in ((self.fetched, page_fetched), (self.failed, page_failed),
                                (self.dropped, signals.item_dropped),
                                (self.spider_error, signals.spider_error),
                                (self.opened, signals.spider_opened),
                                (self.closed, signals.spider_closed)):
            crawler.signals.connect(handler, signal=signal)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def key(self, spider, name: str) -> str:
        return key(self.crawl, spider.name, name)

    def opened(self, spider):
        self.flusher.start(self.crawler.settings.getfloat("CLUSTER_LEASE_SECONDS") / 3, now=False)

    def fetched(self, page, response, spider):
        row = to_row(page, response, spider)
        row["body"] = base64.b64encode(row["body"]).decode("ascii")
        self.server.rpush(EVENTS, event("page", self.crawl, spider.name, row=row))

    def error(self, pipe, spider, url: str, reason: str) -> None:
        pipe.rpush(self.key(spider, "errors"), json.dumps({"url": url, "reason": reason}))

    def failed(self, url, reason, spider):
        self.error(self.server, spider, url, reason)

    def dropped(self, item, response, exception, spider):
        with self.server.pipeline() as pipe:
            if isinstance(item, Article):  # rejected by validation: it counts towards coverage
                pipe.hincrby(self.key(spider, "figures"), "rejected", 1)
                tally(pipe, self.key(spider, "figures"), item)
            self.error(pipe, spider, getattr(item, "url", response.url), str(exception))
            pipe.execute()

    def spider_error(self, failure, response, spider):
        self.error(self.server, spider, response.url, f"spider error: {failure.value!r}")

    def send_figures(self):
        """Add what the stats grew by since last time; a killed worker loses only the last few."""
        stats, spider = self.crawler.stats, self.crawler.spider
        try:
            with self.server.pipeline() as pipe:
                for figure, stat in FIGURES.items():
                    value = stats.get_value(stat, 0)
                    pipe.hincrby(self.key(spider, "figures"), figure, value - self.sent[figure])
                pipe.execute()
            self.sent = {figure: stats.get_value(stat, 0) for figure, stat in FIGURES.items()}
        except redis.RedisError as error:
            logger.warning("could not send figures: %s", error)

    def closed(self, spider, reason):
        if self.flusher.running:
            self.flusher.stop()
        self.send_figures()
        if reason in UNFINISHED:
            return
        # The frontier is empty and nothing is leased: the site is done for every worker.
        with self.server.pipeline() as pipe:
            pipe.sadd(key(self.crawl, "done"), spider.name)
            pipe.rpush(EVENTS, event("close", self.crawl, spider.name, reason=reason))
            pipe.execute()


class Worker:
    """One process crawling whichever sites of the crawl no other worker holds, until all are done."""

    def __init__(self, settings, crawl: str, sites: list[str] | None = None):
        self.url, self.crawl = settings["REDIS_URL"], crawl
        self.server = connect(self.url)
        settings = settings.copy()
        settings.setdict(worker_settings(settings, self.url, crawl), priority="cmdline")
        self.process = CrawlerProcess(settings)
        self.owner = f"{socket.gethostname()}:{os.getpid()}"
        self.claims = Claims(self.server, self.owner, settings.getfloat("CLUSTER_LEASE_SECONDS"))
        members = {s.decode() for s in self.server.smembers(key(crawl, "sites"))}
        self.spiders = {s: self.process.spider_loader.load(s)
                        for s in sorted(members & set(sites) if sites else members)}
        self.poll = settings.getfloat("CLUSTER_POLL_SECONDS")
        self.running: dict = {}

    def run(self) -> int:
        settings = self.process.settings
        # Crawlers start later, from the loop: the reactor they need must be the one running it.
        install_reactor(settings["TWISTED_REACTOR"], settings["ASYNCIO_EVENT_LOOP"])
        from twisted.internet import reactor
        self.loop = task.LoopingCall(self.tick)
        reactor.callWhenRunning(self.loop.start, self.poll)
        self.process.start(stop_after_crawl=False)
        return 0

    def tick(self) -> None:
        from twisted.internet import reactor
        try:
            done = {s.decode() for s in self.server.smembers(key(self.crawl, "done"))}
            for site, crawler in list(self.running.items()):
                if not self.claims.take(self.spiders[site].allowed_domains):
                    logger.error("%s: another worker took the site's domains; stopping", site)
                    deferred_from_coro(crawler.engine.close_spider_async(reason="claim_lost"))
            todo = [s for s in self.spiders if s not in done and s not in self.running]
            if not todo and not self.running:  # every site of the crawl is done
                self.loop.stop()
                reactor.stop()
                return
            for site in todo:
                if self.claims.take(self.spiders[site].allowed_domains):
                    self.start(site)
        except redis.RedisError as error:  # Redis restarting: try again at the next tick
            logger.warning("worker tick: %s", error)

    def start(self, site: str) -> None:
        spider = self.spiders[site]
        if self.server.hsetnx(key(self.crawl, "started"), site, now_ict().isoformat()):
            self.server.rpush(EVENTS, event("open", self.crawl, site, site_record=spider.site_record(),
                                            started_at=now_ict().isoformat()))
        crawler = self.process.create_crawler(spider)
        self.running[site] = crawler
        self.process.crawl(crawler).addBoth(self.finished, site)

    def finished(self, result, site: str) -> None:
        if result is not None:  # a Failure: the crawler crashed; the site stays for another try
            logger.error("%s: the crawl failed: %s", site, result)
        self.running.pop(site, None)
        try:
            self.claims.release(self.spiders[site].allowed_domains)
        except redis.RedisError as error:  # the claim expires by itself
            logger.warning("%s: could not release the claim: %s", site, error)


def wait_for_crawl(server, patience: float | None) -> str | None:
    """The id of the open crawl, waiting up to `patience` seconds (None: for ever) for one."""
    deadline = None if patience is None else time.monotonic() + patience
    while True:
        crawl = server.get(CURRENT)
        if crawl and not complete(server, crawl.decode()):
            return crawl.decode()
        if deadline is not None and time.monotonic() >= deadline:
            return None
        time.sleep(2)


def complete(server, crawl: str) -> bool:
    """Every site of the crawl finished by some worker."""
    sites = server.smembers(key(crawl, "sites"))
    return bool(sites) and sites <= server.smembers(key(crawl, "done"))

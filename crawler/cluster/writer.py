"""The one writer: drains the workers' events from Redis into SQLite in batches, and closes runs."""
from __future__ import annotations

import base64
import json
import logging
import sqlite3
import time
from collections import defaultdict

from crawler import health, storage
from crawler.archive import archive_path
from crawler.cluster import EVENTS, WRITER_LOCK, WRITING, key
from crawler.cluster.worker import COVERAGE, complete
from crawler.items import Article
from crawler.responses import now_ict
from crawler.runs import run_status

logger = logging.getLogger(__name__)


class Writer:
    """Takes a batch of events into a list of its own, stores it, then drops the list.

    A writer that dies leaves its batch in that list; the next one stores it again first, which
    the idempotent upserts make harmless.
    """

    def __init__(self, server, settings):
        self.server = server
        self.db = storage.open_db(settings.get("DATABASE"))
        self.archive = storage.open_archive(archive_path(settings))
        self.batch = settings.getint("CLUSTER_WRITER_BATCH")
        self.lease = settings.getfloat("CLUSTER_LEASE_SECONDS")
        self.limits = health.limits(settings)
        self.owner = str(time.time_ns())

    def lock(self) -> None:
        """Take (or keep) the writer lock, waiting while another writer holds it.

        SQLite keeps one writer; the lock lapses CLUSTER_LEASE_SECONDS after its holder dies.
        """
        ms, told = int(self.lease * 1000), False
        while not (self.server.set(WRITER_LOCK, self.owner, px=ms, nx=True)
                   or (self.server.get(WRITER_LOCK) == self.owner.encode()
                       and self.server.pexpire(WRITER_LOCK, ms))):
            if not told:
                logger.warning("another writer holds %s; waiting for it to go", WRITER_LOCK)
                told = True
            time.sleep(1)

    def run(self, until_done: str | None = None) -> None:
        """Store events for ever, or until the crawl `until_done` has every site's run closed."""
        while True:
            self.lock()
            stored = self.step()
            if until_done and not stored and self.finished(until_done):
                return

    def step(self) -> int:
        """Store one batch (a leftover one first); the number of events stored."""
        if not self.server.llen(WRITING):
            first = self.server.blmove(EVENTS, WRITING, 1, "LEFT", "RIGHT")
            if first is None:
                return 0
            with self.server.pipeline() as pipe:
                for _ in range(self.batch - 1):
                    pipe.lmove(EVENTS, WRITING, "LEFT", "RIGHT")
                pipe.execute()
        events = [json.loads(e) for e in self.server.lrange(WRITING, 0, -1)]
        self.store(events)
        self.server.delete(WRITING)
        return len(events)

    def store(self, events: list[dict]) -> None:
        """Articles and pages in one transaction each; a site's close after its last article."""
        articles, pages = defaultdict(list), []
        for e in events:
            if e["t"] == "article":
                articles[e["crawl"], e["site"]].append(Article(**e["article"]))
            elif e["t"] == "page":
                pages.append(dict(e["row"], body=base64.b64decode(e["row"]["body"])))
            elif e["t"] == "open":
                self.open_run(e)
            elif e["t"] == "close":
                self.save(articles)
                self.close_run(e)
        self.save(articles)
        storage.archive_pages(self.archive, pages)

    def save(self, articles: dict) -> None:
        for (crawl, site), batch in articles.items():
            figures = key(crawl, site, "figures")
            try:
                counts = storage.save_articles(self.db, batch)
            except sqlite3.Error as error:
                # Articles that could not be written fail the run, not vanish from a healthy one.
                with self.server.pipeline() as pipe:
                    pipe.hset(figures, "store_failed", 1)
                    pipe.rpush(key(crawl, site, "errors"), *[json.dumps(
                        {"url": a.url, "reason": f"not stored: {error}"}) for a in batch])
                    pipe.execute()
                continue
            with self.server.pipeline() as pipe:
                for name, n in counts.items():
                    pipe.hincrby(figures, name, n)
                pipe.execute()
        articles.clear()

    def open_run(self, e: dict) -> None:
        runs = key(e["crawl"], "runs")
        if self.server.hget(runs, e["site"]) is None:  # not a batch stored again
            storage.save_sites(self.db, [e["site_record"]])
            self.server.hset(runs, e["site"], storage.start_run(self.db, e["site"], e["started_at"]))

    def close_run(self, e: dict) -> None:
        crawl, site = e["crawl"], e["site"]
        run_id = int(self.server.hget(key(crawl, "runs"), site))
        got = {k.decode(): int(v) for k, v in self.server.hgetall(key(crawl, site, "figures")).items()}
        errors = [json.loads(x) for x in self.server.lrange(key(crawl, site, "errors"), 0, -1)]
        storage.finish_run(self.db, run_id, site, errors, **figures(got, e["reason"], len(errors)))
        health.judge(self.db, self.db["crawl_runs"].get(run_id), self.limits)
        self.server.hset(key(crawl, "closed"), site, run_id)

    def finished(self, crawl: str) -> bool:
        """Every site of the crawl done by the workers and its run closed here."""
        return complete(self.server, crawl) and (
            self.server.hlen(key(crawl, "closed")) == self.server.scard(key(crawl, "sites"))
            and not self.server.llen(EVENTS))


def figures(got: dict, reason: str, failed: int) -> dict:
    """The crawl_runs figures of a site, summed over every worker that crawled it."""
    found, extracted = got.get("found", 0), got.get("found", 0) + got.get("rejected", 0)
    result = {
        "finished_at": now_ict().isoformat(),
        "finish_reason": "store_failed" if got.get("store_failed") else reason,
        "pages_fetched": got.get("pages", 0), "articles_found": found,
        "articles_new": got.get("new", 0), "articles_updated": got.get("updated", 0),
        "articles_unchanged": got.get("unchanged", 0), "articles_failed": failed,
        "articles_generic": got.get("generic", 0), "articles_rejected": got.get("rejected", 0),
        "links_found": got.get("links_found", 0), "links_skipped": got.get("links_skipped", 0),
        **{f"coverage_{k if k != 'published_at' else 'date'}":
           round(got.get(f"has_{k}", 0) / extracted, 3) if extracted else None for k in COVERAGE},
    }
    result["status"] = run_status(result)
    return result

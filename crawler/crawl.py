"""Run spiders through the Scrapy engine and report each site's run from its own counts."""
from __future__ import annotations

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from crawler import monitor, storage


def crawl(sites: list[str] | None = None, overrides: dict | None = None) -> list[dict]:
    """Crawl the named sites (all by default); one crawl_runs summary per site, with its errors.

    `scrapy crawl` exits 0 even when every request failed, so success is read from the run record.
    Each finished run then goes through the health check, which records its verdict on the run.
    """
    settings = get_project_settings()
    settings.setdict(overrides or {}, priority="cmdline")
    limits = monitor.limits(settings)  # a misconfigured check stops the crawl before it starts
    process = CrawlerProcess(settings)
    names = sites or process.spider_loader.list()
    crawlers = {name: process.create_crawler(process.spider_loader.load(name)) for name in names}
    for crawler in crawlers.values():
        process.crawl(crawler)
    process.start()
    db = storage.open_db(settings["DATABASE"])
    run_ids = {name: crawler.stats.get_value("congdoan/run_id") for name, crawler in crawlers.items()}
    for run_id in filter(None, run_ids.values()):
        monitor.judge(db, storage.get_run(db, run_id), limits)
    return [summary(db, name, run_id) for name, run_id in run_ids.items()]


def summary(db, site: str, run_id: int | None) -> dict:
    if run_id is None:  # the spider never opened (a crash before the first request)
        return {"site": site, "status": "failed", "articles_found": 0, "articles_new": 0,
                "articles_updated": 0, "articles_failed": 0,
                "errors": [{"url": "", "reason": "the crawl did not start"}]}
    run = storage.get_run(db, run_id)
    return {**run, "errors": storage.run_errors(db, run_id)}

"""Run spiders through the Scrapy engine and report each site's run from its own counts."""
from __future__ import annotations

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from crawler import CommandError, health, storage
from crawler.spider_registry import spiders_named


def settings_with(overrides: dict | None):
    """The project's settings with the command line's overrides on top."""
    settings = get_project_settings()
    settings.setdict(overrides or {}, priority="cmdline")
    return settings


def crawl(sites: list[str] | None = None, overrides: dict | None = None) -> list[dict]:
    """Crawl the named sites (all by default); one crawl_runs summary per site, with its errors.

    `scrapy crawl` exits 0 even when every request failed, so success is read from the run record.
    Each finished run then goes through the health check, which records its verdict on the run.
    """
    settings = settings_with(overrides)
    limits = health.limits(settings)  # a misconfigured check stops the crawl before it starts
    spiders = spiders_named(sites or [], settings)
    process = CrawlerProcess(settings)
    crawlers = {name: process.create_crawler(spider) for name, spider in spiders.items()}
    for crawler in crawlers.values():
        process.crawl(crawler)
    process.start()
    db = storage.open_db(settings["DATABASE"])
    run_ids = {name: crawler.stats.get_value("congdoan/run_id") for name, crawler in crawlers.items()}
    for run_id in filter(None, run_ids.values()):
        health.judge(db, storage.get_run(db, run_id), limits)
    return [summary(db, name, run_id) for name, run_id in run_ids.items()]


def summary(db, site: str, run_id: int | None) -> dict:
    if run_id is None:  # the spider never opened (a crash before the first request)
        return {"site": site, "status": "failed", "articles_found": 0, "articles_new": 0,
                "articles_updated": 0, "articles_failed": 0,
                "errors": [{"url": "", "reason": "the crawl did not start"}]}
    run = storage.get_run(db, run_id)
    return {**run, "errors": storage.run_errors(db, run_id)}


def crawl_command(sites: list[str], overrides: dict) -> int:
    """python -m crawler crawl: one line per site and its failures; 0 when every site is healthy."""
    try:
        runs = crawl(sites or None, overrides)
    except ValueError as error:  # a misconfigured health check
        raise CommandError(str(error)) from None
    return report_and_cluster(runs, settings_with(overrides))


def report_and_cluster(runs: list[dict], settings) -> int:
    """Print each site's run, then join the new articles to their stories across every site."""
    code = report(runs)
    if settings.getbool("CLUSTER_STORIES"):
        from crawler.stories import cluster_file
        print(cluster_file(settings["DATABASE"]).text(), end="")
    return code


def report(runs: list[dict]) -> int:
    """Print each site's run and its failures; 0 when every site crawled and looks healthy."""
    for run in runs:
        print(f"{run['site']:<10} {run['status']:<7} found {run['articles_found']:>4}  "
              f"new {run['articles_new']:>4}  updated {run['articles_updated']:>3}  "
              f"failed {run['articles_failed']:>3}")
        for error in run["errors"]:
            print(f"           ! {error['url']}: {error['reason']}")
        for alert in (run.get("message") or "").splitlines():
            print(f"           ! health: {alert}")
    return 0 if all(r["status"] in ("ok", "errors") and r.get("health") == "ok" for r in runs) else 1

"""Command line: python -m crawler {crawl, nightly, reparse, export, stories, mirror, extract, learn,
worker, store, cluster} (see README)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from crawler import CommandError


def main(argv=None) -> int:
    args = arguments().parse_args(argv)
    try:
        return run(args)
    except CommandError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m crawler", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    crawl_options(commands.add_parser("crawl", help="crawl sites into the database"))
    nightly = commands.add_parser("nightly", help="the cron job: every site in its own process, "
                                  "a lock, a log per night, health alerts (docs/operations.md)")
    crawl_options(nightly)
    nightly.add_argument("--jobs", type=int, help="sites crawled at once (default: NIGHTLY_JOBS)")

    reparse = commands.add_parser("reparse", help="re-extract every archived page with the current "
                                  "code, without network")
    reparse.add_argument("--site", action="append", default=[], help="only this site (repeatable)")
    reparse.add_argument("--db", help="database file (default: data/congdoan.db)")
    reparse.add_argument("--archive", help="archive file (default: archive.db beside the database)")

    export = commands.add_parser("export", help="the federation CSV (docs/federation-csv.md)")
    export.add_argument("--since", metavar="YYYY-MM-DD", help="published on or after this day")
    export.add_argument("--until", metavar="YYYY-MM-DD", help="published on or before this day")
    export.add_argument("--province", action="append", default=[],
                        help="province when published or now (repeatable)")
    export.add_argument("--site", action="append", default=[], help="spider name (repeatable)")
    export.add_argument("--out", default="-", help="CSV file to write (default: standard output)")
    export.add_argument("--db", help="database file (default: data/congdoan.db)")
    export.add_argument("--one-per-story", action="store_true",
                        help="one row per story: its earliest copy (column Mã tin gốc)")

    stories = commands.add_parser("stories", help="cluster copies of one story and print the "
                                  "clusters the last run added")
    stories.add_argument("--rebuild", action="store_true",
                         help="cluster every article again from scratch (story ids may move)")
    stories.add_argument("--run", type=int, help="print this clustering run instead of the last")
    stories.add_argument("--db", help="database file (default: data/congdoan.db)")

    mirror = commands.add_parser("mirror", help="serve the offline mirror of the sites")
    mirror.add_argument("--port", type=int, default=8765)
    mirror.add_argument("--scale", type=int, default=0, help="generated articles per site")

    extract = commands.add_parser("extract", help="print the article(s) on one saved page as JSON")
    extract.add_argument("file")
    extract.add_argument("--url", required=True, help="the page's address on the real site")
    extract.add_argument("--listing-date", help="the date the listing printed beside the link, "
                         "for sites that print it only there (Sóc Trăng)")
    extract.add_argument("--encoding", help="the file's charset (default: its byte order mark, "
                         "its declared charset, UTF-8, then Vietnamese legacy code pages)")
    extract.add_argument("--generic", action="store_true", help="ignore the site's selectors and read the "
                         "page with the generic extractor (any URL, known site or not)")

    learn = commands.add_parser("learn", help="propose a site's selectors, learned from its archived "
                                "pages (learn SITE) or from saved pages (learn --url URL FILE...)")
    learn.add_argument("sources", nargs="+", metavar="SITE | FILE")
    learn.add_argument("--url", action="append", default=[],
                       help="the saved pages' address: once for every file, or once per file")
    learn.add_argument("--pages", type=int, default=20, help="archived pages learned from (newest)")
    learn.add_argument("--db", help="database keeping the template (default: data/congdoan.db)")
    learn.add_argument("--archive", help="archive file (default: archive.db beside the database)")

    worker = commands.add_parser("worker", help="crawl as one worker of the shared crawl in Redis "
                                 "(CONGDOAN_REDIS_URL; docs/cluster.md)")
    crawl_options(worker)
    worker.add_argument("--wait", type=float, help="seconds to wait for a crawl to join "
                        "(default: for ever)")
    store = commands.add_parser("store", help="the one writer: drain the workers' Redis queue "
                                "into the database")
    store.add_argument("--db", help="database file (default: data/congdoan.db)")
    store.add_argument("--until-done", metavar="CRAWL", help="stop once this crawl is stored")
    store.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                       help="override a setting")
    cluster = commands.add_parser("cluster", help="one machine's shared crawl: N workers and "
                                  "the writer")
    crawl_options(cluster)
    cluster.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")

    return parser


def crawl_options(parser) -> None:
    parser.add_argument("sites", nargs="*", help="spider names (default: all)")
    parser.add_argument("--db", help="database file (default: data/congdoan.db)")
    parser.add_argument("--mirror", help="fetch from the offline mirror at this URL")
    parser.add_argument("--full", action="store_true",
                        help="walk every listing page instead of stopping at stored articles")
    parser.add_argument("--refetch", action="store_true", help="download stored articles again")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a Scrapy setting")


def overrides(args) -> dict:
    """Scrapy settings from the command line: -s pairs, then the named options."""
    settings = dict(s.split("=", 1) for s in getattr(args, "set", []))
    if args.db:
        settings["DATABASE"] = str(Path(args.db).resolve())
    if getattr(args, "mirror", None):
        settings["MIRROR_URL"] = args.mirror
    if getattr(args, "full", False):
        settings["CRAWL_FULL"] = True
    if getattr(args, "refetch", False):
        settings["CRAWL_REFETCH"] = True
    return settings


def project_settings(args):
    from scrapy.utils.project import get_project_settings
    settings = get_project_settings()
    settings.setdict(overrides(args), priority="cmdline")
    return settings


def run(args) -> int:
    """The asked command, imported only when asked (Scrapy and Datasette are slow to import)."""
    if args.command == "crawl":
        from crawler.crawl import crawl_command
        return crawl_command(args.sites, overrides(args))
    if args.command == "nightly":
        from crawler.nightly import nightly_command
        passed = ["--full"] * args.full + ["--refetch"] * args.refetch
        passed += ["--mirror", args.mirror] if args.mirror else []
        passed += [arg for pair in args.set for arg in ("-s", pair)]
        return nightly_command(args.sites, project_settings(args), passed, args.jobs)
    if args.command == "reparse":
        from crawler.reparse import reparse_command
        return reparse_command(args.site, project_settings(args), args.archive)
    if args.command == "export":
        from crawler.export import export_command
        return export_command(project_settings(args).get("DATABASE"), args.out, args.since,
                              args.until, args.province, args.site, args.one_per_story)
    if args.command == "stories":
        from crawler.stories import stories_command
        return stories_command(project_settings(args).get("DATABASE"), args.rebuild, args.run)
    if args.command == "mirror":
        from crawler.mirror import serve_command
        return serve_command(args.port, args.scale)
    if args.command == "extract":
        from crawler.offline import extract_command
        return extract_command(args.file, args.url, args.listing_date, args.encoding, args.generic)
    return {"learn": cmd_learn, "worker": cmd_worker, "store": cmd_store,
            "cluster": cmd_cluster}[args.command](args)


# The shared crawl's and the template learner's commands (docs/cluster.md, crawler/learn.py).

def cmd_learn(args) -> int:
    import logging

    from crawler.learn import Refused, learn
    # Pages without an article are named in the refusal, if they matter; not one warning each.
    logging.getLogger("crawler.extract").setLevel(logging.ERROR)
    try:
        pages, origin, site = (_saved_pages(args) if args.url else _archived_pages(args))
        template = learn(pages, site)
    except (Refused, ValueError, OSError) as error:
        raise CommandError(str(error)) from None
    print(f"# {template.site}: selectors learned from {len(pages)} pages ({origin}); each comment "
          "says on how many pages the field agrees with the generic extraction")
    print(template.declaration())
    if not args.url:
        from crawler import storage
        from crawler.learn import to_row
        from crawler.responses import now_ict
        database = project_settings(args).get("DATABASE")
        storage.save_template(storage.open_db(database), to_row(template, now_ict().isoformat()))
        print(f"# kept in {database} (learned_templates): a crawl reads the site with it when "
              "the spider's selectors miss")
    return 0


def _saved_pages(args):
    """Pages from saved files, each under its --url (one address may serve every file)."""
    from crawler.decoding import Undecodable, decode_html
    from crawler.items import Page
    from crawler.responses import now_ict
    from crawler.urls import host_of
    if len(args.url) not in (1, len(args.sources)):
        raise ValueError(f"give one --url for every file, or one per file ({len(args.sources)} "
                         f"files, {len(args.url)} addresses)")
    urls = args.url * len(args.sources) if len(args.url) == 1 else args.url
    fetched_at = os.environ.get("CONGDOAN_FETCHED_AT") or now_ict().isoformat()
    pages = []
    for path, url in zip(args.sources, urls):
        try:
            body = Path(path).read_bytes()
        except OSError as error:
            raise OSError(f"cannot read {path}: {error.strerror}") from None
        try:
            html = decode_html(body)
        except Undecodable as error:
            raise ValueError(f"{path}: {error}") from None
        pages.append(Page(url=url, html=html, fetched_at=fetched_at))
    return pages, f"{len(pages)} saved files", host_of(urls[0])


def _archived_pages(args):
    """The site's newest pages in the raw archive."""
    from crawler import storage
    from crawler.archive import archive_path
    from crawler.decoding import Undecodable, page_from_archive
    from crawler.spider_registry import spiders_named
    if len(args.sources) != 1:
        raise ValueError("learn from the archive takes one site name; saved files need --url")
    site = args.sources[0]
    spiders_named([site])  # CommandError for an unknown site
    archive = Path(args.archive) if args.archive else archive_path(project_settings(args))
    if not archive.exists():
        raise ValueError(f"no archive at {archive}")
    rows = storage.latest_pages(storage.open_archive(archive), site, args.pages)
    pages = []
    for row in rows:
        try:
            pages.append(page_from_archive(row))
        except Undecodable as error:  # the others can still teach; this one is named
            print(f"skipped {row['url']}: {error}", file=sys.stderr)
    return pages, f"archive {archive}", site


def cluster_settings(args):
    """Project settings for a cluster command; CommandError without Redis."""
    settings = project_settings(args)
    if not settings.get("REDIS_URL"):
        raise CommandError("set CONGDOAN_REDIS_URL (e.g. redis://127.0.0.1:6379/0) to use the cluster")
    return settings


def worker_arguments(args) -> list[str]:
    """The crawl options of this command, passed on to worker processes."""
    passed = [*args.sites] + ["--full"] * args.full + ["--refetch"] * args.refetch
    passed += ["--mirror", args.mirror] if args.mirror else []
    return passed + [arg for pair in args.set for arg in ("-s", pair)]


def cmd_worker(args) -> int:
    from crawler.cluster import connect
    from crawler.cluster.worker import Worker, wait_for_crawl
    settings = cluster_settings(args)
    crawl = wait_for_crawl(connect(settings["REDIS_URL"]), args.wait)
    if crawl is None:
        raise CommandError(f"no crawl to join after {args.wait:g} s")
    return Worker(settings, crawl, args.sites or None).run()


def cmd_store(args) -> int:
    from crawler.cluster import connect
    from crawler.cluster.writer import Writer
    settings = cluster_settings(args)
    Writer(connect(settings["REDIS_URL"]), settings).run(args.until_done)
    return 0


def cmd_cluster(args) -> int:
    from crawler import storage
    from crawler.cluster.launch import Cluster, run_ids
    from crawler.crawl import report_and_cluster, summary
    from crawler.spider_registry import spiders_named
    settings = cluster_settings(args)
    sites = list(spiders_named(args.sites, settings))
    cluster = Cluster(settings, worker_arguments(args),
                      lambda line, name: print(f"[{name}] {line}", end="", flush=True))
    crawl = cluster.run(sites, args.workers)
    db = storage.open_db(settings["DATABASE"])
    runs = run_ids(cluster.server, crawl)
    return report_and_cluster([summary(db, site, runs.get(site)) for site in sites], settings)


if __name__ == "__main__":
    sys.exit(main())

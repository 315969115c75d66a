"""Command line: python -m crawler {crawl, nightly, reparse, export, mirror, extract, learn, worker,
store, cluster} (see README)."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def main(argv=None) -> int:
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

    args = parser.parse_args(argv)
    return {"crawl": cmd_crawl, "nightly": cmd_nightly, "reparse": cmd_reparse, "export": cmd_export,
            "mirror": cmd_mirror, "extract": cmd_extract, "learn": cmd_learn, "worker": cmd_worker,
            "store": cmd_store, "cluster": cmd_cluster}[args.command](args)


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


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def cmd_crawl(args) -> int:
    from crawler.crawl import crawl
    try:
        runs = crawl(args.sites or None, overrides(args))
    except KeyError as error:
        return fail(f"unknown site {error.args[0]!r}")
    except ValueError as error:  # a misconfigured health check
        return fail(str(error))
    return report(runs)


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


def cmd_nightly(args) -> int:
    from scrapy.spiderloader import SpiderLoader

    from crawler.monitor import limits
    from crawler.nightly import nightly
    settings = project_settings(args)
    try:
        limits(settings)
    except ValueError as error:
        return fail(str(error))
    known = SpiderLoader.from_settings(settings).list()
    unknown = [s for s in args.sites if s not in known]
    if unknown:
        return fail(f"unknown site {unknown[0]!r} (known: {', '.join(sorted(known))})")
    passed = ["--full"] * args.full + ["--refetch"] * args.refetch
    passed += ["--mirror", args.mirror] if args.mirror else []
    passed += [arg for pair in args.set for arg in ("-s", pair)]
    return nightly(args.sites or sorted(known), settings, passed,
                   args.jobs or settings.getint("NIGHTLY_JOBS"))


def cmd_reparse(args) -> int:
    from crawler import storage
    from crawler.archive import archive_path
    from crawler.reparse import reparse
    from crawler.sites import spider_classes
    settings = project_settings(args)
    archive = Path(args.archive) if args.archive else archive_path(settings)
    if not archive.exists():
        return fail(f"no archive at {archive}")
    spiders = spider_classes()
    unknown = [s for s in args.site if s not in spiders]
    if unknown:
        return fail(f"unknown site {unknown[0]!r} (known: {', '.join(sorted(spiders))})")
    counts = reparse(storage.open_db(settings.get("DATABASE")), storage.open_archive(archive),
                     {s: spiders[s] for s in args.site or sorted(spiders)})
    for site, c in counts.items():
        print(f"{site:<10} pages {c['pages']:>5}  new {c['new']:>4}  updated {c['updated']:>4}  "
              f"unchanged {c['unchanged']:>5}  rejected {c['rejected']:>3}")
        if c["undecodable"]:
            print(f"           ! {c['undecodable']} archived page(s) that no charset reads cleanly "
                  "(named in the log above)")
    return 0


def cmd_export(args) -> int:
    import io

    from crawler import storage
    from crawler.export import BadArgument, export
    path = Path(project_settings(args).get("DATABASE"))
    if not path.exists():
        return fail(f"no database at {path}")
    db = storage.open_db(path)
    if args.out == "-":
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8-sig", newline="")
        try:
            export(db, out, args.since, args.until, args.province, args.site)
        except BadArgument as error:
            return fail(str(error))
        out.flush()
        return 0
    # Written beside the target and renamed at the end: a reader never sees half a file.
    target = Path(args.out)
    part = target.with_name(target.name + ".part")
    try:
        with part.open("w", encoding="utf-8-sig", newline="") as out:
            count = export(db, out, args.since, args.until, args.province, args.site)
    except (BadArgument, OSError) as error:
        part.unlink(missing_ok=True)
        return fail(str(error))
    part.replace(target)
    print(f"{count} articles written to {target}", file=sys.stderr)
    return 0


def cmd_mirror(args) -> int:
    from crawler.mirror import serve
    server = serve(args.port, scale=args.scale)
    print(f"mirror serving {len(server.resources)} pages at http://127.0.0.1:{server.server_port}"
          f"  (crawl it with MIRROR_URL=http://127.0.0.1:{server.server_port})", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.shutdown()
    return 0


def cmd_extract(args) -> int:
    from crawler.items import Page
    from crawler.decoding import Undecodable, decode_html
    from crawler.pages import now_ict
    from crawler.sites import articles_from_page, spider_for_url
    try:
        spider = spider_for_url(args.url)
    except ValueError as error:
        if not args.generic:
            return fail(str(error))
        spider = None  # an unknown site: the generic extractor needs no spider
    try:
        body = Path(args.file).read_bytes()
    except OSError as error:
        return fail(f"cannot read {args.file}: {error.strerror}")
    try:
        html = decode_html(body, encoding=args.encoding)
    except Undecodable as error:
        return fail(f"{args.file}: {error}")
    page = Page(url=spider.canonical(args.url) if spider else args.url, html=html,
                fetched_at=os.environ.get("CONGDOAN_FETCHED_AT") or now_ict().isoformat(),
                site=spider.name if spider else "")
    if args.generic:
        return _print_generic(page, spider, args)
    articles = [a.to_dict() for a in articles_from_page(page, spider, args.listing_date)]
    if not articles or not any(a["body"] for a in articles):
        return fail(f"no article found in {args.file}")
    output = articles[0] if len(articles) == 1 else articles
    print(json.dumps(output, ensure_ascii=False, indent=2, sort_keys=True))
    return 0


def cmd_learn(args) -> int:
    import logging

    from crawler.learn import Refused, learn
    # Pages without an article are named in the refusal, if they matter; not one warning each.
    logging.getLogger("crawler.extract").setLevel(logging.ERROR)
    try:
        pages, origin, site = (_saved_pages(args) if args.url else _archived_pages(args))
        template = learn(pages, site)
    except (Refused, ValueError, OSError) as error:
        return fail(str(error))
    print(f"# {template.site}: selectors learned from {len(pages)} pages ({origin}); each comment "
          "says on how many pages the field agrees with the generic extraction")
    print(template.declaration())
    if not args.url:
        from crawler import storage
        from crawler.learn import to_row
        from crawler.pages import now_ict
        database = project_settings(args).get("DATABASE")
        storage.save_template(storage.open_db(database), to_row(template, now_ict().isoformat()))
        print(f"# kept in {database} (learned_templates): a crawl reads the site with it when "
              "the spider's selectors miss")
    return 0


def _saved_pages(args):
    """Pages from saved files, each under its --url (one address may serve every file)."""
    from crawler.decoding import Undecodable, decode_html
    from crawler.items import Page
    from crawler.pages import now_ict
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
    from crawler.sites import spider_classes
    if len(args.sources) != 1:
        raise ValueError("learn from the archive takes one site name; saved files need --url")
    site, spiders = args.sources[0], spider_classes()
    if site not in spiders:
        raise ValueError(f"unknown site {site!r} (known: {', '.join(sorted(spiders))})")
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


def _print_generic(page, spider, args) -> int:
    from crawler.extract import extract_with_reason
    from crawler.normalize import normalize_article
    raw, reason = extract_with_reason(page, None, listing_date=args.listing_date, generic=True)
    if reason:
        return fail(f"no article found in {args.file}: {reason}")
    article = normalize_article(raw, province=spider.province if spider else "",
                                parser_version=spider.parser_version() if spider else "generic")
    print(json.dumps(article.to_dict(), ensure_ascii=False, indent=2, sort_keys=True))
    return 0


def cluster_settings(args):
    """Project settings for a cluster command, or None (with the error said) without Redis."""
    settings = project_settings(args)
    if not settings.get("REDIS_URL"):
        fail("set CONGDOAN_REDIS_URL (e.g. redis://127.0.0.1:6379/0) to use the cluster")
        return None
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
    if settings is None:
        return 2
    crawl = wait_for_crawl(connect(settings["REDIS_URL"]), args.wait)
    if crawl is None:
        return fail(f"no crawl to join after {args.wait:g} s")
    return Worker(settings, crawl, args.sites or None).run()


def cmd_store(args) -> int:
    from crawler.cluster import connect
    from crawler.cluster.writer import Writer
    settings = cluster_settings(args)
    if settings is None:
        return 2
    Writer(connect(settings["REDIS_URL"]), settings).run(args.until_done)
    return 0


def cmd_cluster(args) -> int:
    from scrapy.spiderloader import SpiderLoader

    from crawler import storage
    from crawler.cluster.launch import Cluster, run_ids
    from crawler.crawl import summary
    settings = cluster_settings(args)
    if settings is None:
        return 2
    known = SpiderLoader.from_settings(settings).list()
    unknown = [s for s in args.sites if s not in known]
    if unknown:
        return fail(f"unknown site {unknown[0]!r} (known: {', '.join(sorted(known))})")
    sites = args.sites or sorted(known)
    cluster = Cluster(settings, worker_arguments(args),
                      lambda line, name: print(f"[{name}] {line}", end="", flush=True))
    crawl = cluster.run(sites, args.workers)
    db = storage.open_db(settings["DATABASE"])
    runs = run_ids(cluster.server, crawl)
    return report([summary(db, site, runs.get(site)) for site in sites])


if __name__ == "__main__":
    sys.exit(main())

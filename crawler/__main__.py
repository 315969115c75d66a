"""Command line: python -m crawler {crawl, nightly, reparse, export, mirror, extract} (see README)."""
from __future__ import annotations

import argparse
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
                              args.until, args.province, args.site)
    if args.command == "mirror":
        from crawler.mirror import serve_command
        return serve_command(args.port, args.scale)
    from crawler.offline import extract_command
    return extract_command(args.file, args.url, args.listing_date, args.encoding)


if __name__ == "__main__":
    sys.exit(main())

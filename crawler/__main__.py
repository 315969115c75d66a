"""Command line: python -m crawler {crawl, mirror, extract} (see README)."""
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

    crawl = commands.add_parser("crawl", help="crawl sites into the database")
    crawl.add_argument("sites", nargs="*", help="spider names (default: all)")
    crawl.add_argument("--db", help="database file (default: data/congdoan.db)")
    crawl.add_argument("--mirror", help="fetch from the offline mirror at this URL")
    crawl.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                       help="override a Scrapy setting")

    mirror = commands.add_parser("mirror", help="serve the offline mirror of the sites")
    mirror.add_argument("--port", type=int, default=8765)
    mirror.add_argument("--scale", type=int, default=0, help="generated articles per site")

    extract = commands.add_parser("extract", help="print the article(s) on one saved page as JSON")
    extract.add_argument("file")
    extract.add_argument("--url", required=True, help="the page's address on the real site")

    args = parser.parse_args(argv)
    return {"crawl": cmd_crawl, "mirror": cmd_mirror, "extract": cmd_extract}[args.command](args)


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def cmd_crawl(args) -> int:
    from crawler.crawl import crawl
    settings = dict(s.split("=", 1) for s in args.set)
    if args.db:
        settings["DATABASE"] = str(Path(args.db).resolve())
    if args.mirror:
        settings["MIRROR_URL"] = args.mirror
    try:
        runs = crawl(args.sites or None, settings)
    except KeyError as error:
        return fail(f"unknown site {error.args[0]!r}")
    for run in runs:
        print(f"{run['site']:<10} {run['status']:<7} found {run['articles_found']:>4}  "
              f"new {run['articles_new']:>4}  updated {run['articles_updated']:>3}  "
              f"failed {run['articles_failed']:>3}")
        for error in run["errors"]:
            print(f"           ! {error['url']}: {error['reason']}")
    return 0 if all(r["status"] in ("ok", "errors") for r in runs) else 1


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
    from crawler.pages import decode_html, now_ict
    from crawler.sites import articles_from_page, spider_for_url
    from crawler.urls import canonical_url
    try:
        spider = spider_for_url(args.url)
    except ValueError as error:
        return fail(str(error))
    try:
        body = Path(args.file).read_bytes()
    except OSError as error:
        return fail(f"cannot read {args.file}: {error.strerror}")
    page = Page(url=canonical_url(args.url), html=decode_html(body, None),
                fetched_at=os.environ.get("CONGDOAN_FETCHED_AT") or now_ict().isoformat(),
                site=spider.name)
    articles = [a.to_dict() for a in articles_from_page(page, spider)]
    if not articles or not any(a["body"] for a in articles):
        return fail(f"no article found in {args.file}")
    output = articles[0] if len(articles) == 1 else articles
    print(json.dumps(output, ensure_ascii=False, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Re-parse: every archived page through the current extraction code into the articles, offline."""
from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

from crawler import CommandError, storage
from crawler.archive import archive_path
from crawler.decoding import Undecodable, page_from_archive
from crawler.offline import articles_from_page
from crawler.spider_registry import spiders_named
from crawler.validation import problems

BATCH = 500
log = logging.getLogger(__name__)


def reparse(db, archive, spiders: dict[str, type]) -> dict[str, Counter]:
    """Re-extract each site's archived pages with its spider; counts per site.

    Articles go through the same validation and upsert as a crawl: an unchanged result costs no
    write, a changed one is updated with the current parser_version, an unfit one is not stored.
    """
    return {site: _reparse_site(db, archive, site, spider) for site, spider in spiders.items()}


def _reparse_site(db, archive, site: str, spider: type) -> Counter:
    counts: Counter = Counter()
    batch = []
    for row in storage.archived_pages(archive, site):
        counts["pages"] += 1
        try:
            page = page_from_archive(row)
        except Undecodable as error:  # archived before decoding refused such bytes
            log.warning("%s: %s", row["url"], error)
            counts["undecodable"] += 1
            continue
        for article in articles_from_page(page, spider, row["listing_date"]):
            if problems(article, spider.allowed_domains):
                counts["rejected"] += 1
            else:
                batch.append(article)
        if len(batch) >= BATCH:
            counts.update(storage.save_articles(db, batch))
            batch.clear()
    counts.update(storage.save_articles(db, batch))
    return counts


def reparse_command(sites: list[str], settings, archive: str | None) -> int:
    """python -m crawler reparse: one line of counts per site."""
    path = Path(archive) if archive else archive_path(settings)
    if not path.exists():
        raise CommandError(f"no archive at {path}")
    spiders = spiders_named(sites, settings)
    counts = reparse(storage.open_db(settings.get("DATABASE")), storage.open_archive(path), spiders)
    for site, c in counts.items():
        print(f"{site:<10} pages {c['pages']:>5}  new {c['new']:>4}  updated {c['updated']:>4}  "
              f"unchanged {c['unchanged']:>5}  rejected {c['rejected']:>3}")
        if c["undecodable"]:
            print(f"           ! {c['undecodable']} archived page(s) that no charset reads cleanly "
                  "(named in the log above)")
    return 0

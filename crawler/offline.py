"""What one saved page turns into, as the crawl would store it, without any network."""
from __future__ import annotations

import json
import os
from pathlib import Path

from crawler import CommandError
from crawler.items import Article, Page
from crawler.normalize import normalize_article
from crawler.decoding import Undecodable, decode_html
from crawler.responses import now_ict
from crawler.spider_registry import spider_for_url


def saved_page(body: bytes, url: str, fetched_at: str, site: str, encoding: str | None = None) -> Page:
    """A page saved to a file, as the crawl would have read it (no HTTP header to trust);
    Undecodable when no charset reads it cleanly."""
    return Page(url=url, html=decode_html(body, None, encoding=encoding), fetched_at=fetched_at,
                site=site)


def articles_from_page(page: Page, spider: type | None = None,
                       listing_date: str | None = None) -> list[Article]:
    """Extract and normalize every article on a saved page, as the crawl would store it."""
    spider = spider or spider_for_url(page.url)
    page.site = page.site or spider.name
    return [normalize_article(raw, province=spider.province, parser_version=spider.parser_version())
            for raw in spider.extract_page(page, listing_date=listing_date)]


def extract_command(file: str, url: str, listing_date: str | None,
                    encoding: str | None = None, generic: bool = False) -> int:
    """python -m crawler extract: print the article(s) on one saved page as JSON; with `generic`,
    as the generic extractor reads it (any URL, known site or not)."""
    try:
        spider = spider_for_url(url)
    except ValueError as error:
        if not generic:
            raise CommandError(str(error)) from None
        spider = None  # an unknown site: the generic extractor needs no spider
    try:
        body = Path(file).read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {file}: {error.strerror}") from None
    fetched_at = os.environ.get("CONGDOAN_FETCHED_AT") or now_ict().isoformat()
    try:
        page = saved_page(body, spider.canonical(url) if spider else url, fetched_at,
                          spider.name if spider else "", encoding)
    except Undecodable as error:
        raise CommandError(f"{file}: {error}") from None
    if generic:
        articles = [generic_article(page, spider, listing_date, file).to_dict()]
    else:
        articles = [a.to_dict() for a in articles_from_page(page, spider, listing_date)]
    if not articles or not any(a["body"] for a in articles):
        raise CommandError(f"no article found in {file}")
    output = articles[0] if len(articles) == 1 else articles
    print(json.dumps(output, ensure_ascii=False, indent=2, sort_keys=True))
    return 0


def generic_article(page: Page, spider: type | None, listing_date: str | None, file: str) -> Article:
    """The page read by the generic extractor alone; CommandError saying why it found no article."""
    from crawler.extract import extract_with_reason
    raw, reason = extract_with_reason(page, None, listing_date=listing_date, generic=True)
    if reason:
        raise CommandError(f"no article found in {file}: {reason}")
    return normalize_article(raw, province=spider.province if spider else "",
                             parser_version=spider.parser_version() if spider else "generic")

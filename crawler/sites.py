"""Which spider owns a URL or a name, and what one saved page turns into, without any network."""
from __future__ import annotations

import json
import os
from pathlib import Path

from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from crawler import CommandError
from crawler.items import Article, Page
from crawler.normalize import normalize_article
from crawler.pages import decode_html, now_ict
from crawler.urls import on_domains


def spider_classes(settings=None) -> dict[str, type]:
    loader = SpiderLoader.from_settings(settings or get_project_settings())
    return {name: loader.load(name) for name in loader.list()}


def spiders_named(names: list[str], settings=None) -> dict[str, type]:
    """The named spiders, every one when none is named; CommandError for a name no spider has."""
    spiders = spider_classes(settings)
    unknown = [name for name in names if name not in spiders]
    if unknown:
        raise CommandError(f"unknown site {unknown[0]!r} (known: {', '.join(sorted(spiders))})")
    return {name: spiders[name] for name in names or sorted(spiders)}


def spider_for_url(url: str) -> type:
    """The spider class whose domains cover the URL; ValueError for an unknown domain."""
    for spider in spider_classes().values():
        if on_domains(url, spider.allowed_domains):
            return spider
    raise ValueError(f"no spider covers the domain of {url}")


def saved_page(body: bytes, url: str, fetched_at: str, site: str) -> Page:
    """A page saved to a file, as the crawl would have read it (no HTTP header to trust)."""
    return Page(url=url, html=decode_html(body, None), fetched_at=fetched_at, site=site)


def articles_from_page(page: Page, spider: type | None = None,
                       listing_date: str | None = None) -> list[Article]:
    """Extract and normalize every article on a saved page, as the crawl would store it."""
    spider = spider or spider_for_url(page.url)
    page.site = page.site or spider.name
    return [normalize_article(raw, province=spider.province, parser_version=spider.parser_version())
            for raw in spider.extract_page(page, listing_date=listing_date)]


def extract_command(file: str, url: str, listing_date: str | None) -> int:
    """python -m crawler extract: print the article(s) on one saved page as JSON."""
    try:
        spider = spider_for_url(url)
    except ValueError as error:
        raise CommandError(str(error)) from None
    try:
        body = Path(file).read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {file}: {error.strerror}") from None
    fetched_at = os.environ.get("CONGDOAN_FETCHED_AT") or now_ict().isoformat()
    page = saved_page(body, spider.canonical(url), fetched_at, spider.name)
    articles = [a.to_dict() for a in articles_from_page(page, spider, listing_date)]
    if not articles or not any(a["body"] for a in articles):
        raise CommandError(f"no article found in {file}")
    output = articles[0] if len(articles) == 1 else articles
    print(json.dumps(output, ensure_ascii=False, indent=2, sort_keys=True))
    return 0

"""Which spider owns a URL, and what one saved page turns into, without any network."""
from __future__ import annotations

from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from crawler.items import Article, Page
from crawler.normalize import normalize_article
from crawler.urls import on_domains


def spider_classes() -> dict[str, type]:
    loader = SpiderLoader.from_settings(get_project_settings())
    return {name: loader.load(name) for name in loader.list()}


def spider_for_url(url: str) -> type:
    """The spider class whose domains cover the URL; ValueError for an unknown domain."""
    for spider in spider_classes().values():
        if on_domains(url, spider.allowed_domains):
            return spider
    raise ValueError(f"no spider covers the domain of {url}")


def articles_from_page(page: Page, spider: type | None = None,
                       listing_date: str | None = None) -> list[Article]:
    """Extract and normalize every article on a saved page, as the crawl would store it."""
    spider = spider or spider_for_url(page.url)
    page.site = page.site or spider.name
    return [normalize_article(raw, province=spider.province, parser_version=spider.parser_version())
            for raw in spider.extract_page(page, listing_date=listing_date)]

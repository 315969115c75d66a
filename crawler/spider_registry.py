"""Which spider a name or a URL belongs to."""
from __future__ import annotations

from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from crawler import CommandError
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

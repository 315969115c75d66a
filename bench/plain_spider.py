"""The peer of bench_crawl: plain Scrapy walking the same mirror, no extraction and no storage."""
import json

import scrapy

from crawler.spider_registry import spider_classes


class PlainSpider(scrapy.Spider):
    """Follows every on-site link from the real spiders' start pages and keeps nothing."""

    name = "plain"
    custom_settings = {"ITEM_PIPELINES": {}, "SPIDER_MIDDLEWARES": {}, "EXTENSIONS": {}}

    def __init__(self, stats: str, sites: str, **kwargs):
        super().__init__(**kwargs)
        chosen = [spider_classes()[s] for s in sites.split(",")]
        self.allowed_domains = [d for s in chosen for d in s.allowed_domains]
        self.start_urls = [u for s in chosen for u in s.start_urls]
        self.stats_path = stats

    def parse(self, response):
        if isinstance(response, scrapy.http.TextResponse):
            yield from response.follow_all(css="a")

    def closed(self, reason):
        with open(self.stats_path, "w") as out:
            json.dump({"pages": self.crawler.stats.get_value("downloader/response_count", 0)}, out)

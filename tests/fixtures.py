"""Saved-page cases: tests/files/<site>/<case>.html, its expected <case>.json and meta.json."""
from __future__ import annotations

import json
from pathlib import Path

from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.offline import articles_from_page, saved_page
from crawler.spider_registry import spider_classes

FILES = Path(__file__).resolve().parent / "files"


def cases() -> list[tuple[str, str]]:
    """Every (site, case) that has a saved page."""
    return sorted((p.parent.name, p.stem) for p in FILES.glob("*/*.html"))


def meta(site: str, case: str) -> dict:
    return json.loads((FILES / site / "meta.json").read_text(encoding="utf-8"))[f"{case}.html"]


def parse_case(site: str, case: str):
    """What the site's spider makes of a saved page: articles, or a listing's links and next page."""
    info = meta(site, case)
    spider_cls = spider_classes()[site]
    body = (FILES / site / f"{case}.html").read_bytes()
    if info["kind"] == "listing":
        return parse_listing(spider_cls, info["url"], body)
    page = saved_page(body, info["url"], info["fetched_at"], site)
    # listing_date: the date a listing row printed beside the link, where the site has one
    return [a.to_dict() for a in articles_from_page(page, spider_cls, info.get("listing_date"))]


def parse_listing(spider_cls, url: str, body: bytes) -> dict:
    crawler = get_crawler(spider_cls)
    spider = spider_cls.from_crawler(crawler)
    crawler.spider = spider
    failures: list[str] = []
    spider.fail = lambda url, reason, response=None: failures.append(f"{url}: {reason}")
    response = HtmlResponse(url=url, body=body, encoding="utf-8", request=Request(url))
    requests = list(spider.parse(response))
    return {
        "articles": [{"url": r.url, "listing_date": r.meta.get("listing_date")}
                     for r in requests if r.callback == spider.parse_article],
        "next_pages": [r.url for r in requests if r.callback == spider.parse],
        "failures": failures,
    }


def write_expected(site: str, case: str) -> Path:
    """Write the current parse as the expected JSON, for a human to review before committing."""
    path = FILES / site / f"{case}.json"
    path.write_text(json.dumps(parse_case(site, case), ensure_ascii=False, indent=2, sort_keys=True)
                    + "\n", encoding="utf-8")
    return path

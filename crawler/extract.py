"""Extraction: a saved page plus a site's selectors in, a RawArticle out; no network, no clock."""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass

from parsel import Selector

from crawler.generic import extract_generic
from crawler.html_blocks import blocks_of
from crawler.items import Page, RawArticle
from crawler.urls import host_of

log = logging.getLogger(__name__)

# A body must hold at least one real paragraph; menus, counters, footers and link lists never do.
MIN_PARAGRAPH_WORDS = 20
MIN_BODY_WORDS = 40
_WORD = re.compile(r"[^\W\d_]+")  # letters only: phone numbers and counters are not words


@dataclass(frozen=True)
class Selectors:
    """Where a site prints each part of an article (CSS). Only `body` is required."""

    body: str
    title: str | None = None
    dateline: str | None = None
    credit: str | None = None
    category: str | None = None
    drop: str | None = None  # elements inside the body that are never article text


def extract(page: Page, selectors: Selectors | None, *, root: Selector | None = None,
            listing_date: str | None = None, generic: bool = False) -> RawArticle:
    """Locate the article on a page (or inside `root`, one article of a multi-article page)."""
    return extract_with_reason(page, selectors, root=root, listing_date=listing_date, generic=generic)[0]


def extract_with_reason(page: Page, selectors: Selectors | None, *, root: Selector | None = None,
                        listing_date: str | None = None,
                        generic: bool = False) -> tuple[RawArticle, str | None]:
    """The article, and why there is none when its blocks are empty.

    Where the site's selectors find no article text, or with `generic`, the generic extractor
    reads the page (method "generic")."""
    doc = Selector(text=page.html or "<html></html>")
    scope = root if root is not None else doc
    sel = selectors if selectors is not None and not generic else Selectors(body="")
    blocks = _site_blocks(scope, sel, page.url) if sel.body else []
    raw = RawArticle(
        url=page.url, site=page.site, host=host_of(page.url), fetched_at=page.fetched_at,
        method="selectors", title=_text(scope, sel.title),
        meta_date=None if root is not None else _meta_date(doc),
        dateline=_text(scope, sel.dateline), listing_date=listing_date,
        credit=_text(scope, sel.credit), category=_text(doc, sel.category), blocks=blocks)
    if _is_article_text(blocks):
        raw.title = raw.title or _meta_title(doc)
        return raw, None
    if blocks:
        log.warning("site selectors found no article text on %s; using the generic extractor", page.url)
    found = extract_generic(scope.root, page.html or "", page.url, _meta_title(doc))
    reason = found.reason or (None if _is_article_text(found.blocks) else "too little article text")
    if reason:
        log.warning("no article on %s: %s", page.url, reason)
    raw.method, raw.blocks = "generic", [] if reason else found.blocks
    raw.title = raw.title or found.title or _meta_title(doc)
    raw.dateline = raw.dateline or found.dateline
    raw.credit = raw.credit or found.credit
    return raw, reason


def _text(scope: Selector, css: str | None) -> str | None:
    if not css:
        return None
    found = scope.css(css)
    # "h2::text" is the element's own text, without its children (a link inside a title).
    strings = found.getall() if css.endswith("::text") else found.xpath("string()").getall()
    parts = [" ".join(t.split()) for t in strings]
    text = " ".join(p for p in parts if p)
    return text or None


def _meta_title(doc: Selector) -> str | None:
    return (doc.css('meta[property="og:title"]::attr(content)').get()
            or doc.xpath("string(//title)").get() or None)


def _meta_date(doc: Selector) -> str | None:
    """An ISO date from structured metadata, the most trustworthy source there is."""
    for css in ('meta[property="article:published_time"]::attr(content)',
                'meta[itemprop="datePublished"]::attr(content)', "time[datetime]::attr(datetime)"):
        value = doc.css(css).get()
        if value:
            return value.strip()
    for script in doc.css('script[type="application/ld+json"]::text').getall():
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for entry in data if isinstance(data, list) else [data]:
            if isinstance(entry, dict) and entry.get("datePublished"):
                return str(entry["datePublished"])
    return None


def _site_blocks(scope: Selector, selectors: Selectors, base_url: str) -> list[dict]:
    blocks: list[dict] = []
    for body in scope.css(selectors.body):
        element = body.root
        if selectors.drop:
            for junk in body.css(selectors.drop):
                junk.drop()
        blocks.extend(blocks_of(element, base_url))
    return blocks


def _is_article_text(blocks: list[dict]) -> bool:
    lengths = [len(_WORD.findall(b["text"])) for b in blocks if b["kind"] == "text"]
    return bool(lengths) and max(lengths) >= MIN_PARAGRAPH_WORDS and sum(lengths) >= MIN_BODY_WORDS

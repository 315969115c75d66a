"""Extraction: a saved page plus a site's selectors in, a RawArticle out; no network, no clock."""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from urllib.parse import urljoin

import trafilatura
from lxml import etree
from parsel import Selector

from crawler.items import Page, RawArticle
from crawler.urls import host_of

log = logging.getLogger(__name__)

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
              "figure", "figcaption", "table", "tbody", "tr", "td", "th", "section", "article",
              "center", "pre", "header", "footer", "dl", "dt", "dd", "caption"}
SKIP_TAGS = {"script", "style", "noscript", "iframe", "form", "button", "input", "select",
             "textarea", "svg", "object", "embed", "video", "audio", "template"}
# A body must hold at least one real paragraph; menus, counters, footers and link lists never do.
MIN_PARAGRAPH_WORDS = 20
MIN_BODY_WORDS = 40
_CAPTION_CLASS = re.compile(r"caption|chu-?thich|desc|note", re.I)
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


def extract(page: Page, selectors: Selectors, *, root: Selector | None = None,
            listing_date: str | None = None) -> RawArticle:
    """Locate the article on a page (or inside `root`, one article of a multi-article page)."""
    doc = Selector(text=page.html or "<html></html>")
    scope = root if root is not None else doc
    blocks, method = _site_blocks(scope, selectors, page.url), "selectors"
    if not _is_article_text(blocks):
        if blocks:
            log.warning("site selectors found no article text on %s; using trafilatura", page.url)
        blocks, method = _generic_blocks(page), "trafilatura"
        if not _is_article_text(blocks):
            blocks = []  # a footer or a link list is no article, whoever extracted it
    return RawArticle(
        url=page.url, site=page.site, host=host_of(page.url), fetched_at=page.fetched_at,
        method=method, title=_text(scope, selectors.title) or _meta_title(doc),
        meta_date=None if root is not None else _meta_date(doc),
        dateline=_text(scope, selectors.dateline), listing_date=listing_date,
        credit=_text(scope, selectors.credit),
        category=_text(doc, selectors.category), blocks=blocks)


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


def blocks_of(element, base_url: str) -> list[dict]:
    """Flatten an HTML element into text and image blocks in reading order."""
    blocks: list[dict] = []
    buffer: list[str] = []

    def flush():
        text = "".join(buffer).strip()
        buffer.clear()
        if text:
            blocks.append({"kind": "text", "text": re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*", "\n", text)})

    def walk(node):
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag == "img":
            flush()
            image = _image(node, base_url)
            if image:
                blocks.append(image)
        elif tag == "br":
            buffer.append("\n")
        elif tag == "figcaption" and blocks and blocks[-1]["kind"] == "image":
            flush()
            blocks[-1]["caption"] = " ".join(node.xpath("string()").split()) or None
        elif tag and tag not in SKIP_TAGS:
            block = tag in BLOCK_TAGS
            if block:
                flush()
            buffer.append(_spaces(node.text))
            for child in node:
                walk(child)
            if block:
                flush()
                _caption_to_image(node, blocks)
        if node.tail:
            buffer.append(_spaces(node.tail))

    walk(element)
    flush()
    return blocks


def _caption_to_image(node, blocks: list[dict]) -> None:
    """An italic or caption-classed paragraph right under a captionless image is its caption."""
    if len(blocks) < 2 or blocks[-1]["kind"] != "text" or blocks[-2]["kind"] != "image" \
            or blocks[-2]["caption"]:
        return
    styled = [c for c in node if isinstance(c.tag, str) and c.tag.lower() in ("em", "i")]
    whole = " ".join(node.xpath("string()").split())
    italic = len(styled) == 1 and " ".join(styled[0].xpath("string()").split()) == whole
    if italic or _CAPTION_CLASS.search(node.get("class") or ""):
        image = blocks[-2]
        image["caption"] = blocks.pop()["text"]


def _spaces(text: str | None) -> str:
    # HTML collapses source newlines and runs of spaces; only <br> makes a line break.
    return re.sub(r"\s+", " ", text) if text else ""


def _image(node, base_url: str) -> dict | None:
    src = next((node.get(a) for a in ("data-src", "data-original", "src")
                if node.get(a) and not node.get(a).startswith("data:")), None)
    if not src:
        return None
    return {"kind": "image", "src": urljoin(base_url, src.strip()),
            "alt": (node.get("alt") or "").strip() or None, "caption": None}


def _generic_blocks(page: Page) -> list[dict]:
    """Body blocks from trafilatura in precision mode, for layouts the selectors do not fit."""
    xml = trafilatura.extract(page.html, url=page.url, output_format="xml", favor_precision=True,
                              include_images=True, include_tables=False, include_comments=False)
    if not xml:
        return []
    blocks: list[dict] = []
    for node in etree.fromstring(xml.encode("utf-8")).iter("p", "head", "item", "graphic"):
        if node.tag == "graphic":
            if node.get("src"):
                blocks.append({"kind": "image", "src": urljoin(page.url, node.get("src")),
                               "alt": node.get("alt") or None, "caption": None})
        elif "".join(node.itertext()).strip():
            blocks.append({"kind": "text", "text": " ".join("".join(node.itertext()).split())})
    return blocks

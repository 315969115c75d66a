"""Shared toolkit for the mirror sites: article files, templates, pagination, faults, scaling."""
from __future__ import annotations

import copy
import importlib
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import jinja2
import yaml

from crawler.mirror import Resource

HERE = Path(__file__).parent
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                          keep_trailing_newline=True)
ROBOTS_ALLOW = "User-agent: *\nAllow: /\n"


def articles(site: str, scale: int = 0) -> list[dict]:
    """The site's hand-written articles (crawler/mirror/sites/<site>.yaml), plus `scale` generated ones."""
    written = yaml.safe_load((HERE / f"{site}.yaml").read_text(encoding="utf-8"))
    for article in written:
        if article.get("published"):
            article["published"] = datetime.fromisoformat(str(article["published"]))
    return written + generated(written, scale)


# Faults that keep an article out of the database, each with the reason the crawl reports.
UNSTORABLE = {"not_found": "HTTP 404", "slow": "timed out", "robots": "robots.txt",
              "gzip_bomb": "DOWNLOAD_MAXSIZE", "not_html": "not HTML (application/pdf)"}


def storable(site: str) -> list[dict]:
    """The site's written articles a crawl must store: all but those whose fault makes them
    unstorable and those declared other organizations' news (union: false)."""
    return [a for a in articles(site) if a.get("fault") not in UNSTORABLE and a.get("union", True)]


def url_of(site: str, article: dict) -> str:
    """The canonical URL of one of the site's articles, as its mirror module builds it."""
    return importlib.import_module(f"crawler.mirror.sites.{site}").url_of(article)


def generated(written: list[dict], scale: int) -> list[dict]:
    """Fault-free variants of the written articles with new slugs and dates, for benchmarks."""
    clean = [a for a in written if not a.get("fault")]
    newest = max((a["published"] for a in written if a.get("published")), default=None)
    out = []
    for i in range(scale):
        article = copy.deepcopy(clean[i % len(clean)])
        article.pop("old_slug", None)  # a copy is linked by its own address, not the original's
        article["slug"] = f"{article['slug']}-ban-{i + 1}"
        article["title"] = f"{article['title']} (bản {i + 1})"
        if newest:
            # Each copy is dated and newer than the last, as a site publishes: a bigger scale adds
            # articles at the top of the listings, where an incremental crawl must find them.
            article["published"] = newest + timedelta(hours=i + 1)
        article["body"] = [f"Bản tin số {i + 1}. {p}" if isinstance(p, str) and n == 0 else p
                           for n, p in enumerate(article["body"])]
        out.append(article)
    return out


def render(template: str, **context) -> bytes:
    return _env.get_template(template).render(**context).encode("utf-8")


def pages_of(items: list, per_page: int) -> list[list]:
    return [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]


def article_resource(article: dict, body: bytes) -> Resource:
    """The article page's resource with its declared fault applied."""
    fault = article.get("fault")
    if fault == "fail_once":
        return Resource(body, fail_times=1)
    if fault == "not_found":
        return Resource(b"<html><body>Not Found</body></html>", status=404)
    if fault == "slow":
        return Resource(body, delay=article.get("delay", 4.0))
    if fault == "latin1_header":
        return Resource(body, content_type="text/html; charset=iso-8859-1")
    if fault == "cp1258":
        text = body.decode("utf-8").replace('charset="utf-8"', 'charset="windows-1258"')
        return Resource(to_cp1258(text), content_type="text/html; charset=windows-1258")
    if fault == "gzip_bomb":
        return Resource(body, gzip_bomb=64 * 1024 * 1024)
    if fault == "not_html":
        return Resource(b"%PDF-1.4\n%fake\n", content_type="application/pdf")
    if fault == "malformed":
        return Resource(body[: len(body) * 2 // 3])  # cut off mid-page, tags left open
    return Resource(body)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 writes a toned letter as its base letter plus a combining tone mark."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in marks if c not in _TONES))
            # Outside the code page (″, emoji) a page can only write a character reference.
            out += (base + "".join(c for c in marks if c in _TONES)).encode("cp1258", "xmlcharrefreplace")
    return bytes(out)

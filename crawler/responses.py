"""Turning a downloaded response into a Page: charset repair and the fetch time."""
from __future__ import annotations

import re
from datetime import datetime

from crawler.items import Page
from crawler.normalize.date_parts import VN_TZ
# Charsets a server may claim by default while the file on disk is really UTF-8.
_LATIN = {"iso-8859-1", "latin-1", "latin1", "l1", "iso8859-1", "windows-1252", "cp1252", "ascii",
          "us-ascii"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


class NotHtml(ValueError):
    """The response is not an HTML page (a PDF, an image, an empty body)."""


def now_ict() -> datetime:
    return datetime.now(VN_TZ).replace(microsecond=0)


def declared_charset(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w-]+)", content_type or "", re.I)
    return match.group(1).lower() if match else None


def decode_html(body: bytes, header_charset: str | None) -> str:
    """Decode a page, trusting valid UTF-8 over a header or meta tag that claims Latin-1.

    Scrapy believes the HTTP header; a UTF-8 page served as iso-8859-1 would become mojibake.
    """
    meta = _META_CHARSET.search(body[:4096])
    declared = header_charset or (meta.group(1).decode().lower() if meta else None) or "utf-8"
    if declared in _LATIN or declared.replace("_", "-") in ("utf-8", "utf8"):
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return body.decode("cp1252" if declared in _LATIN else "utf-8", errors="replace")
    try:
        return body.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return body.decode("utf-8", errors="replace")


def page_from_response(response, site: str, url: str | None = None) -> Page:
    """A Page from a Scrapy response; raises NotHtml for anything that is not a web page."""
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
    if not response.body.strip():
        raise NotHtml("empty response")
    if content_type and "html" not in content_type.lower():
        raise NotHtml(f"not HTML ({content_type.split(';')[0].strip()})")
    html = decode_html(response.body, declared_charset(content_type))
    return Page(url=url or response.url, html=html, fetched_at=now_ict().isoformat(),
                status=response.status, site=site)

"""Turning a downloaded response into a Page: what is HTML, and the fetch time."""
from __future__ import annotations

from datetime import datetime

from crawler.decoding import decode_html
from crawler.items import Page
from crawler.normalize.date_parts import VN_TZ


class NotHtml(ValueError):
    """The response is not an HTML page (a PDF, an image, an empty body)."""


def now_ict() -> datetime:
    return datetime.now(VN_TZ).replace(microsecond=0)


def page_from_response(response, site: str, url: str | None = None) -> Page:
    """A Page from a Scrapy response; raises NotHtml for anything that is not a web page.

    Undecodable (crawler.decoding) when no charset gives clean text.
    """
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
    if not response.body.strip():
        raise NotHtml("empty response")
    if content_type and "html" not in content_type.lower():
        raise NotHtml(f"not HTML ({content_type.split(';')[0].strip()})")
    html = decode_html(response.body, content_type)
    return Page(url=url or response.url, html=html, fetched_at=now_ict().isoformat(),
                status=response.status, site=site)

"""The generic extraction a learned template is checked against: what a page holds, found without selectors."""
from __future__ import annotations

from dataclasses import dataclass

import lxml.html
import trafilatura

from crawler.items import Page


@dataclass(frozen=True)
class Reading:
    """One page as the generic extraction reads it; empty strings where it found nothing."""

    title: str
    day: str  # YYYY-MM-DD
    credit: str
    body: str


def generic_reading(page: Page) -> Reading:
    """Trafilatura's body, date and author, and the page's own title (a site name may trail it)."""
    doc = trafilatura.bare_extraction(page.html or "", url=page.url, with_metadata=True,
                                      include_comments=False, include_tables=True)
    if doc is None:
        return Reading("", "", "", "")
    return Reading(title=_title(page.html) or doc.title or "", day=(doc.date or "")[:10],
                   credit=doc.author or "", body=doc.text or "")


def _title(html: str) -> str:
    tree = lxml.html.document_fromstring(html or "<html></html>")
    og = tree.xpath('string(//meta[@property="og:title"]/@content)').strip()
    return og or " ".join(tree.xpath("string(//title)").split())

"""The generic extraction a learned template is checked against: a page read without selectors."""
from __future__ import annotations

from dataclasses import dataclass

from crawler.extract import extract
from crawler.items import Page
from crawler.normalize import parse_date
from crawler.normalize.date_parts import fetched_datetime


@dataclass(frozen=True)
class Reading:
    """One page as the generic extraction reads it; empty strings where it found nothing."""

    title: str
    day: str  # YYYY-MM-DD
    credit: str
    body: str  # paragraphs and captions, one per line


def generic_reading(page: Page) -> Reading:
    """The generic extractor's title, date (of its dateline, else the metadata), credit and body."""
    raw = extract(page, None, generic=True)
    day = day_of(raw.dateline or raw.meta_date, page.fetched_at)
    return Reading(title=raw.title or "", day=day or "", credit=raw.credit or "",
                   body="\n".join(b.get("text") or b.get("caption") or "" for b in raw.blocks))


def day_of(text: str | None, fetched_at: str) -> str | None:
    """The day a dateline or metadata string names (YYYY-MM-DD), read against the page's fetch time."""
    found = parse_date(text, fetched_at=fetched_datetime(fetched_at)) if text else None
    return found.iso[:10] if found else None

"""The two shapes an article takes: RawArticle as extracted from a page, Article as stored."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Page:
    """One fetched page: what the archive keeps and what extraction reads."""

    url: str  # canonical URL on the real site, never the mirror's
    html: str  # decoded text, charset already repaired
    fetched_at: str  # ISO 8601, +07:00
    status: int = 200
    site: str = ""


@dataclass
class RawArticle:
    """Strings located on a page by the site's selectors (or the generic extractor); not cleaned yet."""

    url: str
    site: str
    host: str
    fetched_at: str
    method: str  # "selectors" or "generic": who found the body
    title: str | None = None
    meta_date: str | None = None  # ISO date from page metadata (article:published_time, JSON-LD, <time>)
    dateline: str | None = None  # text of the site's dateline element
    listing_date: str | None = None  # date printed next to the link on the listing page
    year_hint: int | None = None  # a year a spider knows for year-less datelines (else derived)
    credit: str | None = None  # text of a dedicated credit element, when the site has one
    category: str | None = None
    province: str | None = None  # set only where one spider serves several provinces (lao_dong sections)
    # Body in reading order. Each block is {"kind": "text", "text": ...} or
    # {"kind": "image", "src": ..., "alt": ..., "caption": ...}; text blocks keep one paragraph each.
    blocks: list[dict] = field(default_factory=list)


@dataclass
class Article:
    """One stored article: the row schema of the `articles` table."""

    url: str
    site: str
    host: str
    province: str  # the province the site belonged to when it published
    province_now: str  # the province covering it after the 2025-07-01 merger
    title: str
    body: str  # paragraphs separated by "\n", no page chrome
    fetched_at: str
    method: str
    parser_version: str
    published_at: str | None = None  # ISO 8601 +07:00, YYYY-MM-DD without a printed time, or None
    date_approximate: bool = False  # True for relative dates ("2 giờ trước") and inferred years
    author: str | None = None  # credit as printed
    photo_credit: str | None = None
    source_outlet: str | None = None  # e.g. "laodong.vn" for a republished story
    category: str | None = None
    images: list[dict] = field(default_factory=list)  # [{"url", "caption", "credit"}]

    def to_dict(self) -> dict:
        return asdict(self)

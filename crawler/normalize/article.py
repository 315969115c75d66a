"""normalize_article: one RawArticle in, one stored Article out (never raises)."""
from __future__ import annotations

import logging
import re

from crawler.items import Article, RawArticle
from crawler.normalize.blocks import flatten
from crawler.normalize.captions import attach_captions
from crawler.normalize.chrome import is_teaser_of
from crawler.normalize.credits import credit_line, credit_value, trailing_credits
from crawler.normalize.dates import fetched_datetime, parse_date
from crawler.normalize.provinces import canonical_province, province_now
from crawler.normalize.sources import host_of_url, outlet_of, split_lead_prefix
from crawler.normalize.text import as_str, clean_line

log = logging.getLogger(__name__)
_YEAR_RE = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?![\d.])")
# A year in a URL only where the path is dated ("/2023/09/"); a slug's "nam-2020" is a topic.
_URL_YEAR_RE = re.compile(r"/((?:19|20)\d\d)/(?:0?[1-9]|1[0-2])(?:/|$)")


def _dedupe_teasers(lines: list[str]) -> list[str]:
    """Drop a line that the next line repeats or completes (the listing teaser left in the page)."""
    return [ln for k, ln in enumerate(lines) if not (k + 1 < len(lines) and is_teaser_of(ln, lines[k + 1]))]


def _credit_fields(raw_credit: str) -> dict:
    """The dedicated credit element, read like a credit line; free text counts as the author."""
    c = clean_line(raw_credit)
    if not c:
        return {}
    fields = credit_line(c)
    if fields is not None:
        return fields
    outlet = outlet_of(c)  # a credit element that names a newspaper names the source
    return {"source_outlet": outlet} if outlet else {"author": credit_value(c)}


def _published(raw: RawArticle) -> tuple[str | None, bool]:
    """The first of metadata, dateline and listing date that parses; without a fetch time, none."""
    fetched = fetched_datetime(raw.fetched_at)
    if fetched is None:
        return None, False
    hint = _year_hint(raw)
    for src in (raw.meta_date, raw.dateline, raw.listing_date):
        if isinstance(src, str) and src.strip():
            r = parse_date(src, fetched_at=fetched, year_hint=hint)
            if r is not None:
                return r.iso, r.approximate
    return None, False


def _year_hint(raw: RawArticle) -> int | None:
    """A year for a year-less dateline ("Ngày 24-9"): the spider's, else the listing row's, the
    dated URL path's (/2024/09/) or the metadata's; None leaves the fetch year. Any of them is a
    guess, and the date is flagged approximate."""
    if isinstance(raw.year_hint, int) and 1900 < raw.year_hint < 2200:
        return raw.year_hint
    for text, pattern in ((raw.listing_date, _YEAR_RE), (as_str(raw.url), _URL_YEAR_RE),
                          (raw.meta_date, _YEAR_RE)):
        found = pattern.search(as_str(text))
        if found:
            return int(found.group(1))
    return None


def _province(raw_province, province) -> tuple[str, str]:
    """(province, province_now); a province we do not know is kept as given and covers itself."""
    given = raw_province or province or ""
    canon = canonical_province(given) or clean_line(given)
    try:
        return canon, province_now(canon)
    except ValueError:
        return canon, canon


def _normalize(raw: RawArticle, province: str, parser_version: str) -> Article:
    title = clean_line(as_str(raw.title)).strip()
    kept, match_title = flatten(raw.blocks, title)
    lines, images = attach_captions(kept, match_title)
    lines = _dedupe_teasers(lines)
    outlet = None
    if lines:
        outlet, lead = split_lead_prefix(lines[0])
        lines[0:1] = [lead.strip()] if lead.strip() else []
    lines, found = trailing_credits(lines)
    credit = _credit_fields(raw.credit) if isinstance(raw.credit, str) else {}
    for k, v in found.items():
        credit.setdefault(k, v)
    source = outlet or credit.get("source_outlet")
    if source and source == host_of_url(as_str(raw.host) or as_str(raw.url)):
        source = None  # the outlet's own story on its own site is not republished
    published_at, approximate = _published(raw)
    prov, prov_now = _province(raw.province, province)
    return Article(
        url=raw.url, site=raw.site, host=raw.host, province=prov, province_now=prov_now,
        title=title, body="\n".join(lines), fetched_at=raw.fetched_at, method=raw.method,
        parser_version=parser_version, published_at=published_at, date_approximate=approximate,
        author=credit.get("author"), photo_credit=credit.get("photo_credit"),
        source_outlet=source,
        category=clean_line(as_str(raw.category)) or None, images=images,
    )


def normalize_article(raw: RawArticle, *, province: str, parser_version: str) -> Article:
    """Clean every field of `raw` into an Article; on input we cannot read, a minimal Article."""
    try:
        return _normalize(raw, province, parser_version)
    except Exception:  # odd input must not stop a crawl; validation drops the empty result
        log.exception("normalization failed for %s", getattr(raw, "url", "?"))
        g = lambda name: getattr(raw, name, None)  # noqa: E731
        return Article(url=as_str(g("url")), site=as_str(g("site")), host=as_str(g("host")),
                       province=as_str(province), province_now=as_str(province),
                       title=clean_line(as_str(g("title"))),
                       body="", fetched_at=as_str(g("fetched_at")), method=as_str(g("method")),
                       parser_version=parser_version)

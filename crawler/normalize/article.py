"""normalize_article: one RawArticle in, one stored Article out (never raises)."""
from __future__ import annotations

import re

from crawler.items import Article, RawArticle
from crawler.normalize.captions import (
    PLACEHOLDER_CAPTION_WORDS, is_placeholder, looks_like_caption, usable_alt,
)
from crawler.normalize.chrome import is_chrome, is_stop, is_teaser_of, same_text, strip_print_suffix
from crawler.normalize.credits import _value, credit_line, split_photo_credit, trailing_credits
from crawler.normalize.dates import fetched_datetime, parse_date
from crawler.normalize.provinces import canonical_province, province_now
from crawler.normalize.sources import split_lead_prefix
from crawler.normalize.text import clean_line

# After a related-news header, a line this long means the story goes on (an inline box).
_PARAGRAPH_WORDS = 30
# "PHƯƠNG ANH LDO | 22/12/2023 18:17": Lao Động's byline carries the date after a pipe.
_BYLINE_DATE_RE = re.compile(r"\s*(?:\bL[DĐ]O\b)?\s*\|.*\d.*$")


def _flatten(blocks, title: str) -> list[tuple[str, object]]:
    """Blocks → [("t", line) | ("i", image)], chrome and title lines gone, related lists cut off."""
    items: list[tuple[str, object]] = []
    for b in blocks or ():
        if not isinstance(b, dict):
            continue
        if b.get("kind") == "image":
            src = b.get("src")
            if isinstance(src, str) and src.strip() and not src.startswith("data:"):
                items.append(("i", {"url": src.strip(), "alt": clean_line(_s(b.get("alt"))),
                                    "caption": clean_line(_s(b.get("caption")))}))
        elif b.get("kind") == "text":
            for part in _s(b.get("text")).splitlines():
                line = clean_line(part)
                if line:
                    items.append(("t", line))
    kept: list[tuple[str, object]] = []
    for n, (kind, v) in enumerate(items):
        if kind == "t":
            if kept and is_stop(v) and not any(
                k == "t" and len(w.split()) > _PARAGRAPH_WORDS for k, w in items[n + 1:]
            ):
                break
            if is_chrome(v) or same_text(v, title):
                continue
        kept.append((kind, v))
    return kept


def _s(v) -> str:
    return v if isinstance(v, str) else ""


def _captions(kept, title: str) -> tuple[list[str], list[dict]]:
    """Move caption lines into their images; returns (body lines, images)."""
    lines: list[str] = []
    images: dict[str, dict] = {}
    i, n = 0, len(kept)
    while i < n:
        kind, v = kept[i]
        i += 1
        if kind == "t":
            if is_placeholder(v):
                # A placeholder with no image before it: its caption line goes with it.
                if i < n and kept[i][0] == "t" and len(kept[i][1].split()) <= PLACEHOLDER_CAPTION_WORDS:
                    i += 1
                continue
            lines.append(v)
            continue
        placeholder = False
        while i < n and kept[i][0] == "t" and is_placeholder(kept[i][1]):
            placeholder, i = True, i + 1
        text = None
        if i < n and kept[i][0] == "t":
            cand = kept[i][1]
            fields = credit_line(cand)
            short = len(cand.split()) <= PLACEHOLDER_CAPTION_WORDS
            if fields is None and ((placeholder and short) or looks_like_caption(cand)):
                text, i = cand, i + 1
            elif fields is not None and set(fields) == {"photo_credit"}:
                text, i = cand, i + 1  # "Ảnh: X" under a photo credits that photo
        if text is None:
            for own in (v["caption"], v["alt"]):
                if usable_alt(own, title):
                    text = own
                    break
            if text and i < n and kept[i][0] == "t" and kept[i][1] == text:
                i += 1  # the page printed its figcaption again as a paragraph
        caption, credit = split_photo_credit(text) if text else (None, None)
        if caption and same_text(caption, title):
            caption = None
        img = images.get(v["url"])
        if img is None:
            images[v["url"]] = {"url": v["url"], "caption": caption, "credit": credit}
        else:
            img["caption"] = img["caption"] or caption
            img["credit"] = img["credit"] or credit
    return lines, list(images.values())


def _dedupe_teasers(lines: list[str]) -> list[str]:
    return [ln for k, ln in enumerate(lines) if not (k + 1 < len(lines) and is_teaser_of(ln, lines[k + 1]))]


def _credit_fields(raw_credit: str) -> dict:
    """The dedicated credit element, read like a credit line; free text counts as the author."""
    c = _BYLINE_DATE_RE.sub("", clean_line(raw_credit)) if "|" in raw_credit else clean_line(raw_credit)
    if not c:
        return {}
    fields = credit_line(c)
    return fields if fields is not None else {"author": _value(c)}


def _published(raw: RawArticle):
    fetched = fetched_datetime(raw.fetched_at)
    if fetched is None:
        return None, False
    hint = raw.year_hint if isinstance(raw.year_hint, int) and 1900 < raw.year_hint < 2200 else None
    for src in (raw.meta_date, raw.dateline, raw.listing_date):
        if isinstance(src, str) and src.strip():
            r = parse_date(src, fetched_at=fetched, year_hint=hint)
            if r is not None:
                return r.iso, r.approximate
    return None, False


def _province(raw_province, province) -> tuple[str, str]:
    given = raw_province or province or ""
    canon = canonical_province(given) or clean_line(given)
    try:
        return canon, province_now(canon)
    except ValueError:
        return canon, canon


def _normalize(raw: RawArticle, province: str, parser_version: str) -> Article:
    title = strip_print_suffix(clean_line(_s(raw.title))).strip()
    lines, images = _captions(_flatten(raw.blocks, title), title)
    lines = _dedupe_teasers(lines)
    outlet = None
    if lines:
        outlet, lead = split_lead_prefix(lines[0])
        lines[0:1] = [lead.strip()] if lead.strip() else []
    lines, found = trailing_credits(lines)
    credit = _credit_fields(raw.credit) if isinstance(raw.credit, str) else {}
    for k, v in found.items():
        credit.setdefault(k, v)
    published_at, approximate = _published(raw)
    prov, prov_now = _province(raw.province, province)
    return Article(
        url=raw.url, site=raw.site, host=raw.host, province=prov, province_now=prov_now,
        title=title, body="\n".join(lines), fetched_at=raw.fetched_at, method=raw.method,
        parser_version=parser_version, published_at=published_at, date_approximate=approximate,
        author=credit.get("author"), photo_credit=credit.get("photo_credit"),
        source_outlet=outlet or credit.get("source_outlet"),
        category=clean_line(_s(raw.category)) or None, images=images,
    )


def normalize_article(raw: RawArticle, *, province: str, parser_version: str) -> Article:
    """Clean every field of `raw` into an Article; on input we cannot read, a minimal Article."""
    try:
        return _normalize(raw, province, parser_version)
    except Exception:  # odd input must not stop a crawl; validation drops the empty result
        g = lambda name: getattr(raw, name, None)  # noqa: E731
        return Article(url=_s(g("url")), site=_s(g("site")), host=_s(g("host")),
                       province=_s(province), province_now=_s(province), title=clean_line(_s(g("title"))),
                       body="", fetched_at=_s(g("fetched_at")), method=_s(g("method")),
                       parser_version=parser_version)

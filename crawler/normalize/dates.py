"""Publication dates from a dateline or metadata string, resolved against the fetch time (+07:00)."""
from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import datetime, timedelta, timezone

from crawler.normalize.date_parts import (
    VN_TZ, DateResult, build, dateparser_fallback, fetched_datetime, iso, local, stamp, time_outside,
)

_ISO_RE = re.compile(
    r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?\s*$"
)
_SEP = r"\s*[/.\-]\s*"
# A full numeric date; the look-arounds keep it from starting or ending inside a longer number.
_DMY_RE = re.compile(r"(?<![\d.])(\d{1,2})" + _SEP + r"(\d{1,2})" + _SEP + r"(\d{4})(?!\d)")
_MONTH_WORDS = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
    "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}
_MONTH = r"(\d{1,2}|" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True)) + r")"
# "25 tháng 1 2022", "ngày 24 tháng 9 năm 2024", "25 Tháng Một, 2022", "4 tháng 3/2015".
_TEXT_RE = re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+" + _MONTH + r"(?!\w)\s*(?:,|năm|/)?\s*(\d{4})(?!\d)")
_TEXT_NOYEAR_RE = re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+" + _MONTH + r"(?!\w)(?!\s*[,/]?\s*(?:năm\s*)?\d)")
# "24-9", "9.6", "24/9": day and month with nothing after that would make it a full date.
_DM_RE = re.compile(r"(?<![\d.,:/\-])(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?![\d:]|\s*[/.\-]\s*\d)")
_REL_RE = re.compile(r"(\d+)\s*(giây|phút|giờ|tiếng|ngày|tuần|tháng|năm)\s*(?:trước|qua)(?!\w)")
_DAY_WORDS = {"hôm nay": 0, "hôm qua": 1, "hôm kia": 2}
_DAY_RE = re.compile(r"(?<!\w)(hôm nay|hôm qua|hôm kia)(?!\w)")
_UNIT_SECONDS = {"giây": 1, "phút": 60, "giờ": 3600, "tiếng": 3600, "ngày": 86400, "tuần": 604800}
# Year first with slashes or dots ("2023/04/30"), as some CMS print it.
_YMD_RE = re.compile(r"(?<![\d.])((?:19|20)\d\d)\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{1,2})(?![\d.])")
# Nothing can be a date without a digit or a day word; such text is rejected at once.
_HINT_RE = re.compile(r"\d|hôm")
# dateparser must find a full date, so it is only asked when a year could be there.
_FALLBACK_RE = re.compile(r"(?:19|20)\d\d|\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d\d(?!\d)")


def _month(tok: str) -> int:
    return int(tok) if tok.isdigit() else _MONTH_WORDS[tok]


def _yearless(text, m, mo_tok, ref: datetime, year_hint) -> DateResult | None:
    """A day and month without a year: the year is inferred (the hint's, else the fetch year's),
    so the result is always approximate."""
    d, mo = int(m.group(1)), _month(mo_tok)
    t = time_outside(text, m.span())
    dt = build(year_hint or ref.year, mo, d, t)
    if dt is None and not year_hint:
        dt = build(ref.year - 1, mo, d, t)  # 29-2 in a non-leap fetch year
    if dt is not None and dt.date() > ref.date():
        # A page never dates itself after it was fetched: it is last year's.
        dt = build(dt.year - 1, mo, d, t)
    return DateResult(stamp(dt, t), True) if dt else None


def _relative(text: str, ref: datetime) -> DateResult | None:
    m = _REL_RE.search(text)
    if m:
        n, unit = int(m.group(1)), m.group(2)
        if unit in _UNIT_SECONDS:
            return DateResult(iso(ref - timedelta(seconds=n * _UNIT_SECONDS[unit])), True)
        months = n * (12 if unit == "năm" else 1)
        y, mo = divmod(ref.year * 12 + ref.month - 1 - months, 12)
        d = min(ref.day, calendar.monthrange(y, mo + 1)[1])
        return DateResult(iso(ref.replace(year=y, month=mo + 1, day=d)), True)
    m = _DAY_RE.search(text)
    if m:
        day = ref - timedelta(days=_DAY_WORDS[m.group(1)])
        t = time_outside(text, m.span())
        if t is False:
            return None
        dt = day.replace(hour=t[0], minute=t[1], second=t[2]) if t else day
        return DateResult(stamp(dt, t), True)
    return None


def _iso_meta(m: re.Match) -> DateResult | None:
    y, mo, d, h, mi, se, tz = m.groups()
    if h is None:
        try:
            return DateResult(datetime(int(y), int(mo), int(d)).date().isoformat(), False)
        except ValueError:
            return None
    try:
        dt = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(se or 0))
    except ValueError:
        return None
    if tz:
        if tz == "z":
            off = timedelta(0)
        else:
            digits = tz[1:].replace(":", "")
            off = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
            off = -off if tz[0] == "-" else off
        dt = dt.replace(tzinfo=timezone(off)).astimezone(VN_TZ).replace(tzinfo=None)
    return DateResult(iso(dt), False)


def _full(y: int, mo: int, d: int, text: str, span) -> DateResult | None:
    """A date printed with its year, and the time beside it if any."""
    t = time_outside(text, span)
    dt = build(y, mo, d, t)
    return DateResult(stamp(dt, t), False) if dt else None


def parse_date(text: str | None, *, fetched_at: datetime, year_hint: int | None = None) -> DateResult | None:
    """Read the date in one dateline/metadata string; never looks at the clock."""
    if not text or len(text) > 300:
        return None
    s = unicodedata.normalize("NFC", text).replace("\xa0", " ").lower()
    if not _HINT_RE.search(s):
        return None
    ref = local(fetched_at)
    m = _ISO_RE.match(s)
    if m:
        return _iso_meta(m)
    m = _DMY_RE.search(s)
    if m:
        return _full(int(m.group(3)), int(m.group(2)), int(m.group(1)), s, m.span())
    m = _TEXT_RE.search(s)
    if m:
        return _full(int(m.group(3)), _month(m.group(2)), int(m.group(1)), s, m.span())
    m = _YMD_RE.search(s)
    if m:
        return _full(int(m.group(1)), int(m.group(2)), int(m.group(3)), s, m.span())
    rel = _relative(s, ref)
    if rel:
        return rel
    m = _TEXT_NOYEAR_RE.search(s)
    if m:
        return _yearless(s, m, m.group(2), ref, year_hint)
    m = _DM_RE.search(s)
    if m:
        return _yearless(s, m, m.group(2), ref, year_hint)
    return dateparser_fallback(s, ref) if _FALLBACK_RE.search(s) else None


__all__ = ["DateResult", "parse_date", "fetched_datetime", "VN_TZ"]

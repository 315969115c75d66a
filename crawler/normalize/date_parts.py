"""Building blocks for dates: the +07:00 result type, times of day, the fetch time, dateparser."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import NamedTuple

VN_TZ = timezone(timedelta(hours=7))


class DateResult(NamedTuple):
    iso: str  # YYYY-MM-DDTHH:MM:SS+07:00, or YYYY-MM-DD when the page prints no time
    approximate: bool  # relative phrase, or a year we had to guess


# Times: 10:20, 10:20:05, 10h20, 10h, 10 giờ 20 (phút), each with an optional SA/CH/AM/PM.
TIME_RE = re.compile(
    r"(?<![\d.,/\-+])(\d{1,2})\s*(?::|h|giờ|g)\s*(?:(\d{1,2})(?:\s*:\s*(\d{1,2}))?)?(?:\s*phút)?"
    r"(?!\w)(?:\s*(sa|ch|am|pm|a\.m\.|p\.m\.)(?!\w))?"
)


def local(dt: datetime) -> datetime:
    """A naive wall-clock datetime in Vietnam time."""
    if dt.tzinfo is not None:
        dt = dt.astimezone(VN_TZ)
    return dt.replace(tzinfo=None)


def iso(dt: datetime) -> str:
    """The stored form: wall-clock Vietnam time with its fixed offset."""
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + "+07:00"


def stamp(dt: datetime, t) -> str:
    """The stored form of a printed date: with its time when one was printed, else the day alone
    (a midnight the page never printed would read as a time)."""
    return iso(dt) if t else dt.date().isoformat()


def time_outside(text: str, span: tuple[int, int]) -> tuple[int, int, int] | None | bool:
    """The time printed before or after the date; None when none, False when impossible."""
    rest = text[: span[0]] + " | " + text[span[1]:]
    m = TIME_RE.search(rest)
    if not m:
        return None
    h, mi, se = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    mer = m.group(4)
    if mer:
        if h < 1 or h > 12:
            return False
        pm = mer[0] in "cp"
        h = (h % 12) + (12 if pm else 0)  # 12 SA is midnight, 12 CH is noon
    if h > 23 or mi > 59 or se > 59:
        return False
    return h, mi, se


def build(y: int, mo: int, d: int, t) -> datetime | None:
    """A datetime from parts, or None when the calendar or the time says it cannot exist."""
    if t is False:
        return None
    try:
        return datetime(y, mo, d, *(t or (0, 0, 0)))
    except ValueError:
        return None


# REQUIRE_PARTS: a date missing its day or year is not a date (dateparser would fill it
# in from RELATIVE_BASE, which is a guess).
_DP_SETTINGS = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"]}


def dateparser_fallback(s: str, ref: datetime) -> DateResult | None:
    """dateparser for whatever the explicit patterns missed; RELATIVE_BASE keeps it off the clock."""
    try:
        import dateparser  # imported late: it costs ~0.3 s and is rarely needed
    except ImportError:  # pragma: no cover - dateparser is a declared dependency
        return None
    try:
        dt = dateparser.parse(s, languages=["vi"], settings={**_DP_SETTINGS, "RELATIVE_BASE": ref})
    except Exception:  # dateparser raises odd errors on odd input; a miss is a miss
        return None
    if dt is None:
        return None
    return DateResult(stamp(local(dt), TIME_RE.search(s)), False)


def fetched_datetime(fetched_at: str | None) -> datetime | None:
    """The RawArticle's fetch time as an aware datetime (naive values are taken as +07:00)."""
    if not fetched_at:
        return None
    try:
        dt = datetime.fromisoformat(fetched_at.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=VN_TZ)

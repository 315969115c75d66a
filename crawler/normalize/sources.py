"""Syndication: which outlet a story came from (lead prefixes, "Theo"/"Nguồn" lines, source URLs)."""
from __future__ import annotations

import re

from crawler.normalize.fold import fold
from crawler.urls import host_of

# Outlet names as printed (folded, lower case) → the stable name we store: the host.
_OUTLETS = {
    "lao dong": "laodong.vn", "bao lao dong": "laodong.vn", "laodong": "laodong.vn", "ldo": "laodong.vn",
    "lao dong online": "laodong.vn", "bao dien tu lao dong": "laodong.vn",
    "nguoi lao dong": "nld.com.vn", "bao nguoi lao dong": "nld.com.vn", "nldo": "nld.com.vn",
    "nld": "nld.com.vn", "bao can tho": "baocantho.com.vn", "bao soc trang": "baosoctrang.org.vn",
    "bao lam dong": "baolamdong.vn", "lam dong online": "baolamdong.vn",
}
# Labels that start an outlet's name; such a source is kept as printed when not in the table.
_OUTLET_WORDS_RE = re.compile(r"^(?:báo|tạp chí|đài|cổng thông tin|trang thông tin|ttxvn|vov|vtv|thông tấn)\b", re.I)
_DOMAIN_RE = re.compile(r"^(?:https?://)?(?:[a-z0-9\-]+\.)+[a-z]{2,}(?:[/?#]\S*)?$", re.I)
# Mirror and language sub-domains that name the same outlet.
_MIRRORS = frozenset("www www2 amp m mobile news en ja fr es zh ko de ru vi".split())

# Lead prefixes: "(NLĐO) -", "(CTO) -", "STO -" at the head of the first paragraph.
_LEAD_RE = re.compile(
    r"^\s*(?:\(\s*(NLĐO|NLĐ|CTO|CT|LĐ\s*online|LĐO|STO)\s*\)|(NLĐO|CTO|STO|LĐO))\s*[-–—]\s*", re.I
)
_LEAD_OUTLETS = {"nlđo": "nld.com.vn", "nlđ": "nld.com.vn", "cto": "baocantho.com.vn",
                 "ct": "baocantho.com.vn", "lđ online": "baolamdong.vn", "lđo": "laodong.vn",
                 "sto": "baosoctrang.org.vn"}

# The caller has already taken off brackets that wrap a whole line.
_THEO_RE = re.compile(r"^theo\s+(.+?)\s*\.?$", re.I)
_NGUON_RE = re.compile(r"^nguồn\s*(?:tin|bài)?\s*:\s*(.+?)\s*\.?$", re.I)
_URL_LINE_RE = re.compile(r"^(https?://\S+?)\.?$", re.I)


def host_of_url(url: str) -> str | None:
    """"https://amp.laodong.vn/x.ldo" → "laodong.vn": host without mirror sub-domains."""
    try:
        host = host_of(url if "//" in url else "//" + url)
    except ValueError:
        return None
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in _MIRRORS:
        labels = labels[1:]
    return ".".join(labels) or None


def outlet_of(name: str) -> str | None:
    """The stored outlet name for a printed source, or None when it does not name an outlet."""
    name = name.strip().rstrip(".")
    if _DOMAIN_RE.match(name):
        return host_of_url(name)
    key = " ".join(fold(name).lower().replace(".", " ").split())
    if key in _OUTLETS:
        return _OUTLETS[key]
    if _OUTLET_WORDS_RE.match(name):
        return name
    return None


def split_lead_prefix(paragraph: str) -> tuple[str | None, str]:
    """"(NLĐO) - Sáng 5-5, …" → ("nld.com.vn", "Sáng 5-5, …"); no prefix → (None, paragraph)."""
    m = _LEAD_RE.match(paragraph)
    if not m:
        return None, paragraph
    code = " ".join((m.group(1) or m.group(2)).lower().split())
    return _LEAD_OUTLETS.get(code), paragraph[m.end():]


def source_line(line: str, is_name) -> tuple[str, str] | None:
    """A "Theo X" / "Nguồn: X" / bare URL line → ("source_outlet" | "author", value); else None."""
    if len(line) > 160:
        return None
    m = _URL_LINE_RE.match(line)
    if m:
        host = host_of_url(m.group(1))
        return ("source_outlet", host) if host else None
    m = _NGUON_RE.match(line)
    if m:
        x = m.group(1)
        return "source_outlet", outlet_of(x) or x
    m = _THEO_RE.match(line)
    if m:
        x = m.group(1)
        if len(x.split()) > 8:
            return None  # "Theo kế hoạch của Ban Thường vụ …" is a sentence, not a credit
        outlet = outlet_of(x)
        if outlet:
            return "source_outlet", outlet
        if is_name(x):
            return "author", x
    return None

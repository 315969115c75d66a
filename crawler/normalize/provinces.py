"""Provinces: canonical names and which province covers each one after the 2025-07-01 merger."""
from __future__ import annotations

import re

from crawler.normalize.fold import fold
from crawler.normalize.text import clean_line

# Historical province → the province that absorbed it (Resolution of 12/6/2025, in force 1/7/2025).
# Only the provinces our sources cover, plus their merger partners so a story about them resolves.
_NOW = {
    "Cần Thơ": "Cần Thơ", "Sóc Trăng": "Cần Thơ", "Hậu Giang": "Cần Thơ",
    "Vĩnh Long": "Vĩnh Long", "Trà Vinh": "Vĩnh Long", "Bến Tre": "Vĩnh Long",
    "Lâm Đồng": "Lâm Đồng", "Đắk Nông": "Lâm Đồng", "Bình Thuận": "Lâm Đồng",
}
# Look-up key: no marks, lower case, single spaces, so "Soc Trang" and "SÓC TRĂNG" match too.
_BY_KEY = {" ".join(fold(k).lower().split()): k for k in _NOW}
_BY_KEY["dak nong"] = "Đắk Nông"  # the older spelling "Đăk Nông"/"Dak Nong"
PROVINCE_KEYS = frozenset(_BY_KEY)
_PREFIX_RE = re.compile(r"^(?:tỉnh|thành phố|tp\.?)\s+", re.I)


def canonical_province(name: str | None) -> str | None:
    """The canonical spelling of a province we know ("tỉnh Sóc Trăng" → "Sóc Trăng"), else None."""
    if not name:
        return None
    s = _PREFIX_RE.sub("", clean_line(name))
    return _BY_KEY.get(" ".join(fold(s).lower().split()))


def province_now(province: str) -> str:
    """The province that covers `province` today; ValueError for a province we do not know."""
    canon = canonical_province(province)
    if canon is None:
        raise ValueError(f"unknown province: {province!r}")
    return _NOW[canon]

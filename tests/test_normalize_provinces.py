"""province_now: the province covering a place after the 2025-07-01 merger."""
from __future__ import annotations

import unicodedata

import pytest

from crawler.normalize import province_now

CASES = [
    ("Sóc Trăng", "Cần Thơ"),
    ("Trà Vinh", "Vĩnh Long"),
    ("Lâm Đồng", "Lâm Đồng"),
    ("Cần Thơ", "Cần Thơ"),
    ("Hậu Giang", "Cần Thơ"),
    ("Bến Tre", "Vĩnh Long"),
    ("Vĩnh Long", "Vĩnh Long"),
    ("Đắk Nông", "Lâm Đồng"),
    ("Bình Thuận", "Lâm Đồng"),
    ("tỉnh Sóc Trăng", "Cần Thơ"),
    ("TP Cần Thơ", "Cần Thơ"),
    ("thành phố Cần Thơ", "Cần Thơ"),
    ("SÓC TRĂNG", "Cần Thơ"),
    ("soc trang", "Cần Thơ"),
    (unicodedata.normalize("NFD", "Trà Vinh"), "Vĩnh Long"),
    ("Lâm \u00d0ồng", "Lâm Đồng"),
]


@pytest.mark.parametrize("province,now", CASES)
def test_province_now(province, now):
    assert province_now(province) == now


@pytest.mark.parametrize("province", ["Hà Nội", "", "Sóc", "Cần Thơ Sóc Trăng"])
def test_unknown_province(province):
    with pytest.raises(ValueError):
        province_now(province)

"""clean_text and collapse_ws: Unicode rules, tone placement, spacing left alone."""
from __future__ import annotations

import unicodedata

import pytest

from crawler.normalize import clean_line, clean_text, collapse_ws

TONE_CASES = [
    # moved: open oa/oe/uy syllables take the tone on the first vowel
    ("hoà", "hòa"),
    ("Hoà", "Hòa"),
    ("HOÀ", "HÒA"),
    ("thuý", "thúy"),
    ("Uỷ viên", "Ủy viên"),
    ("huyện uỷ", "huyện ủy"),
    ("THUỶ", "THỦY"),
    ("khoẻ", "khỏe"),
    ("toả sáng", "tỏa sáng"),
    ("Khánh Hoà", "Khánh Hòa"),
    ("xoè", "xòe"),
    ("loà", "lòa"),
    ("hoạ sĩ", "họa sĩ"),
    ("suỵt", "suỵt"),
    ("tuỳ", "tùy"),
    ("luỹ kế", "lũy kế"),
    ("hoá đơn", "hóa đơn"),
    ("Hoà, Thuý và Khoẻ.", "Hòa, Thúy và Khỏe."),
    # unchanged: closed syllables, after q, already first-vowel, other words
    ("hoàn thành", "hoàn thành"),
    ("quý", "quý"),
    ("Quỳnh", "Quỳnh"),
    ("QUÝ", "QUÝ"),
    ("khuỷu", "khuỷu"),
    ("huỳnh", "huỳnh"),
    ("suýt", "suýt"),
    ("hoạt động", "hoạt động"),
    ("hoảng hốt", "hoảng hốt"),
    ("hòa", "hòa"),
    ("Ủy ban", "Ủy ban"),
    ("toàn thể", "toàn thể"),
]


@pytest.mark.parametrize("raw,expected", TONE_CASES, ids=[c[0] for c in TONE_CASES])
def test_tone_marks(raw, expected):
    assert clean_text(raw) == expected
    assert clean_text(expected) == expected  # idempotent


UNICODE_CASES = [
    ("nfd", unicodedata.normalize("NFD", "Liên đoàn Lao động"), "Liên đoàn Lao động"),
    ("marks-in-any-order", "a\u0302\u0323", "ậ"),
    ("nbsp", "Công\u00a0đoàn", "Công đoàn"),
    ("zero-width", "Lao\u200b động", "Lao động"),
    ("bom", "\ufeffTin tức", "Tin tức"),
    ("soft-hyphen", "tuyên\u00adtruyền", "tuyêntruyền"),
    ("eth-upper", "\u00d0OÀN", "ĐOÀN"),
    ("eth-lower", "công \u00f0oàn", "công đoàn"),
    ("eth-title", "Lâm \u00d0ồng", "Lâm Đồng"),
    ("eth-abbreviation", "L\u00d0L\u00d0 tỉnh, CNVCL\u00d0", "LĐLĐ tỉnh, CNVCLĐ"),
    ("eth-icelandic-kept", "Guðrún", "Guðrún"),
    ("eth-icelandic-caps-kept", "GU\u00d0RÚN", "GU\u00d0RÚN"),
    ("eth-alone-kept", "\u00f0", "\u00f0"),
    ("ellipsis-kept", "vận động…", "vận động…"),
    ("quotes-kept", "“Mái ấm” – 2024", "“Mái ấm” – 2024"),
    ("spacing-kept", "  hai  khoảng   trắng ", "  hai  khoảng   trắng "),
    ("newline-kept", "dòng một\ndòng hai", "dòng một\ndòng hai"),
    ("fullwidth-kept", "ＡＢＣ ½", "ＡＢＣ ½"),  # no NFKC
    ("ascii", "LDLD TPCT 2024", "LDLD TPCT 2024"),
    ("empty", "", ""),
]


@pytest.mark.parametrize("name,raw,expected", UNICODE_CASES, ids=[c[0] for c in UNICODE_CASES])
def test_unicode_rules(name, raw, expected):
    assert clean_text(raw) == expected
    assert clean_text(clean_text(raw)) == clean_text(raw)


def test_clean_text_accepts_none():
    assert clean_text(None) == ""


WS_CASES = [
    ("  Tin \t hoạt   động  ", "Tin hoạt động"),
    ("\tThống kê", "Thống kê"),
    ("một  hai", "một hai"),
    ("", ""),
]


@pytest.mark.parametrize("raw,expected", WS_CASES)
def test_collapse_ws(raw, expected):
    assert collapse_ws(raw) == expected


def test_clean_line_combines_both():
    assert clean_line("  Hoà\u00a0 \u00a0Bình  ") == "Hòa Bình"
    assert clean_line("Tiêu đề\n  hai dòng\r\n") == "Tiêu đề hai dòng"

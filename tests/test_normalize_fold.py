"""fold(): accent-free search text; must equal the plain NFD definition on any input."""
from __future__ import annotations

import random
import unicodedata

import pytest

from crawler.normalize import fold
from crawler.normalize.fold import fold_reference

CASES = [
    ("Liên đoàn Lao động", "Lien doan Lao dong"),
    ("LÂM ĐỒNG", "LAM DONG"),
    ("Lâm Đồng", "Lam Dong"),
    ("Cần Thơ", "Can Tho"),
    ("Sóc Trăng", "Soc Trang"),
    ("Trà Vinh", "Tra Vinh"),
    ("huyện Đạ Tẻh", "huyen Da Teh"),
    ("Ủy viên, uỷ viên", "Uy vien, uy vien"),
    ("người lao động", "nguoi lao dong"),
    ("LĐLĐ, CNVCLĐ, CĐCS", "LDLD, CNVCLD, CDCS"),
    ("hòa / hoà", "hoa / hoa"),
    (unicodedata.normalize("NFD", "Công Đoàn người"), "Cong Doan nguoi"),
    ("“Mái ấm Công đoàn” – 2024…", "“Mai am Cong doan” – 2024…"),
    ("02-NQ/TƯ", "02-NQ/TU"),
    ("plain ascii 123", "plain ascii 123"),
    ("", ""),
]


@pytest.mark.parametrize("raw,expected", CASES, ids=[c[0] or "empty" for c in CASES])
def test_fold(raw, expected):
    assert fold(raw) == expected
    assert fold(raw) == fold_reference(raw)


def test_fold_none():
    assert fold(None) == ""


def test_fold_matches_reference_on_every_bmp_character():
    bad = [cp for cp in range(0x80, 0x10000)
           if not 0xD800 <= cp < 0xE000 and fold(chr(cp)) != fold_reference(chr(cp))]
    assert bad == []


def test_fold_matches_reference_on_random_mixtures():
    rng = random.Random(7)
    alphabet = ("aăâeêioôơuưyđĐ AÂÊÔƠƯ“”–…\u0300\u0301\u0302\u0303\u0309\u0323\u031b한ǅΩάй≠"
                "\u1100\u1161\u11a8\u0b47\u0b3e\u0b4b\u3099か")
    for _ in range(2000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        assert fold(s) == fold_reference(s), repr(s)

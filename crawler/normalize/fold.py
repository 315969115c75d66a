"""Accent-free copy of a text for the search columns: every mark dropped, đ→d, Đ→D."""
from __future__ import annotations

import re
import unicodedata


def fold_reference(s: str) -> str:
    """The plain definition (NFD, drop combining marks, đ→d, NFC); slow but obviously right."""
    s = unicodedata.normalize("NFD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s.replace("\u0111", "d").replace("\u0110", "D"))


_TABLE_SIZE = 0x2200  # Latin, Greek, Cyrillic, Vietnamese letters and the common punctuation


def _build() -> tuple[list[str], re.Pattern]:
    """Scan the BMP once: a translate table for letters with marks, and a pattern for the rest."""
    table: dict[int, str] = {}
    residue: list[int] = []
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        c = chr(cp)
        if not (unicodedata.combining(c) or unicodedata.normalize("NFD", c) != c):
            continue
        # Letters with marks are translated directly; lone combining marks and anything
        # decomposable past the table send the text to the reference path instead.
        if cp < _TABLE_SIZE and not unicodedata.combining(c):
            table[cp] = fold_reference(c)
        else:
            residue.append(cp)
    table[0x0111], table[0x0110] = "d", "D"
    residue.extend(range(0x1100, 0x1200))  # conjoining jamo recompose under NFC
    spans: list[list[int]] = []
    for cp in sorted(set(residue)):
        if spans and spans[-1][1] == cp - 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    cls = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in spans)
    # str.translate looks a list up by index, much faster than a dict; code points past
    # its end raise IndexError inside translate, which leaves them unchanged.
    as_list = [chr(cp) for cp in range(_TABLE_SIZE)]
    for cp, f in table.items():
        as_list[cp] = f
    return as_list, re.compile("[" + cls + "]")


_STATE: list = []  # filled on first use; building takes ~40 ms, so not at import


def fold(s: str | None) -> str:
    """Remove every diacritic and map đ/Đ to d/D; equals fold_reference, several times faster."""
    if not s:
        return ""
    if s.isascii():
        return s
    if not _STATE:
        _STATE.extend(_build())
    table, residue = _STATE
    out = s.translate(table)
    if out.isascii():
        return out
    # Per-character folding equals folding the whole text unless marks could attach to a
    # neighbour: that needs a residue character or a result that NFC would still change.
    if not residue.search(out) and unicodedata.is_normalized("NFC", out):
        return out
    return fold_reference(s)


def fold_key(text: str | None) -> str:
    """Lower-case, mark-free, single-spaced: how two spellings of one name are compared."""
    return " ".join(fold(text or "").lower().split())


def author_key(author: str | None) -> str | None:
    """The folded key of a byline: 'thao vy', 'Thảo Vy' and 'THẢO VY' give the same."""
    return fold_key(author) or None


# Union and place abbreviations the sites use, folded, with the long forms they stand for.
ABBREVIATIONS = {
    "ldld": ("lien doan lao dong",),
    "cdcs": ("cong doan co so",),
    "cnvcld": ("cong nhan vien chuc lao dong",),
    "cnvc": ("cong nhan vien chuc",),
    "cnld": ("cong nhan lao dong",),
    "nld": ("nguoi lao dong",),
    "dvcd": ("doan vien cong doan",),
    "tldld": ("tong lien doan lao dong",),
    "tp": ("thanh pho",),
    "tpct": ("thanh pho can tho", "tp can tho"),
    "tphcm": ("thanh pho ho chi minh",),
    "hcm": ("ho chi minh",),
    "ubnd": ("uy ban nhan dan",),
    "kcn": ("khu cong nghiep",),
    "atvsld": ("an toan ve sinh lao dong",),
}

"""Accent-free copy of a text for the search columns: every mark dropped, đ→d, Đ→D."""
from __future__ import annotations

import re
import unicodedata


def fold_reference(s: str) -> str:
    """The plain definition (NFD, drop combining marks, đ→d, NFC); slow but obviously right."""
    s = unicodedata.normalize("NFD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s.replace("\u0111", "d").replace("\u0110", "D"))


def _build() -> tuple[dict[int, str], re.Pattern]:
    """Scan the BMP once: a translate table for letters with marks, and a pattern for the rest."""
    table: dict[int, str] = {}
    residue: list[int] = []
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        c = chr(cp)
        if not (unicodedata.combining(c) or unicodedata.normalize("NFD", c) != c):
            continue
        f = fold_reference(c)
        # A letter whose fold is plain text can be translated directly; combining marks,
        # Hangul and other multi-part cases go to the reference path instead.
        if cp < 0x2000 and not unicodedata.combining(c) and f.isascii():
            table[cp] = f
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
    return table, re.compile("[" + cls + "]")


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
    if out.isascii() or not residue.search(out):
        return out
    return fold_reference(s)

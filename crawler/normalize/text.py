"""Unicode rules for stored Vietnamese text: NFC, invisible characters, ETH, tone placement."""
from __future__ import annotations

import re
import unicodedata

# Characters that carry no meaning in stored text: zero-width space, BOM, soft hyphen.
_DELETE = ("\u200b", "\ufeff", "\u00ad")

# Every Vietnamese vowel in NFC, plain or toned, lower and upper case.  Built from
# the base vowels so that no precomposed letter is forgotten.
_BASES = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_VOWELS = "".join(
    unicodedata.normalize("NFC", b + t) for b in _BASES + _BASES.upper() for t in _TONES
)

# A legacy converter sometimes writes ETH (Ð U+00D0, ð U+00F0) for Đ/đ.  In Vietnamese
# đ only ever opens a syllable and is followed by a vowel, so we only rewrite an ETH
# at the start of a word and before a vowel; an Icelandic "Guðrún" keeps its ð.
_ETH_RE = re.compile("(?<![^\\W\\d_])([\u00d0\u00f0])(?=[" + _VOWELS + "])")
# Inside an all-capital abbreviation ("LÐLÐ", "CNVCLÐ") an ETH is a Đ as well; a
# capitalised foreign word keeps it because it carries other accented letters ("GUÐRÚN").
_ETH_ABBR_RE = re.compile("\\b[A-Z\u0110\u00d0]*\u00d0[A-Z\u0110\u00d0]*\\b")

# Tone on the second vowel of an open oa/oe/uy syllable ("hoà", "thuý") moves to the
# first ("hòa", "thúy").  Only when nothing follows inside the word (open syllable:
# "hoàn" is fine as it is) and never after q ("quý", "Quỳnh" are already correct).
_MOVE = {
    **{a: ("òóỏõọ"[i], "a") for i, a in enumerate("àáảãạ")},
    **{e: ("òóỏõọ"[i], "e") for i, e in enumerate("èéẻẽẹ")},
    **{y: ("ùúủũụ"[i], "y") for i, y in enumerate("ỳýỷỹỵ")},
}
# The pattern starts with a plain character set so the regex engine can scan fast;
# the q rule and the o+a/e, u+y pairing are checked in _move_tone.
_TONE_RE = re.compile(r"[oOuU][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?!\w)")


def _move_tone(m: re.Match) -> str:
    first, second = pair = m.group(0)
    start = m.start()
    if (start and m.string[start - 1] in "qQ") or ((first in "oO") != (second.lower() in "àáảãạèéẻẽẹ")):
        return pair
    toned, bare = _MOVE[second.lower()]
    return (toned if first.islower() else toned.upper()) + (bare if second.islower() else bare.upper())


def _eth(m: re.Match) -> str:
    return "Đ" if m.group(1) == "\u00d0" else "đ"


def clean_text(s: str | None) -> str:
    """Apply the storage Unicode rules; spacing and punctuation are left as they are."""
    if not s:
        return ""
    if not s.isascii():
        s = unicodedata.normalize("NFC", s)
        # `in` scans are far cheaper than str.translate, and these characters are rare.
        if "\xa0" in s:
            s = s.replace("\xa0", " ")
        for ch in _DELETE:
            if ch in s:
                s = s.replace(ch, "")
        if "\u00d0" in s or "\u00f0" in s:
            s = _ETH_RE.sub(_eth, s)
            if "\u00d0" in s:
                s = _ETH_ABBR_RE.sub(lambda m: m.group(0).replace("\u00d0", "Đ"), s)
        s = _TONE_RE.sub(_move_tone, s)
    return s


_SPACES_RE = re.compile(r"[ \t\f\v\r]+")


def collapse_ws(s: str) -> str:
    """One line's spacing: runs of spaces and tabs become one space, ends stripped."""
    s = s.strip()
    if "  " in s or "\t" in s or "\r" in s or "\f" in s or "\v" in s:
        s = _SPACES_RE.sub(" ", s)
    return s


def clean_line(s: str | None) -> str:
    """clean_text plus collapse_ws, line breaks read as spaces: the form of every one-line field."""
    s = clean_text(s)
    if "\n" in s or "\r" in s or "\u2028" in s:
        s = " ".join(s.splitlines())
    return collapse_ws(s)


def as_str(value) -> str:
    """A field of a hand-built or odd RawArticle as text: anything but a string is empty."""
    return value if isinstance(value, str) else ""

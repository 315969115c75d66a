"""Page bytes to text: byte order mark, declared charset, Vietnamese legacy code pages, or a reason."""
from __future__ import annotations

import codecs
import re
import zlib

from crawler.items import Page

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"))
# What a server or template claims by default whatever the file holds: proof of nothing.
DEFAULT_CLAIMS = {"iso-8859-1", "latin-1", "latin1", "l1", "iso8859-1", "windows-1252", "cp1252",
                  "ascii", "us-ascii", "utf-8", "utf8"}
# Tried after UTF-8 when the bytes are not UTF-8. TCVN3 and VNI are left out: Python has no codec
# for them and both re-use ASCII letters, so a wrong guess would still look clean.
LEGACY = ("windows-1258",)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
# Text never holds NUL; UTF-16 read as an 8-bit charset (or as UTF-8) is full of them. Other
# control characters turn up in real pages (pasted from a word processor): no sign of a wrong charset.
_NUL = "\x00"


class Undecodable(ValueError):
    """No charset turns the page's bytes into clean text; the message says which were tried."""


def charset_of(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w-]+)", content_type or "", re.I)
    return match.group(1).lower() if match else None


def candidates(body: bytes, content_type: str | None) -> list[str]:
    """Charsets worth trying, most trustworthy first: a declared specific one, UTF-8, the legacy ones."""
    meta = _META_CHARSET.search(body[:4096])
    declared = charset_of(content_type) or (meta.group(1).decode().lower() if meta else None)
    claimed = [declared] if declared and declared.replace("_", "-") not in DEFAULT_CLAIMS else []
    # A page claiming Latin-1 or Windows-1252 is read as Windows-1252 (as browsers do) last.
    latin = ["cp1252"] if declared in DEFAULT_CLAIMS - {"utf-8", "utf8"} else []
    return list(dict.fromkeys([*claimed, "utf-8", *LEGACY, *latin]))


def decode_html(body: bytes, content_type: str | None = None, encoding: str | None = None) -> str:
    """The page's text: a byte order mark wins, then `encoding` if given, then the first clean candidate.

    Raises Undecodable rather than return text with replacement characters or NULs.
    """
    for bom, codec in BOMS:
        if body.startswith(bom):
            return _clean(body[len(bom):], codec, f"{codec} (byte order mark)")
    if encoding:
        return _clean(body, encoding, encoding)
    reasons = []
    for charset in candidates(body, content_type):
        try:
            return _clean(body, charset, charset)
        except Undecodable as error:
            reasons.append(str(error))
    raise Undecodable("no charset gives clean text: " + "; ".join(reasons))


def _clean(body: bytes, codec: str, name: str) -> str:
    try:
        text = body.decode(codec)
    except LookupError:
        raise Undecodable(f"unknown encoding {name!r}") from None
    except UnicodeDecodeError as error:
        raise Undecodable(f"not {name} (byte 0x{body[error.start]:02x} at {error.start})") from None
    if _NUL in text:
        raise Undecodable(f"not {name} (NUL character at {text.index(_NUL)})")
    return text


def page_from_archive(row: dict) -> Page:
    """The Page an archive row was, decoded as the crawl decodes a response."""
    body = zlib.decompress(row["body"])
    return Page(url=row["url"], html=decode_html(body, row["content_type"]),
                fetched_at=row["fetched_at"], status=row["status"], site=row["site"])

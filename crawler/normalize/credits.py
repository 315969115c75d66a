"""Credit lines: "Tin, ảnh: X", "Tin: X - Ảnh: Y", "Ảnh: X", trailing name lines, photo credits in captions."""
from __future__ import annotations

import re

from crawler.normalize.chrome import is_all_caps, is_chrome
from crawler.normalize.sources import source_line

# "Tin, ảnh: X", "Tin, ảnh : X.", "Tin và ảnh: X", "Tin-ảnh: X", "Bài, ảnh: X", "Bài và ảnh: X"
_BOTH_RE = re.compile(r"^(?:tin|bài|tin bài)\s*(?:[,\-–/&]|và)?\s*(?:ảnh|hình)\s*:\s*(.+)$", re.I)
# "Tin: X - Ảnh: Y", "Bài: X", "Bài viết: X"
_TEXT_RE = re.compile(
    r"^(?:tin|bài|bài viết|tin bài|nội dung)\s*:\s*(.+?)(?:\s*[-–,;|]\s*(?:ảnh|hình ảnh|hình)\s*:\s*(.+))?$",
    re.I,
)
_PHOTO_RE = re.compile(r"^(?:ảnh|hình|hình ảnh|ảnh minh họa)\s*:\s*(.+)$", re.I)
# A photo credit at the end of a caption: "… tại tỉnh Sóc Trăng. Ảnh: Hoài Thương", "(Ảnh: X)".
_CAPTION_CREDIT_RE = re.compile(r"^(.*?)[\s\-–,;]*\(?\s*\b(?:ảnh|nguồn ảnh)\s*:\s*([^():]+?)\s*\)?\s*\.?$", re.I)

# Words that appear in unit names and headings but never in a person's name.
_NOT_NAME = frozenset(
    "LĐLĐ CĐCS UBND TỈNH HUYỆN XÃ PHƯỜNG QUẬN BAN HỘI NGHỊ ĐẠI TIN ẢNH BÀI THEO NGUỒN CHÀO MỪNG "
    "LIÊN CỦA CHO VỚI CÁC NHỮNG VÀ TẠI TRONG KẾT LUẬN".split()
)
_NAME_TOKEN_RE = re.compile(r"^[^\W\d_]+(?:\.[^\W\d_]+)*\.?$")
_SEPARATORS = {"-", "–", "—", "&", ","}


def credit_value(v: str | None) -> str | None:
    """A credit value as printed, minus a closing period and stray separators."""
    if v is None:
        return None
    v = v.strip().rstrip(".").rstrip(" -–,;:").strip()
    return v or None


def is_name(line: str) -> bool:
    """A byline: 2–4 capitalized words ("Diệu Hiền") or a short all-caps name ("HOÀI THƯƠNG")."""
    line = line.strip()
    if not line or len(line) > 60 or line[-1] in ".!?:;…" or any(c.isdigit() for c in line):
        return False
    words = [w for w in line.replace(",", " , ").split() if w not in _SEPARATORS]
    if not words or not all(_NAME_TOKEN_RE.match(w) for w in words):
        return False
    if any(w.upper() in _NOT_NAME for w in words):
        return False
    if is_all_caps(line):
        return 2 <= len(words) <= 8
    return 2 <= len(words) <= 4 and all(w[0].isupper() and w[1:] == w[1:].lower() for w in words)


def credit_line(line: str) -> dict | None:
    """The fields a credit line gives ({"author": …, "photo_credit": …, "source_outlet": …}), or None."""
    if len(line) > 200:
        return None
    if line.startswith("(") and line.endswith(")"):
        line = line[1:-1].strip()  # "(Tin, ảnh: X)": the brackets wrap the whole credit
    m = _BOTH_RE.match(line)
    if m:
        # "Tin, ảnh: X": X wrote the story and took the photos.
        v = credit_value(m.group(1))
        return {"author": v, "photo_credit": v} if v else None
    m = _TEXT_RE.match(line)
    if m:
        a, p = credit_value(m.group(1)), credit_value(m.group(2))
        return {"author": a, "photo_credit": p} if a else None
    m = _PHOTO_RE.match(line)
    if m:
        p = credit_value(m.group(1))
        return {"photo_credit": p} if p else None
    src = source_line(line, is_name)
    if src:
        return {src[0]: credit_value(src[1]) if src[0] == "author" else src[1]}
    return None


def trailing_credits(lines: list[str], *, max_lines: int = 4) -> tuple[list[str], dict]:
    """Take credit lines off the end of the body; returns (remaining lines, fields found)."""
    found: dict = {}
    lines = list(lines)
    taken = 0
    while lines and taken < max_lines:
        last = lines[-1]
        fields = credit_line(last)
        if fields is None and "author" not in found and is_name(last) and not is_chrome(last) and len(lines) > 1:
            fields = {"author": credit_value(last)}
        if fields is None:
            break
        for k, v in fields.items():
            if v:
                found.setdefault(k, v)  # the last line wins: it is the one printed as the credit
        lines.pop()
        taken += 1
    return lines, found


def split_photo_credit(caption: str) -> tuple[str | None, str | None]:
    """"… tại tỉnh Sóc Trăng. Ảnh: Hoài Thương" → ("… tại tỉnh Sóc Trăng.", "Hoài Thương")."""
    m = _CAPTION_CREDIT_RE.match(caption)
    if not m:
        return caption or None, None
    credit = credit_value(m.group(2))
    if not credit or credit[0].islower():
        return caption or None, None  # "… trao ảnh: chân dung …" is text, not a credit
    text = m.group(1).strip().rstrip("-–,;(").strip()
    return text or None, credit

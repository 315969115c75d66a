"""Photo captions: which line after an image is its caption, and which alt texts are worth keeping."""
from __future__ import annotations

import re

from crawler.normalize.chrome import same_text
from crawler.normalize.credits import credit_line, is_name, split_photo_credit

# "<title> - Ảnh 1." : a generated label standing where the caption should be.
_PLACEHOLDER_RE = re.compile(r"(?:^|\s)[-–—]\s*(?:Ảnh|Hình|Photo)\s*\d{1,3}\s*\.?\s*$", re.I)
_PLACEHOLDER_TAIL = 24  # the label is short, so only the end of a line needs searching
_CAPTION_START_RE = re.compile(
    r"^(?:Đ/c|Đ/\s*c|Đồng chí|Quang cảnh|Toàn cảnh|Lãnh đạo|Các đại biểu|Đại biểu|Ban Tổ chức|Hình:|Hình ảnh:"
    r"|Ảnh:|Ảnh trên:|Ảnh dưới:|Ảnh minh họa|Hình minh họa)",
)
_ENDS_WITH_CREDIT_RE = re.compile(r"\(?\s*\b(?:Ảnh|Nguồn ảnh)\s*:\s*[^:]{2,60}\)?\.?$", re.I)
_FILE_NAME_RE = re.compile(r"^[\w\-.%()\s]*\.(?:jpe?g|png|gif|webp|bmp|tiff?)$|^[\w\-]*\d[\w\-]*$", re.I)
_LABEL_ALT_RE = re.compile(r"^(?:ảnh|hình|hình ảnh|image|img|photo|picture|thumbnail|avatar)\s*\d*$", re.I)
MAX_CAPTION_WORDS = 30
# Under a "- Ảnh N." placeholder the caption may end with a stop, so only length tells it
# from the next paragraph.
PLACEHOLDER_CAPTION_WORDS = 20


def is_placeholder(line: str) -> bool:
    """True for "<title> - Ảnh N.": the real caption, if any, is on the next line."""
    # Searching from near the end (pos argument: "^" still means the real start).
    return bool(_PLACEHOLDER_RE.search(line, max(0, len(line) - _PLACEHOLDER_TAIL)))


def looks_like_caption(line: str) -> bool:
    """A short line that describes a photo rather than continuing the story."""
    words = len(line.split())
    if words == 0 or words > MAX_CAPTION_WORDS:
        return False
    if _ENDS_WITH_CREDIT_RE.search(line) or _CAPTION_START_RE.match(line):
        return True
    end = line.rstrip()[-1]
    # A sentence ends with a stop; a caption usually does not.  A trailing colon
    # introduces what follows, so it is the story speaking, not a caption.
    return end not in ".!?:;…\"”»"


def usable_alt(text: str | None, title: str) -> bool:
    """An alt/figcaption text that says something: not the title, a file name or a bare label."""
    if not text:
        return False
    t = text.strip()
    if len(t) < 4 or same_text(t, title) or is_placeholder(t):
        return False
    return not (_FILE_NAME_RE.match(t) or _LABEL_ALT_RE.match(t))


def attach_captions(kept: list[tuple[str, object]], title: str) -> tuple[list[str], list[dict]]:
    """Move caption lines into their images; returns (body lines, images de-duplicated by url)."""
    lines: list[str] = []
    images: dict[str, dict] = {}
    i, n = 0, len(kept)
    while i < n:
        kind, v = kept[i]
        i += 1
        if kind == "t":
            if is_placeholder(v):
                # A placeholder with no image before it: its caption line goes with it.
                if i < n and kept[i][0] == "t" and _after_placeholder(kept[i][1]):
                    i += 1
                continue
            lines.append(v)
            continue
        text, i = _caption_for(v, kept, i, title)
        caption, credit = split_photo_credit(text) if text else (None, None)
        if caption and same_text(caption, title):
            caption = None
        img = images.get(v["url"])
        if img is None:
            images[v["url"]] = {"url": v["url"], "caption": caption, "credit": credit}
        else:  # the same photo twice: keep the first place, fill what it lacked
            img["caption"] = img["caption"] or caption
            img["credit"] = img["credit"] or credit
    return lines, list(images.values())


def _caption_for(img: dict, kept: list, i: int, title: str) -> tuple[str | None, int]:
    """The caption text of the image whose next item is kept[i], and where the body resumes."""
    n = len(kept)
    placeholder = False
    while i < n and kept[i][0] == "t" and is_placeholder(kept[i][1]):
        placeholder, i = True, i + 1
    cand = kept[i][1] if i < n and kept[i][0] == "t" else None
    fields = credit_line(cand) if cand else None
    if cand and fields is not None and set(fields) == {"photo_credit"}:
        return cand, i + 1  # "Ảnh: X" under a photo credits that photo
    if usable_alt(img["caption"], title):
        # The page marked up its own caption; a following line only repeats it, or is text.
        own = img["caption"]
        return own, i + 1 if cand and same_text(cand, own) else i
    if cand and fields is None:
        # A name on the last line is the byline even when a photo stands above it.
        byline = is_name(cand) and not any(k == "t" for k, _ in kept[i + 1:])
        if not byline and ((placeholder and _after_placeholder(cand)) or looks_like_caption(cand)):
            return cand, i + 1
    if usable_alt(img["alt"], title):
        return img["alt"], i + 1 if cand and same_text(cand, img["alt"]) else i
    return None, i


def _after_placeholder(line: str) -> bool:
    """Under a "- Ảnh N." label: a caption if short, or shaped like one."""
    return len(line.split()) <= PLACEHOLDER_CAPTION_WORDS or looks_like_caption(line)

"""Photo captions: which line after an image is its caption, and which alt texts are worth keeping."""
from __future__ import annotations

import re

from crawler.normalize.chrome import same_text

# "<title> - Ảnh 1." : a generated label standing where the caption should be.
_PLACEHOLDER_RE = re.compile(r"(?:^|\s)[-–—]\s*(?:Ảnh|Hình|Photo)\s*\d{1,3}\s*\.?\s*$", re.I)
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
    return bool(_PLACEHOLDER_RE.search(line))


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

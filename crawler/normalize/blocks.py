"""Blocks to lines: RawArticle blocks become text lines and images, with page chrome removed."""
from __future__ import annotations

from crawler.normalize.chrome import is_chrome, is_stop, same_text
from crawler.normalize.text import as_str, clean_line

# After a related-news header, a line this long means the story goes on (an inline box).
_PARAGRAPH_WORDS = 30


def flatten(blocks, title: str) -> tuple[list[tuple[str, object]], str]:
    """Blocks → [("t", line) | ("i", image)], chrome and title lines gone, related lists cut off;
    with the title used to spot repeats."""
    items: list[tuple[str, object]] = []
    for b in blocks or ():
        if not isinstance(b, dict):
            continue
        if b.get("kind") == "image":
            src = b.get("src")
            if isinstance(src, str) and src.strip() and not src.startswith("data:"):
                items.append(("i", {"url": src.strip(), "alt": clean_line(as_str(b.get("alt"))),
                                    "caption": clean_line(as_str(b.get("caption")))}))
        elif b.get("kind") == "text":
            for part in as_str(b.get("text")).splitlines():
                line = clean_line(part)
                if line:
                    items.append(("t", line))
    kept: list[tuple[str, object]] = []
    for n, (kind, v) in enumerate(items):
        if kind == "t":
            if kept and is_stop(v) and not any(
                k == "t" and len(w.split()) > _PARAGRAPH_WORDS for k, w in items[n + 1:]
            ):
                break
            if is_chrome(v) or same_text(v, title):
                continue
        kept.append((kind, v))
    return kept, title


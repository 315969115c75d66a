"""Blocks to lines: RawArticle blocks become text lines and images, with page chrome removed."""
from __future__ import annotations

from crawler.normalize.chrome import has_print_suffix, is_chrome, is_stop, same_text, strip_print_suffix
from crawler.normalize.text import as_str, clean_line

# After a related-news header, a line this long means the story goes on (an inline box).
_PARAGRAPH_WORDS = 30


def flatten(blocks, title: str) -> tuple[list[tuple[str, object]], str]:
    """Blocks → [("t", line) | ("i", image)], chrome and title lines gone, related lists cut off.

    Also returns the title used to spot repeats: the given one, or else the page's own
    "<title> In trang" line."""
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
    if not title:
        title = next((strip_print_suffix(v) for k, v in items if k == "t" and _is_print_line(v)), "")
    kept: list[tuple[str, object]] = []
    for n, (kind, v) in enumerate(items):
        if kind == "t":
            if kept and is_stop(v) and not any(
                k == "t" and len(w.split()) > _PARAGRAPH_WORDS for k, w in items[n + 1:]
            ):
                break
            if is_chrome(v) or same_text(v, title) or _is_print_line(v):
                continue
        kept.append((kind, v))
    return kept, title


def _is_print_line(line: str) -> bool:
    # Only the link's own spelling: "… được in trang trọng" style text must survive.
    return len(line) < 300 and line.endswith("In trang") and has_print_suffix(line)

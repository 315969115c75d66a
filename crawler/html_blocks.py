"""HTML elements to text and image blocks in reading order, walked without recursion."""
from __future__ import annotations

import re
from urllib.parse import urljoin

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
              "figure", "figcaption", "table", "tbody", "tr", "td", "th", "section", "article",
              "center", "pre", "header", "footer", "dl", "dt", "dd", "caption"}
SKIP_TAGS = {"script", "style", "noscript", "iframe", "form", "button", "input", "select",
             "textarea", "svg", "object", "embed", "video", "audio", "template"}
_CAPTION_CLASS = re.compile(r"caption|chu-?thich|desc|note", re.I)
# Inline elements whose text the generic extractor weighs: links (menus, related lists) and emphasis.
_INLINE_MARKS = {"a": "a", "b": "strong", "strong": "strong", "font": "strong", "big": "strong"}


def blocks_of(element, base_url: str) -> list[dict]:
    """Flatten an HTML element into text and image blocks in reading order, captions printed
    in their own table row given to their photos."""
    return [block for block, _ in with_caption_rows(element, walk_blocks(element, base_url))]


def with_caption_rows(element, walked: list[tuple[dict, dict]]) -> list[tuple[dict, dict]]:
    """Walked blocks of the element, each photo of a row of photos given its caption from the row
    below, and those caption lines left out of the text."""
    captions = _caption_cells(element)
    for block, info in walked:
        if block["kind"] == "image" and info["owner"] in captions:
            block["caption"] = captions[info["owner"]]
    return [(block, info) for block, info in walked
            if block["kind"] == "image" or captions.get(info["owner"], "") is not None]


def _caption_cells(element) -> dict:
    """A table row of photos whose next row holds one short text per photo: those are captions.
    Photo cells map to their caption, caption cells to None."""
    captions = {}
    for row in element.iter("tr"):
        below = row.getnext()
        cells = [c for c in row if c.tag in ("td", "th")]
        if below is None or len(cells) < 2:
            continue
        under = [c for c in below if c.tag in ("td", "th")]
        texts = [" ".join(c.xpath("string()").split()) for c in under]
        if len(texts) == len(cells) and all(0 < len(t.split()) <= 30 for t in texts) \
                and all(len(list(c.iter("img"))) == 1 and not c.xpath("string()").strip() for c in cells):
            for cell, caption_cell, text in zip(cells, under, texts):
                captions[cell], captions[caption_cell] = text, None
    return captions


def walk_blocks(element, base_url: str, skip: frozenset | set = SKIP_TAGS,
                split_lines: bool = False) -> list[tuple[dict, dict]]:
    """Blocks in reading order, each with what the generic extractor weighs: the block element
    that holds it ("owner") and how many of its characters are link or emphasis text.

    Iterative, so a page nesting thousands of elements is read instead of overflowing the stack.
    With `split_lines`, each <br> ends a block, so every line of a <br>-laid page is weighed alone.
    """
    out: list[tuple[dict, dict]] = []
    buffer: list[str] = []
    counts = {"link": 0, "strong": 0}
    open_blocks = [element]
    inside = {"a": 0, "strong": 0}

    def add(text: str | None):
        if text:
            text = _spaces(text)
            buffer.append(text)
            counts["link"] += len(text) if inside["a"] else 0
            counts["strong"] += len(text) if inside["strong"] else 0

    def flush():
        text = "".join(buffer).strip()
        buffer.clear()
        if text:
            text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*", "\n", text)
            out.append(({"kind": "text", "text": text},
                        {"owner": open_blocks[-1], "link": counts["link"], "strong": counts["strong"]}))
        counts["link"] = counts["strong"] = 0

    stack: list[tuple[object, bool]] = [(element, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if leaving:
            if tag in _INLINE_MARKS:
                inside[_INLINE_MARKS[tag]] -= 1
            if tag in BLOCK_TAGS:
                flush()
                open_blocks.pop()
                _caption_to_image(node, out)
            add(node.tail)
            continue
        if tag == "img":
            flush()
            image = _image(node, base_url)
            if image:
                out.append((image, {"owner": open_blocks[-1], "link": 0, "strong": 0}))
            add(node.tail)
        elif tag == "br":
            if split_lines:
                flush()
            else:
                buffer.append("\n")
            add(node.tail)
        elif tag == "figcaption" and out and out[-1][0]["kind"] == "image":
            flush()
            out[-1][0]["caption"] = " ".join(node.xpath("string()").split()) or None
            add(node.tail)
        elif tag and tag not in skip:
            if tag in BLOCK_TAGS:
                flush()
                open_blocks.append(node)
            if tag in _INLINE_MARKS:
                inside[_INLINE_MARKS[tag]] += 1
            add(node.text)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node))
        elif node is not element:
            add(node.tail)  # a skipped element or a comment: only its tail is page text
    flush()
    return out


def _caption_to_image(node, out: list[tuple[dict, dict]]) -> None:
    """An italic or caption-classed paragraph right under a captionless image is its caption."""
    if len(out) < 2 or out[-1][0]["kind"] != "text" or out[-2][0]["kind"] != "image" \
            or out[-2][0]["caption"]:
        return
    styled = [c for c in node if isinstance(c.tag, str) and c.tag.lower() in ("em", "i")]
    whole = " ".join(node.xpath("string()").split())
    italic = len(styled) == 1 and " ".join(styled[0].xpath("string()").split()) == whole
    if italic or _CAPTION_CLASS.search(node.get("class") or ""):
        caption = out.pop()[0]["text"]
        out[-1][0]["caption"] = caption


def _spaces(text: str | None) -> str:
    # HTML collapses source newlines and runs of spaces; only <br> makes a line break.
    return re.sub(r"\s+", " ", text) if text else ""


def _image(node, base_url: str) -> dict | None:
    src = next((node.get(a) for a in ("data-src", "data-original", "src")
                if node.get(a) and not node.get(a).startswith("data:")), None)
    if not src:
        return None
    return {"kind": "image", "src": urljoin(base_url, src.strip()),
            "alt": (node.get("alt") or "").strip() or None, "caption": None}

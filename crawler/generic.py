"""The generic extractor: title, dateline, credit and body of an article page with no site selectors."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.html_blocks import SKIP_TAGS, walk_blocks, with_caption_rows
from crawler.normalize.chrome import is_chrome, is_stop
from crawler.normalize.credits import trailing_credits
from crawler.normalize.text import clean_line

# libxml2 stops building the tree at this many ancestors and drops what lies below, text included.
PARSER_MAX_DEPTH = 2047
# A story paragraph: this many words (syllables) with a full stop, or twice as many without.
PARAGRAPH_WORDS = 15
# Text outside story paragraphs costs a container this much per word: a bigger container must
# bring more story than chrome.
CHROME_COST = 0.5
# How far above a paragraph its container may sit, and how many lines before the body a title may be.
MAX_CONTAINER_LEVELS = 40
TITLE_WINDOW = 14
# Class or id words of page parts that are never the story (comments, related lists, menus...).
_NEVER = re.compile(
    r"(?<![a-z])(?:comment|binh-?luan|y-?kien|related|relate|lien-?quan|tin-?khac|other|same|"
    r"cung-?chuyen-?muc|doc-?nhieu|xem-?nhieu|sidebar|widget|share|social|tags|lst-tags|keyword|"
    r"breadcrumb|pager|pagenav|pagination|navigation|menu|footer|banner|advert|quang-?cao|"
    r"asset-abstract|latest|popular|respond|jp-relatedposts)", re.I)
# ASP.NET portals (DotNetNuke) wrap the whole page in one <form>: walk it, skip only its controls.
# A <marquee> is always a slogan or a ticker.
_SKIP = (SKIP_TAGS - {"form"}) | {"marquee"}
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?…:;\"”»)]\s*$")
_HEADING = {"h1": 3, "h2": 2.5, "h3": 2, "h4": 1, "h5": 0.5, "h6": 0.5}
_TITLE_CLASS = re.compile(r"title|tieu-?de|headline|heading|subject", re.I)
_BYLINE_CLASS = re.compile(r"author|byline|tac-?gia|nguoi-?viet|writer|createdby", re.I)
# The CMS account that posted a story is not its writer.
_ACCOUNT = re.compile(r"^(?:super ?user|admin(?:istrator)?|quản trị(?: viên)?|webmaster|editor)$", re.I)
_BYLINE_LABEL = re.compile(r"^(?:tác giả|người viết|viết bởi|bởi|by|bài)\s*:?\s*", re.I)
_DATE = re.compile(
    r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:19|20)\d\d|\d{1,2}\s+tháng\s+\S+\s*(?:,|năm)?\s*(?:19|20)\d\d"
    r"|(?:19|20)\d\d-\d\d-\d\d|\d+\s*(?:phút|giờ|ngày|tuần)\s+trước", re.I)
DATELINE_WORDS = 16
# This many teasers under linked headlines make a listing (an article may carry a few related links).
LISTING_TEASERS = 4


@dataclass
class Generic:
    """What the generic extractor found; `reason` says why there is no article when blocks is empty."""

    title: str | None = None
    dateline: str | None = None
    credit: str | None = None
    blocks: list[dict] = field(default_factory=list)
    reason: str | None = None


@dataclass
class _Line:
    block: dict
    owner: object
    words: int
    link: float  # share of the text inside links
    strong: float  # share of the text inside b/strong/font

    @property
    def text(self) -> str:
        return self.block.get("text", "")


def refusal(html: str) -> str | None:
    """Why a page cannot hold an article before parsing it, or None."""
    head = html.lstrip()[:1024]
    if head.startswith("%PDF"):
        return "not an HTML page: a PDF document"
    if "\x00" in head or sum(c < " " and c not in "\t\r\n" for c in head) > 8:
        return "not an HTML page: binary content"
    if len(html) < 2048 and "<script" in html.lower() and not _WORD.search(re.sub(r"<script.*?</script>|<[^>]*>",
                                                                                     " ", html, flags=re.S | re.I)):
        return "an interstitial page (a script and no text)"
    return None


def extract_generic(root, html: str, url: str, meta_title: str | None = None) -> Generic:
    """Find the article on a parsed page (lxml root) without knowing the site."""
    reason = refusal(html)
    if reason:
        return Generic(reason=reason)
    body = next(root.iter("body"), root)
    lines = [_line(block, info) for block, info
             in with_caption_rows(body, walk_blocks(body, url, _SKIP, split_lines=True))]
    good = [i for i, ln in enumerate(lines) if _is_paragraph(ln) and not _never(ln.owner)]
    # Some themes wrap the story itself in a "widget" or "sidebar"-named box: with no paragraph
    # anywhere else, read the paragraphs there.
    good = good or [i for i, ln in enumerate(lines) if _is_paragraph(ln)]
    if not good:
        if _deepest(body) >= PARSER_MAX_DEPTH:
            return Generic(reason=f"elements nested {PARSER_MAX_DEPTH}+ levels deep: the parser dropped the text")
        longest = max((ln.words for ln in lines), default=0)
        return Generic(reason=f"no article text (the longest text block has {longest} words)")
    part, container, heads = good, None, []
    while len(heads) != 1:
        # Several boxes of paragraphs in one container: the story is the one under the best
        # headline; look again inside it, as that box may itself hold a box of teasers.
        container = _container(lines, part)
        parts = _parts(lines, part, container)
        if not heads and _is_listing(lines, parts):
            return Generic(reason="a listing of articles, not an article")
        heads = [(_title(lines, p[0], url, meta_title), p) for p in parts]
        (title_at, title, _), part = max(heads, key=lambda head: head[0][2])
    start, end = _span(lines, part, container)
    dateline, date_at = _dateline(lines, title_at, start, end)
    blocks = _body(lines, container, start, end, {title_at, date_at})
    signed = _signature(lines, blocks)
    if signed:
        blocks.pop()
    byline = _header_credit(lines, title_at, start)
    return Generic(title=title, dateline=dateline, credit=signed or _credit(root, blocks, byline), blocks=blocks)


def _deepest(body) -> int:
    """Ancestors of the deepest element, walked without recursion."""
    deepest, stack = 0, [(body, _depth(body))]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node if isinstance(child.tag, str))
    return deepest


def _line(block: dict, info: dict) -> _Line:
    if block["kind"] != "text":
        return _Line(block, info["owner"], 0, 0.0, 0.0)
    text = block["text"]
    size = max(len(text.strip()), 1)
    return _Line(block, info["owner"], len(_WORD.findall(text)), min(info["link"] / size, 1.0),
                 min(info["strong"] / size, 1.0))


def _never(element) -> bool:
    """Inside a comment thread, related list, menu or footer (by class or id)?"""
    for el in _up(element):
        if el.tag in ("body", "html"):
            return False
        if el.tag in ("nav", "footer", "aside") or _NEVER.search(
                f"{el.get('class') or ''} {el.get('id') or ''}"):
            return True
    return False


def _up(element):
    yield element
    yield from element.iterancestors()


def _is_paragraph(line: _Line) -> bool:
    if line.block["kind"] != "text" or line.link > 0.3:
        return False
    if line.words < PARAGRAPH_WORDS or (line.words < 2 * PARAGRAPH_WORDS and not _SENTENCE_END.search(line.text)):
        return False
    return not line.text.isupper()  # a slogan or a banner: stories are not set in capitals


def _container(lines: list[_Line], good: list[int]):
    """The element whose story text most outweighs its other text (short prose lines cost nothing)."""
    story: dict = {}
    for i in good:
        for level, el in enumerate(_up(lines[i].owner)):
            if level > MAX_CONTAINER_LEVELS:
                break
            story[el] = story.get(el, 0) + lines[i].words
    other: dict = {}
    for ln in lines:
        # Comment threads, related lists and menus are cut out of any container: they cost nothing.
        cost = 3 if ln.block["kind"] == "image" else 0 if _is_prose(ln) or _never(ln.owner) else ln.words
        for level, el in enumerate(_up(ln.owner)):
            if level > MAX_CONTAINER_LEVELS:
                break
            if el in story:
                other[el] = other.get(el, 0) + cost
    return max(story, key=lambda el: (story[el] - CHROME_COST * other.get(el, 0), _depth(el)))


def _is_prose(line: _Line) -> bool:
    """A sentence of the story too short to count as a paragraph ("Hỏi: ... ?")."""
    text = line.text.strip()
    return (line.block["kind"] == "text" and line.words >= 4 and line.link <= 0.3 and text[-1] in ".!?…"
            and not _DATE.search(text))


def _depth(el) -> int:
    return sum(1 for _ in el.iterancestors())


def _inside(line: _Line, container) -> bool:
    return any(el is container for el in _up(line.owner))


def _span(lines, part: list[int], container) -> tuple[int, int]:
    """Index of the first and last line of the story: its paragraphs, and the short prose lines and
    photos next to them (a Q&A, a photo on top)."""
    first, last = part[0], part[-1]
    while first > 0 and _prose_or_photo(lines[first - 1], container):
        first -= 1
    while last + 1 < len(lines) and _prose_or_photo(lines[last + 1], container):
        last += 1
    return first, last


def _prose_or_photo(line: _Line, container) -> bool:
    if not _inside(line, container) or _in_link_box(line, container):
        return False
    return line.block["kind"] == "image" or _is_prose(line)


def _parts(lines, good: list[int], container) -> list[list[int]]:
    """The container's story paragraphs, split where a child box opens with its own heading (an
    "about us" or "more news" box beside the article) and at timestamp lines between paragraphs
    (comments and teasers each carry one; a story does not)."""
    inside = [i for i in good if _inside(lines[i], container)]
    child_of = lambda i: next(el for el in _up(lines[i].owner) if el.getparent() is container)  # noqa: E731
    heads = _box_heads(container)
    parts: list[list[int]] = []
    for i in inside:
        new_box = parts and lines[i].owner is not container and child_of(i) in heads \
            and child_of(i) is not child_of(parts[-1][-1])
        if not parts or new_box or any(_is_timestamp(ln) for ln in lines[parts[-1][-1] + 1:i]):
            parts.append([])
        parts[-1].append(i)
    return parts


def _is_timestamp(line: _Line) -> bool:
    text = line.text.strip()
    return line.block["kind"] == "text" and line.words <= 12 and text[-1:] not in ".!?" and bool(_DATE.search(text))


def _box_heads(container) -> set:
    """Children of the container that are boxes opening with a heading."""
    heads = set()
    for child in container:
        if isinstance(child.tag, str) and child.tag in ("div", "section", "aside", "td", "table", "article"):
            first = next((el for el in child.iter() if isinstance(el.tag, str) and (el.text or "").strip()),
                         None)
            if first is not None and (first.tag in _HEADING or _TITLE_CLASS.search(first.get("class") or "")):
                heads.add(child)
    return heads


def _is_listing(lines, parts: list[list[int]]) -> bool:
    """Teasers each under a linked headline, and no story of several paragraphs among them."""
    teasers = {i for part in parts for i in part if _under_headline_link(lines, i)}
    total = sum(len(part) for part in parts)
    story = any(sum(1 for i in part if i not in teasers) >= 2 for part in parts)
    return len(teasers) >= LISTING_TEASERS and len(teasers) >= 0.6 * total and not story


def _under_headline_link(lines, i: int) -> bool:
    here = lines[i]
    if "\n" in here.text and 0.1 <= here.link <= 0.6:
        return True  # "<a>headline</a><br>teaser" in one cell
    return any(ln.block["kind"] == "text" and ln.link > 0.6 for ln in lines[max(0, i - 2):i])


def _title(lines, start: int, url: str, meta_title: str | None) -> tuple[int | None, str | None, float]:
    """The most prominent headline close above the body; the page's <title> without the site name else."""
    meta = clean_line(meta_title or "").casefold()
    boxed = _never(lines[start].owner)  # the story itself sits in a "widget"-named box
    best, best_score = None, 0.0
    for i in range(max(0, start - TITLE_WINDOW), start):
        ln = lines[i]
        text = clean_line(ln.text)
        words = len(text.split())
        if ln.block["kind"] != "text" or "\n" in ln.text or not 3 <= words <= 60 or _DATE.search(text):
            continue
        if text.endswith(":") or (_never(ln.owner) and not boxed) or (words <= 5 and text.isupper()) \
                or is_stop(text):
            continue  # a portlet heading ("TIN HOẠT ĐỘNG") or a list header is never the title
        score = _prominence(ln) + (2.5 if meta and text.casefold() in meta else 0)
        score += 1 if words >= 6 else 0
        score -= 3 if ln.link > 0.5 and not _links_here(ln.owner, url) else 0
        score -= 0.25 * (start - i)
        if score > best_score:
            best, best_score = i, score
    if best is not None:
        # A long title broken by <br> is one heading: its lines share the element.
        owner = lines[best].owner
        same = [ln.text for ln in lines[max(0, best - 3):start]
                if ln.owner is owner and owner.tag in _HEADING and not _DATE.search(ln.text)] or [lines[best].text]
        return best, clean_line(" ".join(same)), best_score
    return None, _strip_site_name(meta_title), 0.0


def _prominence(ln: _Line) -> float:
    score = 0.0
    for level, el in enumerate(_up(ln.owner)):
        if level > 2:
            break
        score = max(score, _HEADING.get(el.tag, 0),
                    2 if _TITLE_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}") else 0)
        score = max(score, 2 if el.get("itemprop") in ("headline", "name") else 0)
    return score + (1 if ln.strong > 0.9 else 0)


def _links_here(owner, url: str) -> bool:
    return any(a.get("href") == url for a in owner.iter("a"))


def _strip_site_name(title: str | None) -> str | None:
    """The longest part of "Article - Site" / "Site | Article" titles."""
    if not title:
        return None
    parts = [p.strip() for p in re.split(r"\s+[-|–—:]{1,2}\s+", clean_line(title)) if p.strip()]
    return max(parts, key=len) if parts else None


def _dateline(lines, title_at, start: int, end: int) -> tuple[str | None, int | None]:
    """A short line with a date near the title, else right after the body; never a body paragraph."""
    top = title_at if title_at is not None else start - 1
    below_title = range(top + 1, start)
    above_title = range(top - 1, max(-1, top - 3), -1)  # closest first: a header bar prints today's date
    after = range(end + 1, min(len(lines), end + 5))
    for i in [*below_title, *above_title, *after]:
        ln = lines[i]
        if ln.block["kind"] != "text" or ln.link > 0.5 or i == title_at:
            continue
        text = clean_line(ln.text)
        if len(text.split()) <= DATELINE_WORDS and _DATE.search(text):
            return text, i
    return None, None


def _body(lines, container, start: int, end: int, skip: set) -> list[dict]:
    """The blocks from the first to the last paragraph, chrome boxes left out, plus the credit after."""
    out: list[dict] = []
    for i in range(start, end + 1):
        ln = lines[i]
        if i in skip or not _inside(ln, container) or _in_link_box(ln, container):
            continue
        out.append(ln.block)
    out.extend(_closing(lines, container, end))
    return out


def _in_link_box(ln: _Line, container) -> bool:
    """A line of a related-news box, a "Xem thêm" link or a comment inside the story container."""
    if ln.block["kind"] == "text" and ln.link > 0.5:
        return True
    for el in _up(ln.owner):
        if el is container:
            return False
        if _NEVER.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            return True
    return False


def _closing(lines, container, end: int) -> list[dict]:
    """Short lines right after the last paragraph that close the story: a credit, or a signature."""
    out = []
    for ln in lines[end + 1:end + 4]:
        if not _inside(ln, container) or _in_link_box(ln, container) or ln.block["kind"] != "text":
            break
        text = clean_line(ln.text)
        if _DATE.search(text) or is_chrome(text) or is_stop(text):
            break
        if _is_credit(text):
            out.append(ln.block)
            break  # the credit is the story's last line
        if not _signed(ln):
            break
        out.append(ln.block)
    return out


def _is_credit(text: str) -> bool:
    # A credit closes a story: read it as the last line after a paragraph.
    return bool(trailing_credits(["…", text])[1])


def _signature(lines, blocks: list[dict]) -> str | None:
    """The body's last line when it is a signature no credit rule reads (a name such as "Kim Liên")."""
    if not blocks or blocks[-1]["kind"] != "text":
        return None
    line = next(ln for ln in lines if ln.block is blocks[-1])
    text = clean_line(line.text)
    return text if _signed(line) and not _is_credit(text) else None


def _signed(line: _Line) -> bool:
    """A short bold or right-aligned line without a full stop: how a writer signs a story."""
    text = clean_line(line.text)
    if not text or len(text) > 60 or len(text.split()) > 6 or _SENTENCE_END.search(text) \
            or ":" in text or any(c.isdigit() for c in text):
        return False
    right = any("right" in f"{el.get('align') or ''} {el.get('style') or ''}" for el in _up(line.owner))
    return right or line.strong > 0.9


def _header_credit(lines, title_at, start: int) -> str | None:
    """A credit line printed between the title and the story ("Bài, ảnh: X" under the title)."""
    top = title_at if title_at is not None else start - 1
    return next((clean_line(ln.text) for ln in lines[top + 1:start]
                 if ln.block["kind"] == "text" and _is_credit(clean_line(ln.text))), None)


def _credit(root, blocks: list[dict], byline: str | None) -> str | None:
    """When the body does not end with a credit line: one under the title, a byline element
    (class "author"...), or the author metadata."""
    texts = [clean_line(b["text"]) for b in blocks if b["kind"] == "text"]
    if trailing_credits([t for t in texts if t])[1].get("author"):
        return None
    if byline:
        return byline
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        marks = f"{el.get('class') or ''} {el.get('itemprop') or ''} {el.get('rel') or ''}"
        if _BYLINE_CLASS.search(marks) and not _never(el):
            text = _BYLINE_LABEL.sub("", clean_line(el.xpath("string()")))
            if 2 <= len(text) <= 60 and not _ACCOUNT.match(text):
                return text
    meta = root.xpath('string(//meta[@name="author"]/@content)')
    return clean_line(meta) or None

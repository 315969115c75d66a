"""Site templates learned from a site's own pages: where title, date, body and credit sit; its chrome."""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

import lxml.html
from lxml.cssselect import CSSSelector

from crawler.extract import MIN_BODY_WORDS, MIN_PARAGRAPH_WORDS, Selectors, extract
from crawler.html_blocks import blocks_of
from crawler.items import Page, RawArticle
from crawler.learn_reference import Reading, day_of, generic_reading
from crawler.normalize.credits import trailing_credits

MIN_PAGES = 5  # fewer pages cannot tell a template from a coincidence
AGREE_SHARE = 0.8  # title and body selectors must agree with the generic extraction on this share
OPTIONAL_SHARE = 0.6  # dateline and credit: generic dates are guessed on undated pages
CHROME_SHARE = 0.6  # a line on this share of the pages' bodies is the site's, not the article's
CHROME_MAX_CHARS = 120  # slogans, counters and footers are short; article paragraphs are not
BODY_AGREE = 0.8  # token F1 with the generic body at which a page read by a template agrees
BODY_RECALL = 0.9  # share of the generic body a selected body must hold, when learning
# ...and its own words' share in the generic body: tight first; a theme that nests share bars
# and related posts inside the content needs the loose one, the junk being dropped afterwards.
TIGHT, LOOSE = 0.7, 0.5
TITLE_PRECISION, TITLE_RECALL = 0.8, 0.5
CREDIT_CHARS = 120  # a credit line is short; a closing paragraph is not
LINK_SHARE = 0.5  # an element inside the body whose text is mostly links is a box of links
DROP_PRECISION = 0.3  # an element inside the body whose lines the generic body mostly lacks
FIELDS = ("title", "dateline", "body", "credit")
REQUIRED = ("title", "body")
_TOKEN = re.compile(r"\w+")
_LABEL = re.compile(r"^\w+(?: \w+){0,3}:")  # "Xem thêm:", "Tin liên quan:", "Tin, ảnh:" is no label
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# Classes and ids holding digits or long hex runs are per page (post-1234, item-5, a3f9c0...).
_UNSTABLE = re.compile(r"\d|^[a-f0-9]{8,}$|^(active|current|selected|first|last|odd|even|clearfix)$")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LEAD_CHARS = 100  # the shortest lead paragraph a body split over siblings is expected to have
_SKIP = {"html", "head", "body", "script", "style", "noscript", "title", "meta", "link"}
_CANDIDATE_ANCESTORS = 3  # classed ancestors tried as context for an element's selector
SKELETON_SHARE = 0.8  # classes and ids on this share of the pages are the site's page skeleton
SKELETON_HELD = 0.5  # a page of the site has at least this share of its skeleton
MAX_VARIANTS = 3  # a site printing a field in more ways than this has no template to learn
MIN_VARIANT_PAGES = 1  # a variant is the generic reading confirmed on a page; it must spoil none
VARIANT_TRIES = 5  # selectors tried for a variant (the best may spoil pages read already)
BODY_CANDIDATES = 8  # nested wrappers around a body all score alike; the innermost may rank 8th


class Refused(ValueError):
    """The pages cannot teach one template (too few, or they disagree); the message says why."""


@dataclass(frozen=True)
class Field:
    css: str | None
    agree: int  # pages where what the selector holds agrees with the generic extraction
    of: int  # pages where the generic extraction found this field at all
    note: str = ""  # what was added beyond the agreeing selector


@dataclass(frozen=True)
class Template:
    site: str
    fields: dict  # field name -> Field
    drop: str | None  # elements inside the body that are never article text
    chrome: tuple[str, ...]  # lines (digits masked) or labels ("Xem thêm: …") the body drops
    urls: tuple[str, ...]  # the pages it was learned from

    def selectors(self) -> Selectors:
        css = {name: self.fields[name].css for name in FIELDS}
        return Selectors(body=css["body"], title=css["title"], dateline=css["dateline"],
                         credit=css["credit"], drop=self.drop)

    def declaration(self) -> str:
        """The Selectors(...) declaration to paste into the spider, each field with its agreement."""
        lines = ["selectors = Selectors("]
        for name in FIELDS:
            field = self.fields[name]
            if field.css:
                lines.append(f"    {name}={field.css!r},  # agrees with the generic extraction "
                             f"on {field.agree} of {field.of} pages{field.note}")
            else:
                lines.append(f"    # {name}: no selector agrees on most pages "
                             f"(the generic extraction found it on {field.of} of {len(self.urls)})")
        if self.drop:
            lines.append(f"    drop={self.drop!r},  # inside the body, never article text")
        lines.append(")")
        lines += [f"# chrome line on most pages: {line!r}" for line in self.chrome]
        return "\n".join(lines)


def to_row(template: Template, learned_at: str) -> dict:
    """The learned_templates row for a template (storage.save_template)."""
    return {"site": template.site, "learned_at": learned_at,
            **{name: template.fields[name].css for name in FIELDS}, "drop_css": template.drop,
            "chrome": json.dumps(template.chrome, ensure_ascii=False),
            "agreement": json.dumps({n: [f.agree, f.of, f.note] for n, f in template.fields.items()},
                                    ensure_ascii=False),
            "pages": len(template.urls), "urls": json.dumps(template.urls, ensure_ascii=False),
            "declaration": template.declaration()}


def from_row(row: dict) -> Template:
    agreement = json.loads(row["agreement"])
    return Template(site=row["site"], drop=row["drop_css"], chrome=tuple(json.loads(row["chrome"])),
                    urls=tuple(json.loads(row["urls"])),
                    fields={n: Field(row[n], *agreement[n]) for n in FIELDS})


def learn(pages: list[Page], site: str = "", read=generic_reading) -> Template:
    """Learn one template from pages of one site; Refused when they are too few or disagree."""
    if len(pages) < MIN_PAGES:
        raise Refused(f"learning needs at least {MIN_PAGES} pages of one site, got {len(pages)}; "
                      "nothing proposed")
    docs = [_parse(p) for p in pages]
    _check_one_site(docs, pages)
    readings = _without_chrome([read(p) for p in pages])
    fields = {"title": _best("title", docs, readings, pages)}
    for name in FIELDS[1:]:
        fields[name] = _best(name, docs, readings, pages, fields["title"].css)
    if fields["body"].agree < AGREE_SHARE * len(pages):
        fields["body"] = _best("body", docs, readings, pages, fields["title"].css, LOOSE)
    fields["body"] = _with_lead(fields["body"], docs)
    if fields["credit"].css is None:
        fields["credit"] = _closing_credit(fields["credit"], fields["body"].css, docs, readings)
    _check_agreement(fields, docs, readings, pages)
    chrome = _chrome(docs, readings, fields["body"].css)
    return Template(site=site or pages[0].site, fields=fields,
                    drop=_drop(docs, readings, fields["body"].css, chrome), chrome=chrome,
                    urls=tuple(p.url for p in pages))


def read_with(template: Template, page: Page, listing_date: str | None = None) -> RawArticle:
    """The article on a page as the learned template reads it, chrome lines left out."""
    selectors = template.selectors()
    raw = extract(page, selectors, listing_date=listing_date)
    blocks = [b for b in raw.blocks if b["kind"] != "text" or not _is_chrome(b["text"], template.chrome)]
    if raw.method != "selectors":
        return replace(raw, blocks=blocks)
    # A title printed in a way the pages learned from never showed: the generic extractor's
    # headline for this page, not the site-wide <title> the selector reading falls back to.
    title = raw.title if _holds(selectors.title, page) else extract(page, None, generic=True).title
    return replace(raw, blocks=blocks, method="learned", title=title or raw.title)


def _holds(css: str | None, page: Page) -> bool:
    """Whether the selector finds any text on the page."""
    return bool(css) and bool(_selected(css, _parse(page)))


def agrees(raw: RawArticle, reading: Reading) -> bool:
    """Whether a learned reading of a page matches the generic one on the same page."""
    body = "\n".join(b["text"] for b in raw.blocks if b["kind"] == "text")
    if raw.method != "learned" or _f1(body, reading.body) < BODY_AGREE:
        return False
    return not reading.title or not raw.title or _is_title(raw.title, reading.title)


# -- locating fields and choosing selectors --

def _parse(page: Page):
    return lxml.html.document_fromstring(page.html or "<html></html>")


@lru_cache(maxsize=8192)
def _tokens(text: str | None) -> Counter:  # callers never change the Counter they get
    return Counter(_TOKEN.findall((text or "").casefold()))


def _overlap(found: str | None, wanted: str | None) -> tuple[float, float]:
    """(precision, recall) of the found text's words against the wanted text's."""
    a, b = _tokens(found), _tokens(wanted)
    common = sum((a & b).values())
    return (common / sum(a.values()), common / sum(b.values())) if common else (0.0, 0.0)


def _f1(found: str | None, wanted: str | None) -> float:
    precision, recall = _overlap(found, wanted)
    return 2 * precision * recall / (precision + recall) if precision else 0.0


@lru_cache(maxsize=8192)
def _day(text: str, fetched_at: str, year: str) -> str | None:
    """The day a text names; texts naming only other years are not parsed (the slow path)."""
    years = _YEAR.findall(text)
    if years and year not in years:
        return None
    return day_of(text, fetched_at)


def _is_title(text: str, title: str) -> bool:
    """The page title holds the heading's words (a site name may trail it, a print link the heading)."""
    precision, recall = _overlap(text, title)
    return precision >= TITLE_PRECISION and recall >= TITLE_RECALL


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _matches(name: str, text: str, reading: Reading, page: Page, precision: float = TIGHT) -> bool:
    """Whether the text a selector holds on a page agrees with the generic extraction's field."""
    if name == "title":
        return _is_title(text, reading.title)
    if name == "body":
        # Most of the generic body, and not mostly something else: what else is inside (a share
        # bar, related links) is found afterwards and dropped.
        found, recall = _overlap(text, reading.body)
        return recall >= BODY_RECALL and found >= precision
    if name == "dateline":
        return len(text) <= 200 and _day(text, page.fetched_at, reading.day[:4]) == reading.day
    return len(text) <= 200 and reading.credit.casefold() in text.casefold()


def _wanted(name: str, reading: Reading) -> bool:
    return bool({"title": reading.title, "body": reading.body, "dateline": reading.day,
                 "credit": reading.credit}[name])


def _located(name: str, doc, reading: Reading, page: Page) -> list:
    """The elements of one page holding the field the generic extraction found, best first."""
    if name == "body":
        # Only elements long enough to hold most of the body can agree with it.
        shortest = len(reading.body) // 2
        scored = sorted(((_f1(_text(e), reading.body), e) for e in doc.iter()
                         if isinstance(e.tag, str) and e.tag not in _SKIP and len(e)
                         and len(e.text_content()) >= shortest), key=lambda s: s[0], reverse=True)
        return [e for _, e in scored[:BODY_CANDIDATES]]
    found = []
    for element in doc.iter():
        if isinstance(element.tag, str) and element.tag not in _SKIP \
                and len(element.text_content()) <= 300 \
                and _matches(name, _text(element), reading, page):
            found.append(element)
    # The innermost holders say most; their parents add context (a dateline inside .art-info).
    inner = [e for e in found if not any(d in found for d in e.iterdescendants())]
    return inner[:4] + [e.getparent() for e in inner[:2] if e.getparent() in found]


def _simple(element) -> list[str]:
    """Selectors for the element alone: its tag, its stable classes, its stable id."""
    tag = element.tag
    classes = [c for c in (element.get("class") or "").split() if not _UNSTABLE.search(c)]
    ident = element.get("id")
    out = [f"{tag}.{c}" for c in classes] + [f".{c}" for c in classes]
    if ident and not _UNSTABLE.search(ident) and re.fullmatch(r"[A-Za-z][\w-]*", ident):
        out.append(f"#{ident}")
    return out + [tag]


def _class(element) -> str:
    """The element's first stable class (or id) as a selector; its tag when it has none."""
    return next((s for s in _simple(element) if s[0] in ".#"), element.tag)


def _candidates(element) -> list[str]:
    """Selectors for an element: alone, then under each of its nearest classed ancestors."""
    own = _simple(element)
    out = list(own)
    ancestors = [a for a in element.iterancestors()
                 if isinstance(a.tag, str) and a.tag not in _SKIP and len(_simple(a)) > 1]
    for ancestor in ancestors[:_CANDIDATE_ANCESTORS]:
        context = _simple(ancestor)[0]
        out += [f"{context} {s}" for s in own[:3]]
    return out


def _unions(element, reading: Reading) -> list[str]:
    """A body split over sibling elements (a lead box, then the text): the classed children of the
    element or of its parent whose words are the article's, as one selector group."""
    out = []
    for parent in (element, element.getparent()):
        if parent is None:
            continue
        # A lead or a text block, never a heading or a byline line.
        kept = [c for c in parent if isinstance(c.tag, str) and len(_simple(c)) > 1
                and c.tag not in _HEADINGS and len(_text(c)) >= LEAD_CHARS
                and _overlap(_text(c), reading.body)[0] >= 1 - DROP_PRECISION]
        names = list(dict.fromkeys(_class(c) for c in kept))
        if len(names) > 1:
            context = _class(parent) if len(_simple(parent)) > 1 else ""
            out.append(", ".join(f"{context} {n}".strip() for n in names))
    return out


@lru_cache(maxsize=4096)
def _compiled(css: str) -> CSSSelector:
    return CSSSelector(css)


def _selected(css: str, doc) -> str:
    return " ".join(_text(h) for h in _compiled(css)(doc))


def _score(name: str, css: str, docs, readings, pages, title_css: str | None,
           precision: float = TIGHT):
    """(pages agreeing without holding the title or scattering, pages agreeing, closeness to the
    generic text, elements matched beyond one per page)."""
    agree, closeness, extra, titled, scattered = 0, 0.0, 0, 0, 0
    select = _compiled(css)
    for doc, reading, page in zip(docs, readings, pages):
        if not _wanted(name, reading):
            continue
        hits = select(doc)
        extra += max(len(hits) - 1, 0)
        # One selector matching several elements (every <font>) is no place on the page; a group
        # of selectors (a lead and a text, variants) may.
        scattered += len(hits) > 1 and "," not in css
        if title_css and name != "title":
            around = {a for t in _compiled(title_css)(doc) for a in t.iterancestors()}
            titled += any(h in around for h in hits)
        text = " ".join(_text(h) for h in hits)
        if hits and _matches(name, text, reading, page, precision):
            agree += 1
            closeness += _closeness(name, text, reading)
    # A page where the selection also holds the title agrees less: that is the article's box.
    return agree - titled - scattered, agree, round(closeness, 3), -extra


def _closeness(name: str, text: str, reading: Reading) -> float:
    """How tightly a selection holds the field: the tighter wins among selectors agreeing alike."""
    if name == "dateline":
        return 1 / (1 + len(text))
    return _f1(text, {"title": reading.title, "body": reading.body, "credit": reading.credit}[name])


def _best(name: str, docs, readings, pages, title_css: str | None = None,
          precision: float = TIGHT) -> Field:
    """The selector agreeing with the generic extraction on the most pages; where a site prints a
    field in a few variants (a class renamed in one section), one selector per variant, grouped."""
    wanted = [i for i, r in enumerate(readings) if _wanted(name, r)]
    chosen: list[str] = []
    left = wanted
    while left and len(chosen) < MAX_VARIANTS:
        ranked = _ranked(name, *([seq[i] for i in left] for seq in (docs, readings, pages)),
                         title_css, precision)
        if not chosen:
            ranked = ranked[:1]  # the selector for most pages; variants come for the rest
        found = next(((css, agreeing) for css in ranked[:VARIANT_TRIES]
                      for agreeing in [_agreeing_pages(name, css, left, docs, readings, pages,
                                                       precision)]
                      if not chosen or _adds(name, chosen, css, agreeing, docs, readings, pages,
                                             precision)), None)
        if found is None:
            break
        chosen.append(found[0])
        left = [i for i in left if i not in found[1]]
    css = ", ".join(chosen) or None
    agree = _agreeing(name, css, docs, readings, pages, precision) if css else 0
    # A field the generic extraction found on few pages (a credit line twice) is no template's.
    if name not in REQUIRED and agree < OPTIONAL_SHARE * len(pages):
        return Field(None, agree, len(wanted))
    return Field(css, agree, len(wanted))


def _agreeing_pages(name, css, indices, docs, readings, pages, precision) -> list[int]:
    return [i for i in indices
            if _matches(name, _selected(css, docs[i]), readings[i], pages[i], precision)]


def _adds(name, chosen, css, agreeing, docs, readings, pages, precision) -> bool:
    """A variant is printed where the chosen selectors find nothing (a renamed class, not another
    element of every page that happens to agree once), and it spoils no page read already."""
    select = _compiled(", ".join(chosen))
    return len(agreeing) >= MIN_VARIANT_PAGES \
        and not any(_compiled(css)(doc) for doc in docs if select(doc)) \
        and (_agreeing(name, ", ".join([*chosen, css]), docs, readings, pages, precision)
             > _agreeing(name, ", ".join(chosen), docs, readings, pages, precision))


def _agreeing(name: str, css: str, docs, readings, pages, precision: float = TIGHT) -> int:
    return _score(name, css, docs, readings, pages, None, precision)[1]


def _ranked(name: str, docs, readings, pages, title_css: str | None, precision: float) -> list[str]:
    """Selectors for the field on these pages, the one agreeing on the most pages first."""
    candidates: dict[str, None] = {}
    for doc, reading, page in zip(docs, readings, pages):
        for element in _located(name, doc, reading, page):
            candidates.update(dict.fromkeys(_candidates(element)))
            if name == "body":
                candidates.update(dict.fromkeys(_unions(element, reading)))
    scored = []
    for css in candidates:
        # A body or a dateline is not the container of the title: on a tie, the one without it.
        score = _score(name, css, docs, readings, pages, title_css, precision)
        # A credit box also holding the date would read as the author: the tightest comes first.
        score = (score[2], *score) if name == "credit" else score
        scored.append(((*score, -css.count(" "), "." in css or "#" in css, -len(css)), css))
    return [css for _, css in sorted(scored, reverse=True)]


def _with_lead(body: Field, docs) -> Field:
    """The body with the lead box printed just before it (a sapo, a chappeau), when most pages
    have one: a long paragraph in a classed sibling that a generic reading may leave out."""
    if body.css is None or "," in body.css:
        return body
    leads: Counter = Counter()
    for doc in docs:
        hits = _compiled(body.css)(doc)
        before = hits[0].getprevious() if hits else None
        if before is not None and isinstance(before.tag, str) and len(_simple(before)) > 1 \
                and before.tag not in _HEADINGS and _is_lead(before):
            parent = hits[0].getparent()
            leads[(_class(parent) if len(_simple(parent)) > 1 else "", _class(before))] += 1
    found = [lead for lead, n in leads.items() if n >= AGREE_SHARE * len(docs)]
    if not found:
        return body
    context, lead = found[0]
    css = f"{context} {lead}, {context} {body.css.split()[-1]}".strip()
    return replace(body, css=css, note=f"; with the lead {lead} printed before it on "
                                       f"{leads[found[0]]} pages")


def _is_lead(element) -> bool:
    """A paragraph of text, not a header box holding the title and the byline."""
    if any(isinstance(e.tag, str) and e.tag in _HEADINGS for e in element.iter()):
        return False
    text = _text(element)
    links = sum(len(_text(a)) for a in element.iter("a"))
    return len(_TOKEN.findall(text)) >= MIN_PARAGRAPH_WORDS and links < LINK_SHARE * len(text)


def _closing_credit(credit: Field, body_css: str | None, docs, readings) -> Field:
    """The body's last element as the credit, where most pages close their story with one (a bare
    name such as "Kim Liên" no credit rule reads in the body): it is the generic's credit where
    the generic names one, and a line the credit rules read everywhere else."""
    if not body_css:
        return credit
    css = ", ".join(f"{part.strip()} > :last-child" for part in body_css.split(","))
    agree = 0
    for doc, reading in zip(docs, readings):
        text = _selected(css, doc)
        if reading.credit:
            agree += reading.credit.casefold() in text.casefold()
        else:
            agree += 0 < len(text) <= CREDIT_CHARS and bool(trailing_credits(["…", text])[1])
    if agree < AGREE_SHARE * len(docs):
        return credit
    return Field(css, agree, len(docs), "; the line closing the body")


def _check_one_site(docs, pages) -> None:
    """Pages of one site share their page skeleton (the classes and ids of header, columns and
    footer), whatever variants their article parts come in; two sites' pages share next to none."""
    skeletons = [{s for e in doc.iter() if isinstance(e.tag, str) for s in _simple(e)[:-1]}
                 for doc in docs]
    if not any(skeletons):
        return  # pages without classes or ids: the fields alone must agree
    counts = Counter(name for skeleton in skeletons for name in skeleton)
    shared = {name for name, n in counts.items() if n >= SKELETON_SHARE * len(docs)}
    if not shared:
        raise Refused(f"the pages share no page skeleton: no class or id is on {SKELETON_SHARE:.0%} "
                      "of them; they may mix two templates; nothing proposed")
    off = [p.url for skeleton, p in zip(skeletons, pages)
           if len(skeleton & shared) < SKELETON_HELD * len(shared)]
    if off:
        raise Refused(f"the pages do not share one page skeleton: {len(off)} of {len(pages)} lack "
                      f"most of the classes and ids the others have in common; they may mix two "
                      f"templates. Apart: {_listed(off)}; nothing proposed")


def _listed(urls: list[str]) -> str:
    return ", ".join(urls[:5]) + (f" and {len(urls) - 5} more" if len(urls) > 5 else "")


def _check_agreement(fields: dict, docs, readings, pages) -> None:
    for name in REQUIRED:
        field = fields[name]
        if field.css is None or field.agree < AGREE_SHARE * len(pages):
            off = [p.url for doc, r, p in zip(docs, readings, pages)
                   if field.css is None or not (_wanted(name, r)
                                                and _matches(name, _selected(field.css, doc), r, p))]
            best = f"the best {name} selector {field.css!r}" if field.css else f"no {name} selector"
            raise Refused(
                f"the pages disagree: {best} agrees with the generic extraction on {field.agree} "
                f"of {len(pages)} pages (at least {AGREE_SHARE:.0%} needed); they may mix two "
                f"templates or hold no article. Disagreeing: {_listed(off)}; nothing proposed")


# -- chrome --

def _mask(line: str) -> str:
    return re.sub(r"\d+", "0", " ".join(line.split()))


def _without_chrome(readings: list[Reading]) -> list[Reading]:
    """The generic readings less the lines most of them share: a portlet heading read as body."""
    counts = Counter(line for r in readings for line in {_mask(t) for t in r.body.splitlines()})
    needed = max(CHROME_SHARE * len(readings), 2)
    chrome = {line for line, n in counts.items() if n >= needed and len(line) <= CHROME_MAX_CHARS}
    bodies = ["\n".join(t for t in r.body.splitlines() if _mask(t) not in chrome) for r in readings]
    return [replace(r, body=body if _is_article(body) else "") for r, body in zip(readings, bodies)]


def _is_article(body: str) -> bool:
    """What is left of a listing or an empty page (menus, short lines) is no article to learn from."""
    words = [len(_TOKEN.findall(line)) for line in body.splitlines()]
    return bool(words) and max(words) >= MIN_PARAGRAPH_WORDS and sum(words) >= MIN_BODY_WORDS


def _body_lines(doc, body_css: str) -> set[str]:
    lines = set()
    for element in _compiled(body_css)(doc):
        for block in blocks_of(element, ""):
            if block["kind"] == "text":
                lines.update(_mask(t) for t in block["text"].split("\n") if t.strip())
    return lines


def _chrome(docs, readings, body_css: str) -> tuple[str, ...]:
    """Short lines found inside the body on most pages: the template's, not the articles'; and
    labels ("Xem thêm: …") opening lines the generic body never holds, on most pages."""
    counts, labels, kept = Counter(), Counter(), set()
    for doc, reading in zip(docs, readings):
        lines = _body_lines(doc, body_css)
        counts.update(lines)
        body = _mask(reading.body).casefold()
        for line in lines:
            label = _LABEL.match(line)
            if label and line.casefold() not in body:
                labels[label.group(0) + " …"] += 1
            elif label:
                kept.add(label.group(0) + " …")
    needed = max(CHROME_SHARE * len(docs), 2)
    lines = [line for line, n in counts.items() if n >= needed and len(line) <= CHROME_MAX_CHARS]
    return tuple(sorted(lines + [label for label, n in labels.items()
                                 if n >= needed and label not in kept]))


def _is_chrome(line: str, chrome: tuple[str, ...]) -> bool:
    masked = _mask(line)
    return masked in chrome or any(c.endswith(" …") and masked.startswith(c[:-2]) for c in chrome)


def _drop(docs, readings, body_css: str, chrome: tuple[str, ...]) -> str | None:
    """Classed elements inside the body that are never article text, on most pages and on every
    page they appear on: related-news boxes, contact widgets, share bars."""
    seen: Counter = Counter()
    kept: Counter = Counter()
    for doc, reading in zip(docs, readings):
        here, kept_here = set(), set()
        for body in _compiled(body_css)(doc):
            for element in body.iterdescendants():
                # Images stay, whatever the generic reading made of their captions.
                if isinstance(element.tag, str) and len(_simple(element)) > 1 \
                        and element.text_content().strip() and not element.xpath(".//img"):
                    css = _class(element)  # the tag may change with the theme, the class less so
                    here.add(css)
                    if not _is_junk(element, reading, chrome):
                        kept_here.add(css)
        seen.update(here)
        kept.update(here - kept_here)  # junk wherever the class appears on the page
    needed = CHROME_SHARE * len(docs)
    drops = [css for css, n in kept.items() if n >= needed and n == seen[css]]
    return ", ".join(sorted(drops)) or None


def _is_junk(element, reading: Reading, chrome: tuple[str, ...]) -> bool:
    """Lines the generic body lacks, a box of links, or lines repeated on most pages."""
    text = _text(element)
    links = sum(len(_text(a)) for a in element.iter("a"))
    return (_kept_share(element, reading) < DROP_PRECISION or links >= LINK_SHARE * len(text)
            or _only_chrome(element, chrome))


def _kept_share(element, reading: Reading) -> float:
    """The share of an element's text, line by line, that the generic body holds. Lines, not
    words: Vietnamese syllables (công, đoàn, lao, động) are in every article of these sites."""
    body = " ".join(reading.body.split()).casefold()
    lines = [" ".join(t.split()) for b in blocks_of(element, "") if b["kind"] == "text"
             for t in b["text"].split("\n") if t.strip()]
    total = sum(len(line) for line in lines)
    return sum(len(line) for line in lines if line.casefold() in body) / total if total else 1.0


def _only_chrome(element, chrome: tuple[str, ...]) -> bool:
    lines = [t for b in blocks_of(element, "") if b["kind"] == "text"
             for t in b["text"].split("\n") if t.strip()]
    return bool(lines) and all(_is_chrome(line, chrome) for line in lines)

"""Evaluation: the generic extractor vs trafilatura on the layout corpus (tests/layouts), per family.

Each extractor is a function taking one family's pages and returning one Result per page; a new
row (e.g. a learned template) is one more entry in EXTRACTORS.
"""
from __future__ import annotations

import json
import logging
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

import trafilatura  # noqa: E402

from crawler.extract import extract, extract_with_reason  # noqa: E402
from crawler.items import Page  # noqa: E402
from crawler.normalize import normalize_article  # noqa: E402
from crawler.normalize.text import clean_line  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "layouts"
NO_ARTICLE = "no_article"  # pages with no article: listings, a login wall, a cookie gate, a PDF
FETCHED_AT = "2026-11-21T09:00:00+07:00"
_TOKEN = re.compile(r"\w+")


@dataclass
class LayoutPage:
    """One corpus page: its file, HTML and ground truth."""

    path: Path
    html: str
    truth: dict

    def page(self) -> Page:
        return Page(url=self.truth["url"], html=self.html, fetched_at=FETCHED_AT, site="layout")


@dataclass
class Result:
    """What an extractor made of one page, in stored form."""

    title: str | None
    date: str | None  # YYYY-MM-DD
    author: str | None
    body: str
    ms: float


def families() -> dict[str, list[LayoutPage]]:
    """Every family of the corpus with its pages, in file order."""
    out: dict[str, list[LayoutPage]] = {}
    for html_file in sorted(CORPUS.glob("*/*.html")):
        if html_file.parent.name == NO_ARTICLE:
            continue
        truth = json.loads(html_file.with_suffix(".json").read_text(encoding="utf-8"))
        out.setdefault(html_file.parent.name, []).append(
            LayoutPage(html_file, html_file.read_text(encoding="utf-8"), truth))
    return out


def generic(pages: list[LayoutPage], reparse=None) -> list[Result]:
    """The project's generic extractor, forced, then normalized as the crawl stores it; `reparse`
    rewrites the HTML first (timed with it)."""
    results = []
    for lp in pages:
        start = time.perf_counter()
        page = lp.page()
        page.html = reparse(page.html) if reparse else page.html
        raw = extract(page, None, generic=True)
        ms = (time.perf_counter() - start) * 1000
        a = normalize_article(raw, province="Cần Thơ", parser_version="eval")
        results.append(Result(a.title or None, (a.published_at or "")[:10] or None, a.author, a.body, ms))
    return results


def trafilatura_peer(pages: list[LayoutPage]) -> list[Result]:
    """trafilatura 2.3 with its metadata, as a user would call it."""
    results = []
    for lp in pages:
        start = time.perf_counter()
        out = trafilatura.extract(lp.html, url=lp.truth["url"], output_format="json", with_metadata=True,
                                  include_images=False, include_comments=False)
        ms = (time.perf_counter() - start) * 1000
        data = json.loads(out) if out else {}
        lines = [clean_line(x) for x in (data.get("text") or "").splitlines()]
        results.append(Result(clean_line(data.get("title") or "") or None, data.get("date"),
                              clean_line(data.get("author") or "") or None,
                              "\n".join(x for x in lines if x), ms))
    return results


def generic_browser_parse(pages: list[LayoutPage]) -> list[Result]:
    """The generic extractor on the tree a browser builds (html5lib through BeautifulSoup), to
    measure whether tag soup that lxml nests differently changes any result."""
    from bs4 import BeautifulSoup
    return generic(pages, reparse=lambda html: str(BeautifulSoup(html, "html5lib")))


EXTRACTORS = {"generic": generic, "trafilatura": trafilatura_peer}
try:  # not a project dependency (README, "Parsers"): measured when installed
    import bs4  # noqa: F401
    import html5lib  # noqa: F401
    EXTRACTORS["generic, browser-grade parse"] = generic_browser_parse
except ImportError:
    pass


def token_f1(got: str, want: str) -> float:
    g, w = Counter(_TOKEN.findall(got.casefold())), Counter(_TOKEN.findall(want.casefold()))
    common = sum((g & w).values())
    if not common:
        return 0.0
    precision, recall = common / sum(g.values()), common / sum(w.values())
    return 2 * precision * recall / (precision + recall)


def leaked(body: str, truth: dict) -> int:
    """Chrome lines of the page found in the body (and not part of the story itself)."""
    story = "\n".join(truth["body"]).casefold()
    text = body.casefold()
    return sum(1 for line in set(truth["chrome"])
               if len(line) > 3 and line.casefold() in text and line.casefold() not in story)


def score(pages: list[LayoutPage], results: list[Result]) -> dict:
    n = len(pages)
    return {
        "f1": statistics.mean(token_f1(r.body, "\n".join(p.truth["body"])) for p, r in zip(pages, results)),
        "title": sum(r.title == p.truth["title"] for p, r in zip(pages, results)) / n,
        "date": sum(r.date == p.truth["date"] for p, r in zip(pages, results)) / n,
        "author": sum(r.author == p.truth["author"] for p, r in zip(pages, results)) / n,
        "chrome": sum(leaked(r.body, p.truth) for p, r in zip(pages, results)),
        "ms": statistics.median(r.ms for r in results),
        "n": n,
    }


def table(rows: list[tuple[str, str, dict]]) -> str:
    out = ["| family | extractor | pages | body F1 | title | date | author | chrome lines | ms/page |",
           "|---|---|---|---|---|---|---|---|---|"]
    for family, name, s in rows:
        out.append(f"| {family} | {name} | {s['n']} | {s['f1']:.3f} | {s['title']:.0%} | {s['date']:.0%} | "
                   f"{s['author']:.0%} | {s['chrome']} | {s['ms']:.1f} |")
    return "\n".join(out)


def refusals() -> str:
    """How many no-article pages each side turns away (trafilatura: returns no text)."""
    pages = sorted((CORPUS / NO_ARTICLE).glob("*.html"))
    ours = sum(1 for f in pages if extract_with_reason(
        Page(url="https://example.vn/a", html=f.read_text(encoding="utf-8"), fetched_at=FETCHED_AT), None,
        generic=True)[1])
    theirs = sum(1 for f in pages if not trafilatura.extract(f.read_text(encoding="utf-8")))
    return (f"Pages with no article (listings, login wall, cookie gate, PDF, 404): generic refuses "
            f"{ours} of {len(pages)}, trafilatura returns no text on {theirs} of {len(pages)}")


def main() -> int:
    logging.getLogger("crawler.extract").setLevel(logging.ERROR)  # refusals are counted, not logged
    rows, everything = [], {name: ([], []) for name in EXTRACTORS}
    for family, pages in families().items():
        for name, run in EXTRACTORS.items():
            results = run(pages)
            rows.append((family, name, score(pages, results)))
            everything[name][0].extend(pages)
            everything[name][1].extend(results)
    for name, (pages, results) in everything.items():
        rows.append(("**all**", name, score(pages, results)))
    print("Layout corpus (tests/layouts): ground truth vs each extractor, measured in this run")
    print(table(rows))
    print(refusals())
    return 0


if __name__ == "__main__":
    sys.exit(main())

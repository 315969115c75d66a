"""Evaluation: a template learned from a layout family's other pages, beside the generic extractor
and trafilatura, on the layout corpus (tests/layouts), per family.

Each family is split in FOLDS: a template is learned from the pages outside a fold and reads the
pages inside it, so no page is read by a template learned from itself.
"""
from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from bench.eval_extraction import (EXTRACTORS, LayoutPage, Result, families, score,  # noqa: E402
                                   table)
from crawler.learn import Refused, learn, read_with  # noqa: E402
from crawler.normalize import normalize_article  # noqa: E402

FOLDS = 3


def learned(pages: list[LayoutPage], refusals: list[str]) -> list[Result]:
    """Each page read by the template learned from the family's pages in the other folds."""
    results: list[Result | None] = [None] * len(pages)
    for fold in range(FOLDS):
        inside = range(fold, len(pages), FOLDS)
        teachers = [p.page() for i, p in enumerate(pages) if i % FOLDS != fold]
        try:
            template = learn(teachers, "layout")
        except Refused as error:
            refusals.append(f"{pages[0].path.parent.name}, fold {fold + 1}: {error}")
            template = None
        for i in inside:
            results[i] = read(template, pages[i])
    return results


def read(template, layout_page: LayoutPage) -> Result:
    """One page through the learned template and normalization, as a crawl would store it."""
    if template is None:  # nothing learned: nothing read
        return Result(None, None, None, "", 0.0)
    start = time.perf_counter()
    raw = read_with(template, layout_page.page())
    ms = (time.perf_counter() - start) * 1000
    article = normalize_article(raw, province="Cần Thơ", parser_version="eval")
    return Result(article.title or None, (article.published_at or "")[:10] or None, article.author,
                  article.body, ms)


def main() -> int:
    logging.getLogger("crawler.extract").setLevel(logging.ERROR)
    rows, refusals = [], []
    everything: dict[str, tuple[list, list]] = {}
    runs = {"learned template": lambda pages: learned(pages, refusals), **EXTRACTORS}
    for family, pages in families().items():
        for name, run in runs.items():
            results = run(pages)
            rows.append((family, name, score(pages, results)))
            everything.setdefault(name, ([], []))[0].extend(pages)
            everything[name][1].extend(results)
    for name, (pages, results) in everything.items():
        rows.append(("**all**", name, score(pages, results)))
    print(f"Learned templates ({FOLDS}-fold within each family: learned from the other pages, "
          "ms/page = reading with the template) beside the generic extractor and trafilatura")
    print(table(rows))
    for refusal in refusals:
        print(f"refused: {refusal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: ms per page for declared selectors, the generic extractor and trafilatura alone."""
from __future__ import annotations

import logging
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

import trafilatura  # noqa: E402

from bench.eval_extraction import families  # noqa: E402
from crawler.extract import extract  # noqa: E402
from tests.fixtures import FILES, cases, meta  # noqa: E402
from crawler.items import Page  # noqa: E402
from crawler.decoding import decode_html  # noqa: E402
from crawler.spider_registry import spider_classes  # noqa: E402

ROUNDS = 5


def median_ms(call, items) -> float:
    """Median over every item of the best of ROUNDS timings (the machine is shared)."""
    per_item = []
    for item in items:
        best = float("inf")
        for _ in range(ROUNDS):
            start = time.perf_counter()
            call(item)
            best = min(best, time.perf_counter() - start)
        per_item.append(best * 1000)
    return statistics.median(per_item)


def saved_pages() -> list[tuple[Page, object]]:
    """The project's saved article pages with their spider's selectors (which match them)."""
    spiders = spider_classes()
    out = []
    for site, case in cases():
        info = meta(site, case)
        if info["kind"] == "listing":
            continue
        html = decode_html((FILES / site / f"{case}.html").read_bytes(), None)
        out.append((Page(url=info["url"], html=html, fetched_at=info["fetched_at"], site=site),
                    spiders[site].selectors))
    return out


def main() -> int:
    logging.getLogger("crawler.extract").setLevel(logging.ERROR)
    corpus = [lp for pages in families().values() for lp in pages]
    pages = [lp.page() for lp in corpus]
    declared = [(page, sel) for page, sel in saved_pages() if extract(page, sel).method == "selectors"]
    selectors_ms = median_ms(lambda item: extract(item[0], item[1]), declared)
    generic_ms = median_ms(lambda page: extract(page, None, generic=True), pages)
    traf_ms = median_ms(lambda page: trafilatura.extract(page.html, url=page.url, output_format="json",
                                                         with_metadata=True), pages)
    print(f"| what | pages | median ms/page |\n|---|---|---|\n"
          f"| declared selectors (saved pages of tests/files) | {len(declared)} | {selectors_ms:.2f} |\n"
          f"| generic extractor (layout corpus, forced) | {len(pages)} | {generic_ms:.2f} |\n"
          f"| trafilatura alone, same pages, same run | {len(pages)} | {traf_ms:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

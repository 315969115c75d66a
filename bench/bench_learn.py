"""Benchmark: learning a site's template from 20 of its pages, beside the generic extraction of the
same 20 pages, and reading a page with the learned template."""
from __future__ import annotations

import logging
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from crawler.extract import extract  # noqa: E402
from crawler.items import Page  # noqa: E402
from crawler.learn import learn, read_with  # noqa: E402
from crawler.mirror import key, load  # noqa: E402
from crawler.decoding import decode_html  # noqa: E402
from crawler.mirror.sites import articles  # noqa: E402
from crawler.mirror.sites.tra_vinh import url_of  # noqa: E402

PAGES = 20
ROUNDS = 5
FETCHED_AT = "2026-11-21T09:00:00+07:00"


def site_pages() -> list[Page]:
    """20 article pages of the tra_vinh mirror (its written articles, then generated ones)."""
    resources = load(("tra_vinh",), scale=PAGES)
    clean = [a for a in articles("tra_vinh", scale=PAGES) if not a.get("fault") and not a.get("old_slug")]
    return [Page(url=url_of(a), html=decode_html(resources[key(url_of(a))].body),
                 fetched_at=FETCHED_AT, site="tra_vinh") for a in clean[:PAGES]]


def _best_of(run) -> float:
    """The median of ROUNDS timings in seconds (the first run warms caches and is dropped)."""
    run()
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> dict:
    logging.getLogger("crawler.extract").setLevel(logging.ERROR)
    pages = site_pages()
    learning = _best_of(lambda: learn(pages))
    generic = _best_of(lambda: [extract(p, None, generic=True) for p in pages])
    template = learn(pages)
    reading = _best_of(lambda: [read_with(template, p) for p in pages])
    print(f"{len(pages)} pages of one site ({sum(len(p.html) for p in pages) // len(pages):,} "
          "characters each on average)")
    print(f"learn a template from them:          {learning:8.3f} s  (target <= 2 s: "
          f"{'met' if learning <= 2 else 'NOT met'})")
    print(f"generic extraction of the same pages: {generic:8.3f} s  (learning = {learning / generic:.1f}x)")
    print(f"read them with the learned template:  {reading:8.3f} s  "
          f"({reading / len(pages) * 1000:.2f} ms/page)")
    return {"learn_s": learning, "generic_s": generic, "read_s": reading}


if __name__ == "__main__":
    main()

"""Every saved page in tests/files/<site>/ parses to exactly its expected JSON."""
import json

import pytest

from tests.fixtures import FILES, cases, parse_case
from crawler.spider_registry import spider_classes


@pytest.mark.parametrize("site,case", cases())
def test_saved_page(site, case):
    expected = json.loads((FILES / site / f"{case}.json").read_text(encoding="utf-8"))
    assert parse_case(site, case) == expected


@pytest.mark.parametrize("site", sorted(spider_classes()))
def test_every_spider_has_listing_and_article_cases(site):
    kinds = {json.loads((FILES / site / "meta.json").read_text())[f"{case}.html"]["kind"]
             for s, case in cases() if s == site}
    assert {"listing", "article"} <= kinds


@pytest.mark.parametrize("site,case", cases())
def test_every_saved_page_says_where_its_markup_came_from(site, case):
    """"evidence": the page follows public evidence of the real site's HTML, named by its file
    (docs/sources.md lists what backs each selector); "guessed": nothing public showed it."""
    info = json.loads((FILES / site / "meta.json").read_text(encoding="utf-8"))[f"{case}.html"]
    assert info["markup"] in ("evidence", "guessed")
    if info["markup"] == "evidence":
        assert info["evidence"].endswith(".md") and "/" not in info["evidence"]
    else:
        assert "evidence" not in info

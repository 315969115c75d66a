"""python -m crawler extract: one saved page in, its article as JSON out; clear one-line errors."""
import json

import pytest

from tests.fixtures import FILES, meta
from tests.extracting import extract


# One saved page per real sample the project studied, written in that site's style with the same
# kinds of chrome, teaser, captions, credit and date line (our own sentences).
SAMPLE_STYLE = {
    "can_tho": "article_credit_space_period",  # banner, capitals title, teaser, "Tin, ảnh :" credit
    "lao_dong": "article_preview_relative_date",  # "1 tuần trước", "- Ảnh 1." labels, read-more line
    "tra_vinh": "article_two_images",  # lead first, inline captions, capitals credit, footer numbers
    "soc_trang": "article_local_byline",  # portlet title twice, "Back", captions, a name last
    "lam_dong": "article_union",  # slogan, "In trang", "10:20 CH" dateline, views and counters
}


@pytest.mark.parametrize("site,case", sorted(SAMPLE_STYLE.items()))
def test_extract_prints_the_saved_pages_article(site, case):
    info = meta(site, case)
    listing = ["--listing-date", info["listing_date"]] if info.get("listing_date") else []
    result = extract(str(FILES / site / f"{case}.html"), "--url", info["url"], *listing,
                     fetched_at=info["fetched_at"])
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    expected = json.loads((FILES / site / f"{case}.json").read_text(encoding="utf-8"))[0]
    assert printed == expected
    assert {"url", "site", "province", "province_now", "title", "published_at", "author", "body",
            "images", "method"} <= printed.keys()


def test_unknown_domain_is_a_one_line_error(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>xin chào</p></body></html>", encoding="utf-8")
    result = extract(str(page), "--url", "https://example.org/bai-viet")
    assert result.returncode == 2
    assert result.stderr.strip() == "error: no spider covers the domain of https://example.org/bai-viet"


def test_unreadable_file_is_a_one_line_error(tmp_path):
    result = extract(str(tmp_path / "missing.html"), "--url", "https://congdoantravinh.com.vn/x")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: cannot read ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_page_without_an_article_is_an_error(tmp_path):
    page = tmp_path / "menu.html"
    page.write_text("<html><body><ul><li><a href='/'>Trang chủ</a></li></ul></body></html>",
                    encoding="utf-8")
    result = extract(str(page), "--url", "https://congdoantravinh.com.vn/gioi-thieu")
    assert result.returncode == 2
    assert "no article found" in result.stderr

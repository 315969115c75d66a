"""A journalist's visit in a real headless Chromium: search without tone marks, read a hostile article."""
from __future__ import annotations

from crawler import storage
from tests.chromium import ARTIFACTS
from tests.published import ARTICLES, LAM_DONG, MALICIOUS, NINH_KIEU, SOC_TRANG, TRA_NOC, TRA_VINH


def test_typing_cong_doan_in_the_search_box_lists_the_vietnamese_titles(page, site):
    page.goto(f"{site}/congdoan/articles_public")
    page.fill("#_search", "cong doan")
    with page.expect_navigation():
        page.press("#_search", "Enter")
    assert "_search=cong+doan" in page.url
    found = page.locator("td.col-title a").all_inner_texts()
    assert found == [SOC_TRANG, TRA_VINH, LAM_DONG, TRA_NOC, NINH_KIEU]  # newest first, undated last
    page.screenshot(path=ARTIFACTS / "search.png")
    page.locator("table.rows-and-columns").screenshot(path=ARTIFACTS / "search_results.png")
    page.click(f"text={TRA_VINH}")
    assert page.locator("h1").inner_text() == TRA_VINH
    assert page.locator(".article figcaption").inner_text().startswith("Đ/c Chủ tịch LĐLĐ tỉnh")


def test_hostile_article_runs_no_injected_script(page, site):
    page.goto(f"{site}/congdoan/articles/{storage.article_id(MALICIOUS.url)}")
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []
    # The reader still sees the text, as text; the javascript: link is not a link.
    assert "<script>" in page.locator("h1").inner_text()
    assert page.locator(".article a[href^='javascript:' i]").count() == 0
    assert page.locator(".article img[src^='javascript:' i]").count() == 0
    assert "Bấm vào đây" in page.locator(".article .body").inner_text()
    page.screenshot(path=ARTIFACTS / "article_xss.png", full_page=True)
    # The same article in the search results and in the feed table.
    for path in ("/congdoan/articles_public?_search=ma+doc", "/congdoan/tin_moi_atom"):
        page.goto(site + path)
        assert page.evaluate("typeof window.__xss") == "undefined" and page.dialogs == []


def test_dashboard_draws_the_monthly_chart(page, site):
    page.goto(f"{site}/-/dashboards/tong-quan")
    chart = page.locator("#card-bai-theo-thang canvas, #card-bai-theo-thang svg.marks")
    chart.first.wait_for(timeout=10_000)
    assert page.locator("#card-tong-so-bai").inner_text().strip().endswith(str(len(ARTICLES) + 1))
    page.screenshot(path=ARTIFACTS / "dashboard.png", full_page=True)

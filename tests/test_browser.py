"""A journalist's visit in a real headless Chromium: search without tone marks, read a hostile article."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from crawler import storage
from tests.published import (ARTICLES, LAM_DONG, MALICIOUS, NINH_KIEU, SOC_TRANG, TRA_NOC,
                             TRA_VINH, build_db, running_server)

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with running_server(build_db(tmp_path_factory.mktemp("browser") / "congdoan.db")) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        # A fresh profile directory each run; Debian's browser, never a downloaded one.
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, headless=True,
            args=FLAGS, viewport={"width": 1100, "height": 800}, locale="vi-VN")
        yield context
        context.close()


@pytest.fixture
def page(browser, site):
    page = browser.new_page()
    # Only our server: article images point at the real sites, which a test must never reach.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site)
               else route.abort())
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    page.close()


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

"""A lone quote typed in the search box, in a real headless Chromium: a message in Vietnamese."""
from __future__ import annotations

from tests.chromium import ARTIFACTS
from tests.published import LAM_DONG, TRA_VINH


def search(page, site, text: str):
    page.goto(f"{site}/congdoan/articles_public")
    page.fill("#_search", text)
    with page.expect_navigation() as navigation:
        page.press("#_search", "Enter")
    return navigation.value


def test_a_lone_quote_in_the_search_box_is_explained_in_vietnamese(page, site):
    response = search(page, site, '"')
    assert response.status == 400
    assert page.locator("h1").inner_text() == "Lỗi 400"
    message = page.locator("p").first.inner_text()
    assert message.startswith("Không tìm được với từ khóa «\"»: từ khóa cần có ít nhất một chữ")
    assert "Invalid SQL" not in page.content()
    page.screenshot(path=ARTIFACTS / "search_lone_quote.png")
    page.click("text=Về trang chính")
    assert page.url == f"{site}/"


def test_a_stray_quote_after_words_still_finds_them(page, site):
    response = search(page, site, 'cong doan co so"')
    assert response.status == 200
    assert set(page.locator("td.col-title a").all_inner_texts()) == {TRA_VINH, LAM_DONG}

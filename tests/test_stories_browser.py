"""The article page's list of other copies in a real headless Chromium, with a hostile copy among them."""
from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from crawler import storage, stories
from tests.chromium import CHROMIUM, FLAGS
from tests.published import running_server
from tests.story_copies import article

HOSTILE = '<img src=x onerror="window.__xss=1">Bản sao <script>window.__xss=1</script>'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    path = tmp_path_factory.mktemp("copies") / "congdoan.db"
    db = storage.open_db(path)
    hostile = article("cr-new", title=HOSTILE, url="https://congdoan.cantho.gov.vn/ban-sao")
    storage.save_articles(db, [article("cr-old"), article("cr-laodong"), hostile])
    stories.cluster(db)
    db.close()
    with running_server(path) as url:
        yield url


def test_a_reader_sees_the_other_copies_and_no_script_runs(site, tmp_path):
    with sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(str(tmp_path / "profile"), headless=True,
                                                       executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site)
                   else route.abort())
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{site}/congdoan/articles/{storage.article_id(article('cr-laodong').url)}")
        page.wait_for_load_state("load")
        items = page.locator(".story-copies li").all_inner_texts()
        assert len(items) == 2 and all("12/11/2019 09:40" in item for item in items)
        assert any(HOSTILE in item for item in items)  # shown as text
        assert page.evaluate("typeof window.__xss") == "undefined" and dialogs == []
        page.locator(".story-copies a", has_text="CÁI RĂNG").first.click()
        page.wait_for_load_state("load")
        assert page.locator("h1").inner_text().upper().startswith("CÔNG ĐOÀN QUẬN CÁI RĂNG")
        browser.close()

"""A journalist's five everyday tasks on the newsroom pages, in a real headless Chromium."""
from __future__ import annotations

import csv
import io
import re
from xml.etree import ElementTree

import pytest

from crawler import storage
from tests.chromium import ARTIFACTS
from tests.published import MALICIOUS, article, build_db, running_server

MAI_AM = [  # written for this test; the people are invented
    article("ldld-binh-thuy-ban-giao-mai-am", "can_tho", "Cần Thơ", "Cần Thơ",
            "LĐLĐ quận Bình Thủy bàn giao Mái ấm Công đoàn cho đoàn viên",
            "Căn nhà mới của chị Tư Hạnh được xây từ Quỹ Mái ấm Công đoàn thành phố.",
            "2023-03-10T09:00:00+07:00", author="Minh Khoa"),
    article("vi/-/my-xuyen-trao-mai-am", "soc_trang", "Sóc Trăng", "Cần Thơ",
            "Công đoàn huyện Mỹ Xuyên trao Mái ấm Công đoàn cho công nhân",
            "Đoàn viên nghèo ở xã Tham Đôn nhận nhà Mái ấm Công đoàn trước mùa mưa.",
            "2024-08-20T15:30:00+07:00", author="MINH KHOA"),
    article("mai-am-cong-doan-thu-12-o-mon", "can_tho", "Cần Thơ", "Cần Thơ",
            "Mái ấm công đoàn thứ 12 ở quận Ô Môn",
            "Liên đoàn Lao động quận Ô Môn khánh thành Mái ấm Công đoàn thứ 12 trong năm.",
            "2024-11-02T08:00:00+07:00", author="Minh Khoa"),
]
NOISE = [  # the same words, but outside the place or the years asked for
    article("mai-am-cong-doan-2022", "can_tho", "Cần Thơ", "Cần Thơ",
            "Mái ấm công đoàn đầu tiên của quận Cái Răng năm 2022",
            "Quỹ Mái ấm Công đoàn hỗ trợ 50 triệu đồng.", "2022-12-30T08:00:00+07:00"),
    article("chuyen-de/mai-am-cau-ke", "tra_vinh", "Trà Vinh", "Vĩnh Long",
            "Huyện Cầu Kè có thêm Mái ấm Công đoàn", "Đoàn viên Thạch Sa Rinh nhận nhà mới.",
            "2024-04-04T08:00:00+07:00", author="Lý Thành"),
]
CAN_THO_MAI_AM = [a.title for a in sorted(MAI_AM, key=lambda a: a.published_at, reverse=True)]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    path = build_db(tmp_path_factory.mktemp("newsroom-browser") / "congdoan.db")
    db = storage.open_db(path)
    storage.save_articles(db, MAI_AM + NOISE)
    storage.save_sites(db, [{"name": "soc_trang", "label": "LĐLĐ Sóc Trăng", "province": "Sóc Trăng",
                             "province_now": "Cần Thơ", "domains": ["ldldsoctrang.soctrang.gov.vn"],
                             "status": "archived", "notes": ""}])
    db.close()
    with running_server(path) as url:
        yield url


def search_from_home(page, site, query: str) -> None:
    page.goto(site + "/")
    page.fill("#q", query)
    with page.expect_navigation():
        page.press("#q", "Enter")


def titles(page) -> list[str]:
    return page.locator("ol.results h2").all_inner_texts()


def test_task1_every_mai_am_story_in_can_tho_2023_2024_and_export(page, site):
    search_from_home(page, site, "mái ấm công đoàn")
    page.select_option("select[name=tinh_nay]", "Cần Thơ")
    page.fill("input[name=tu]", "2023-01-01")
    page.fill("input[name=den]", "2024-12-31")
    with page.expect_navigation():
        page.click("button:has-text('Tìm')")
    assert page.locator("p.count").inner_text() == "3 bài"
    assert sorted(titles(page)) == sorted(CAN_THO_MAI_AM)
    assert page.locator("ol.results mark").first.inner_text().lower() in ("mái", "ấm", "công", "đoàn")
    page.screenshot(path=ARTIFACTS / "newsroom_search.png", full_page=True)
    with page.expect_download() as info:
        page.click("a.download")
    download = info.value
    assert re.fullmatch(r"tim-kiem-mai-am-cong-doan-\d{8}\.csv", download.suggested_filename)
    raw = open(download.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][3] == "Tiêu đề" and sorted(r[3] for r in rows[1:]) == sorted(CAN_THO_MAI_AM)


def test_task2_what_one_author_wrote(page, site):
    search_from_home(page, site, "o mon")
    page.click("ol.results h2 a")
    with page.expect_navigation():
        page.click("a.author")
    assert page.locator("h1").inner_text() == "Bài của tác giả Minh Khoa"
    assert titles(page) == CAN_THO_MAI_AM  # "Minh Khoa" and "MINH KHOA" are one person
    page.screenshot(path=ARTIFACTS / "newsroom_author.png", full_page=True)


def test_task3_read_and_cite_an_article(page, site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    search_from_home(page, site, "my xuyen")
    with page.expect_navigation():
        page.click("ol.results h2 a")
    story = MAI_AM[1]
    assert page.locator("h1").inner_text() == story.title
    meta = page.locator(".article .meta").inner_text()
    assert meta.startswith("LĐLĐ Sóc Trăng · 20/08/2024 15:30 · Minh Khoa")
    assert page.locator(".article .original a").get_attribute("href") == story.url
    page.click("#copy-citation")
    page.locator("#copied").wait_for()
    citation = f"{story.title}. LĐLĐ Sóc Trăng, 20/08/2024 15:30. {story.url}"
    assert page.evaluate("navigator.clipboard.readText()") == citation
    page.screenshot(path=ARTIFACTS / "newsroom_article.png", full_page=True)


def test_task4_which_province_publishes_most_per_month(page, site):
    page.goto(site + "/")
    page.click("text=Thống kê theo tháng")
    row = page.locator("table.months tr", has=page.locator("th", has_text="08/2024"))
    assert row.locator("td.leader").inner_text() == "Sóc Trăng"
    empty = page.locator("table.months tr", has=page.locator("th", has_text="09/2024"))
    assert empty.locator("td.leader").inner_text() == "—"  # a month without articles still shows
    page.fill("#q", "mai am")
    with page.expect_navigation():
        page.press("#q", "Enter")
    row = page.locator("table.months tr", has=page.locator("th", has_text="04/2024"))
    assert row.locator("td.leader").inner_text() == "Trà Vinh"
    assert "Kết quả: có trang lỗi." in page.locator("table.health").inner_text()
    page.screenshot(path=ARTIFACTS / "newsroom_months.png", full_page=True)


def test_task5_subscribe_to_a_keyword(page, site):
    search_from_home(page, site, "mái ấm")
    link = page.locator("a.feed")
    assert link.inner_text() == "Theo dõi tìm kiếm này (Atom)"
    response = page.request.get(site + link.get_attribute("href"))
    feed = ElementTree.fromstring(response.body())
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.find(f"{atom}title").text == "Tin công đoàn — Tìm kiếm: “mái ấm”"
    assert feed.find(f"{atom}entry/{atom}title").text == CAN_THO_MAI_AM[0]


def test_phone_width_and_hostile_text(page, site):
    page.set_viewport_size({"width": 390, "height": 800})
    search_from_home(page, site, "mái ấm công đoàn")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=ARTIFACTS / "newsroom_phone.png", full_page=True)
    for path in ("/tim-kiem?q=ma+doc", f"/congdoan/articles/{storage.article_id(MALICIOUS.url)}",
                 "/tim-kiem?tac_gia=%3Csvg+onload%3D%22window.__xss%3D1%22%3E", "/thong-ke?q=ma+doc"):
        page.goto(site + path)
        if path == "/tim-kiem?q=ma+doc":  # the scraped markup is there, as text
            assert titles(page) == [MALICIOUS.title]
        assert page.evaluate("typeof window.__xss") == "undefined" and page.dialogs == []

"""Markup rules of laodong.vn and Liferay no saved page shows: page limits, pager links, 7.4."""
import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from tests.fixtures import FILES, meta
from crawler.items import Page
from spiders.lao_dong import LaoDongSpider, page_number, with_page
from spiders.soc_trang import LIFERAY_7_4, SocTrangSpider, cur_of

SOC_TRANG = "https://ldldsoctrang.soctrang.gov.vn"


def spider_on(spider_cls, **attributes):
    crawler = get_crawler(spider_cls)
    spider = spider_cls.from_crawler(crawler)
    crawler.spider = spider
    failures = []
    spider.fail = lambda url, reason: failures.append((url, reason))
    for name, value in attributes.items():
        setattr(spider, name, value)
    return spider, failures


@pytest.mark.parametrize("url,number,following", [
    ("https://laodong.vn/ldld-can-tho", 1, "https://laodong.vn/ldld-can-tho?page=2"),
    ("https://laodong.vn/ldld-can-tho?page=7", 7, "https://laodong.vn/ldld-can-tho?page=8"),
    ("https://laodong.vn/ldld-can-tho?page=x&a=1", 1, "https://laodong.vn/ldld-can-tho?a=1&page=2"),
])
def test_lao_dong_page_numbers(url, number, following):
    assert page_number(url) == number
    assert with_page(url, number + 1) == following


def test_lao_dong_paging_stops_at_the_configured_page_limit():
    info = meta("lao_dong", "listing_translated_copy_links")
    spider, failures = spider_on(LaoDongSpider, max_listing_pages=1)
    spider.listing_request(info["url"])  # the crawl's first listing page: the limit is reached
    body = (FILES / "lao_dong" / "listing_translated_copy_links.html").read_bytes()
    response = HtmlResponse(info["url"], body=body, encoding="utf-8", request=Request(info["url"]))
    requests = list(spider.parse(response))
    assert [r.callback for r in requests] == [spider.parse_article] * 3  # no page 2
    assert failures == [(f"{info['url']}?page=2", "stopped after 1 listing pages")]


@pytest.mark.parametrize("url,cur", [
    (f"{SOC_TRANG}/tin-hoat-dong", 1),
    (f"{SOC_TRANG}/home/-/asset_publisher/dhHH18SeyT4A/content/x?cur=5", 5),
    (f"{SOC_TRANG}/tin-hoat-dong?p_p_id=101_INSTANCE_J9foJAsdT7AH&_101_INSTANCE_J9foJAsdT7AH_cur=3",
     3),
    ("javascript:;", 1),
])
def test_liferay_page_number(url, cur):
    assert cur_of(url) == cur


# Liferay 7.4's stock full content (view_asset_entry_full_content.jsp): the title inside the block,
# the date in span.date-info, the body in div.asset-content. Our own text.
PORTAL_7_4 = """<html><head><title>Tin hoạt động - Liên đoàn Lao động</title></head><body>
<div class="portlet-boundary portlet-asset-publisher"><div class="portlet-body">
<div class="asset-full-content clearfix mb-5 default-asset-publisher show-asset-title">
  <div class="align-items-center d-flex mb-2"><p class="component-title h4">
    <a class="header-back-to lfr-portal-tooltip" href="/tin-hoat-dong" title="Back"></a>
    <span class="asset-title d-inline">Công đoàn cơ sở trường học ra quân dọn vệ sinh</span>
  </p></div>
  <div class="asset-user-info text-secondary"><span class="date-info">14/09/2026</span></div>
  <div class="asset-content mb-3"><div class="journal-content-article">
    <p>Sáng ngày 13/9, Công đoàn cơ sở Trường Tiểu học Phường 2 phối hợp với chi đoàn giáo viên
    ra quân dọn vệ sinh khuôn viên trường, sơn lại hàng rào và sửa chữa bàn ghế cho học sinh trước
    năm học mới, với sự tham gia của hơn 40 đoàn viên.</p>
    <p>Diệu Hiền</p></div></div>
</div></div></div></body></html>"""


def test_a_portal_upgrade_to_liferay_7_is_one_line():
    class Upgraded(SocTrangSpider):
        portal = LIFERAY_7_4

    page = Page(url=f"{SOC_TRANG}/-/cong-oan-co-so-truong-hoc-ra-quan-don-ve-sinh",
                html=PORTAL_7_4, fetched_at="2026-11-21T09:00:00+07:00", site="soc_trang")
    [raw] = Upgraded.extract_page(page)
    assert (raw.title, raw.listing_date) == ("Công đoàn cơ sở trường học ra quân dọn vệ sinh",
                                             "14/09/2026")
    assert raw.blocks[0]["text"].startswith("Sáng ngày 13/9, Công đoàn cơ sở")
    # The 6.2 declaration finds no 6.2 header before the block: it falls back to <title>.
    [stock] = SocTrangSpider.extract_page(page)
    assert stock.title == "Tin hoạt động - Liên đoàn Lao động"

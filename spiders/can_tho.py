"""ldldct.org.vn and congdoan.cantho.gov.vn, the Cần Thơ city union's old and current sites."""
from crawler.extract import Selectors
from crawler.base_spider import SiteSpider


class CanThoSpider(SiteSpider):
    name = "can_tho"
    label = "Liên đoàn Lao động thành phố Cần Thơ (congdoan.cantho.gov.vn, ldldct.org.vn)"
    province = "Cần Thơ"
    status = "active"
    notes = ("Seen: article URLs are a bare slug of the whole title (no id, no category) on both "
             "domains, which show the same layout: banner slogan, title in capitals, a teaser "
             "repeating the lead, a 'Tin, ảnh:' credit or a bare name last. ldldct.org.vn holds "
             "2017-2020 items, congdoan.cantho.gov.vn 2015-2025 ones. Guessed: the /tin-hoat-dong "
             "listing, its ?page=N pagination, where the date is printed and every CSS class below. "
             "Menu and category pages are bare slugs too, so article links are only those in the "
             "listing's news column. Whether the site goes on after the 2025 merger is unknown.")
    allowed_domains = ["congdoan.cantho.gov.vn", "ldldct.org.vn"]
    start_urls = [
        "https://congdoan.cantho.gov.vn/tin-hoat-dong",
        "https://ldldct.org.vn/tin-hoat-dong",
    ]
    listing_rows = ".col-content .list-news .news-item"
    row_link = "h3 a"
    next_page = ".pager a.next"
    selectors = Selectors(
        title="h1.detail-title",
        dateline=".detail-date",
        body=".news-detail .detail-content",
        category=".breadcrumb a:last-child",
    )


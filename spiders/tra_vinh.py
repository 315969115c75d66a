"""congdoantravinh.com.vn, the Trà Vinh provincial union's site (frozen since the 2025 merger)."""
from crawler.extract import Selectors
from crawler.base_spider import SiteSpider


class TraVinhSpider(SiteSpider):
    name = "tra_vinh"
    label = "Công đoàn Trà Vinh (congdoantravinh.com.vn)"
    province = "Trà Vinh"
    notes = ("URL shapes /tin-tuc/<category>/<slug> and /chuyen-de/<category>/<slug> are seen on the "
             "real site; listing pagination (?page=N) and every CSS class below are guesses.")
    allowed_domains = ["congdoantravinh.com.vn"]
    start_urls = [
        "https://congdoantravinh.com.vn/tin-tuc/hoat-dong-cua-ldld-tinh",
        "https://congdoantravinh.com.vn/tin-tuc/tin-tong-hop",
        "https://congdoantravinh.com.vn/chuyen-de/chinh-sach-phap-luat",
    ]
    listing_rows = ".list-news .news-item"
    row_link = "h3 a"
    row_date = ".news-date"
    next_page = ".pagination a.next"
    selectors = Selectors(
        title="h1.post-title",
        dateline=".post-info .post-date",
        body=".post-content",
        category=".breadcrumb a:last-child",
    )

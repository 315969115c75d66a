"""laodong.vn's provincial union sections (Báo Lao Động), still publishing after the 2025 merger."""
import re
from dataclasses import replace
from urllib.parse import urlsplit

from crawler.extract import Selectors, extract
from crawler.spider import SiteSpider


class LaoDongSpider(SiteSpider):
    name = "lao_dong"
    label = "Báo Lao Động: chuyên trang LĐLĐ các tỉnh (laodong.vn)"
    province = ""  # one section per province: see SECTIONS
    status = "active"
    notes = ("Seen: sections /ldld-<province>, paging ?page=N, articles /<section>/<slug>-<id>"
             ".ldo, the byline line '<NAME> LDO | dd/mm/yyyy hh:mm', and copies of the pages on "
             "amp., news. (English), ja., fr. and es. hosts. Guessed: every CSS class below.")
    allowed_domains = ["laodong.vn"]
    # Section → the province whose union it covers; an article takes its section's province.
    SECTIONS = {
        "ldld-can-tho": "Cần Thơ",
        "ldld-soc-trang": "Sóc Trăng",
        "ldld-tra-vinh": "Trà Vinh",
        "ldld-lam-dong": "Lâm Đồng",
    }
    start_urls = [f"https://laodong.vn/{section}" for section in SECTIONS]
    listing_rows = ".list-main-content .article-item"
    row_link = ".article-title a"
    next_page = ".pagination a.next"
    # https://amp.laodong.vn/ldld-tra-vinh/…-937337.ldo and news./ja./fr./es. translations are
    # copies of the laodong.vn page: fetch and store the original only.
    url_rewrites = ((r"^(https?://)(?:amp|news|en|ja|fr|es|www)\.laodong\.vn\b", r"\1laodong.vn"),)
    selectors = Selectors(
        title="h1.title",
        dateline=".art-info",  # "HOÀI THƯƠNG LDO | 22/12/2023 18:17"
        credit=".art-info",  # the same line: split_byline keeps the name before "LDO |"
        body=".article-detail .chappeau, .article-detail .art-body",
        category=".article-detail .breadcrumbs a:last-child",
        drop=".article-related",  # "Xem thêm" boxes between paragraphs
    )

    @classmethod
    def extract_page(cls, page, listing_date=None):
        section = urlsplit(page.url).path.strip("/").split("/")[0]
        raw = extract(page, cls.selectors, listing_date=listing_date)
        return [split_byline(replace(raw, province=cls.SECTIONS.get(section)))]


# "HOÀI THƯƠNG LDO | 22/12/2023 18:17": the byline row carries the writer, then the date.
BYLINE = re.compile(r"^\s*(?P<name>[^|]{0,60}?)\s*\bL[DĐ]O\s*\|\s*(?P<date>.*\d.*?)\s*$")


def split_byline(raw):
    """The byline row's name is the credit and its date the dateline; the row repeated in the
    body (the generic fallback reads it there) is no article text."""
    credit = BYLINE.match(raw.credit or "")
    dateline = BYLINE.match(raw.dateline or "")
    blocks = [b for b in raw.blocks if b.get("kind") != "text" or not BYLINE.match(b.get("text") or "")]
    return replace(raw, credit=credit["name"] if credit else raw.credit,
                   dateline=dateline["date"] if dateline else raw.dateline, blocks=blocks)

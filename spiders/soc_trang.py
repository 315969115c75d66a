"""ldldsoctrang.soctrang.gov.vn, the Sóc Trăng union's Liferay portal (frozen by the merger)."""
import re
from dataclasses import replace
from urllib.parse import urljoin

from parsel import Selector

from crawler.extract import Selectors, extract
from crawler.normalize.chrome import is_all_caps
from crawler.spider import SiteSpider

DATE_CELL = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")  # "29/05/2025", as the site prints it


class SocTrangSpider(SiteSpider):
    name = "soc_trang"
    label = "Liên đoàn Lao động tỉnh Sóc Trăng (ldldsoctrang.soctrang.gov.vn)"
    province = "Sóc Trăng"
    notes = ("Liferay. Seen: article links /<locale>/-/<urlTitle>?inheritRedirect=true (urlTitle "
             "drops the letter đ), asset-publisher pages /home/-/asset_publisher/<id>/content/"
             "<urlTitle>?cur=N printing several whole articles, dates only in the related-news "
             "table. Guessed: the /tin-hoat-dong listing and every CSS class below.")
    allowed_domains = ["ldldsoctrang.soctrang.gov.vn"]
    start_urls = ["https://ldldsoctrang.soctrang.gov.vn/tin-hoat-dong"]
    listing_rows = ".portlet-asset-publisher .asset-abstract"
    row_link = ".asset-title a"
    row_date = ".metadata-publish-date"
    next_page = ".lfr-pagination-buttons li.next a"
    drop_params = r"^(inheritRedirect|redirect|p_p_\w+)$"
    # /ja/-/<urlTitle>, /zh/…, /ca/…, /iw_IL/…: Liferay serves the same Vietnamese page under
    # every locale prefix, so the prefix goes.
    url_rewrites = ((r"^(https?://[^/]+)/[a-z]{2}(?:_[A-Z]{2})?(?=/)", r"\1"),)
    # One article per block: a detail page has one, a full-content asset-publisher page several.
    article_blocks = ".portlet-asset-publisher .asset-full-content"
    selectors = Selectors(title=".header-title", body=".journal-content-article")

    @classmethod
    def extract_page(cls, page, listing_date=None):
        """Each article block on the page, under its own URL and with its own date.

        The date rule: an article's date is the one printed beside a link to that article, on
        the listing row that led here or in this page's related-news table (a multi-article
        page lists its own items there). The table of a detail page dates other articles only.
        """
        doc = Selector(text=page.html)
        blocks = doc.css(cls.article_blocks)
        if not blocks:
            return [without_liferay_chrome(extract(page, cls.selectors, listing_date=listing_date))]
        dates = cls.dated_links(doc, page.url)
        out = []
        for block in blocks:
            link = block.css(".header-title a::attr(href)").get()
            url = cls.canonical(urljoin(page.url, link)) if link else page.url
            date = dates.get(url) or (listing_date if len(blocks) == 1 else None)
            raw = extract(page, cls.selectors, root=block, listing_date=date)
            out.append(without_liferay_chrome(replace(raw, url=url)))
        return out

    @classmethod
    def dated_links(cls, doc: Selector, base: str) -> dict[str, str]:
        """Canonical URL → the date in the same table row ("Các tin liên quan | Ngày đăng")."""
        dates = {}
        for tr in doc.css("table tr"):
            href = tr.css("a::attr(href)").get()
            cells = [" ".join(c.split()) for c in tr.css("td").xpath("string()").getall()]
            date = next((c for c in cells if DATE_CELL.match(c)), None)
            if href and date:
                dates[cls.canonical(urljoin(base, href))] = date
        return dates


# What the generic fallback reads of Liferay's page around an article: the portlet title printed
# twice ("TIN HOẠT ĐỘNG TIN HOẠT ĐỘNG") and the related-news table's rows as text
# ("<title> | 29/05/2025 |", "| Ngày đăng |", "---|---|").
PORTLET_TITLE = re.compile(r"^(.{4,60}?)\s+\1$")
TABLE_ROW = re.compile(r"\|\s*ngày đăng\s*\|?\s*$|\|\s*\d{1,2}/\d{1,2}/\d{4}\s*\|?\s*$|^-{3,}\s*\|", re.I)


def liferay_chrome(line: str) -> bool:
    line = line.strip()
    doubled = PORTLET_TITLE.match(line)
    return bool(doubled and is_all_caps(doubled[1])) or bool(TABLE_ROW.search(line))


def without_liferay_chrome(raw):
    blocks = [b for b in raw.blocks if b.get("kind") != "text" or not liferay_chrome(b.get("text") or "")]
    return replace(raw, blocks=blocks)

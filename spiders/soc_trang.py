"""ldldsoctrang.soctrang.gov.vn, the Sóc Trăng union's Liferay portal (frozen by the merger)."""
import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urljoin, urlsplit

from parsel import Selector

from crawler.extract import Selectors, extract
from crawler.normalize.chrome import is_all_caps
from crawler.base_spider import SiteSpider

DATE_CELL = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")  # "29/05/2025", as the site prints it


@dataclass(frozen=True)
class AssetPublisher:
    """Where one Liferay version's asset publisher prints an article in full-content display."""

    title: str  # XPath from the block
    date: str  # CSS inside the block: the publish date, when the portlet is set to show it
    body: str  # CSS inside the block


# Stock 6.2 (asset_publisher/display/full_content.jsp): <liferay-ui:header> comes just before the
# block and outside it, div.taglib-header > h3.header-title > span; the date is an asset-metadata
# entry; the body is the web content's div.journal-content-article.
LIFERAY_6_2 = AssetPublisher(
    title="preceding-sibling::*[1][has-class('taglib-header')]//h3[has-class('header-title')]/span",
    date=".asset-metadata .metadata-publish-date",
    body=".journal-content-article",
)
# Stock 7.4 (view_asset_entry_full_content.jsp): the title inside the block, p.component-title >
# span.asset-title; the date span.date-info; the body div.asset-content.
LIFERAY_7_4 = AssetPublisher(title=".//span[has-class('asset-title')]", date=".date-info",
                             body=".asset-content")


def cur_of(url: str) -> int:
    """Liferay's page number: `cur`, or `<portlet namespace>_cur` as the stock pager writes it."""
    for name, value in parse_qsl(urlsplit(url).query):
        if (name == "cur" or name.endswith("_cur")) and value.isdigit():
            return int(value)
    return 1


class SocTrangSpider(SiteSpider):
    name = "soc_trang"
    label = "Liên đoàn Lao động tỉnh Sóc Trăng (ldldsoctrang.soctrang.gov.vn)"
    province = "Sóc Trăng"
    version = 2  # 2026-11: stock Liferay 6.2 markup
    notes = ("Liferay. Seen on the real site: article links /<locale>/-/<urlTitle>?inheritRedirect="
             "true (urlTitle drops the letter đ), asset-publisher pages /home/-/asset_publisher/"
             "<id>/content/<urlTitle>?cur=N printing several whole articles, dates only in the "
             "related-news table. From Liferay 6.2's stock templates (the site's theme may "
             "override "
             "them): abstracts div.asset-abstract > h3.asset-title > a with "
             "span.metadata-publish-date; full content div.taglib-header h3.header-title span "
             "before each div.asset-full-content, the body div.journal-content-article, the date "
             "in div.asset-metadata, the 'view in context' link div.asset-more a; the pager "
             "ul.pager.lfr-pagination-buttons (li.first, classless li, li.last; no li.next). "
             "7.4's markup is declared beside it (LIFERAY_7_4). Guessed: the /tin-hoat-dong "
             "listing and the related-news table's markup.")
    allowed_domains = ["ldldsoctrang.soctrang.gov.vn"]
    start_urls = ["https://ldldsoctrang.soctrang.gov.vn/tin-hoat-dong"]
    listing_rows = ".portlet-asset-publisher .asset-abstract"
    row_link = ".asset-title a"
    row_date = ".metadata-publish-date"
    pager = "ul.pager.lfr-pagination-buttons"
    drop_params = r"^(inheritRedirect|redirect|p_p_\w+)$"
    # /ja/-/<urlTitle>, /zh/…, /ca/…, /iw_IL/…: Liferay serves the same Vietnamese page under
    # every locale prefix, so the prefix goes.
    url_rewrites = ((r"^(https?://[^/]+)/[a-z]{2}(?:_[A-Z]{2})?(?=/)", r"\1"),)
    # One article per block: a detail page has one, a full-content asset-publisher page several.
    article_blocks = ".portlet-asset-publisher .asset-full-content"
    block_link = ".asset-more a::attr(href)"  # "view in context": the article's own page
    portal = LIFERAY_6_2  # the site's Liferay version: after an upgrade to 7.x, LIFERAY_7_4
    selectors = Selectors(body=portal.body)

    def next_listing(self, response):
        """The stock pager's lis have no `next` class: follow the link to the following page."""
        following = cur_of(response.url) + 1
        for href in response.css(f"{self.pager} li a::attr(href)").getall():
            url = urljoin(response.url, href)
            if cur_of(url) == following:
                return url
        return None

    @classmethod
    def extract_page(cls, page, listing_date=None):
        """Each article block on the page, under its own URL and with its own date.

        The date rule: the block's own publish date if the portlet prints one; else the one
        printed beside a link to that article, on the listing row that led here or in this
        page's related-news table (a multi-article page lists its own items there). The table
        of a detail page dates other articles only.
        """
        doc = Selector(text=page.html)
        blocks = doc.css(cls.article_blocks)
        selectors = Selectors(body=cls.portal.body)
        if not blocks:
            return [without_liferay_chrome(extract(page, selectors, listing_date=listing_date))]
        dates = cls.dated_links(doc, page.url)
        out = []
        for block in blocks:
            link = block.css(cls.block_link).get()
            url = cls.canonical(urljoin(page.url, link)) if link else page.url
            date = (_text(block.css(cls.portal.date)) or dates.get(url)
                    or (listing_date if len(blocks) == 1 else None))
            raw = extract(page, selectors, root=block, listing_date=date)
            title = _text(block.xpath(cls.portal.title)) or raw.title
            out.append(without_liferay_chrome(replace(raw, url=url, title=title)))
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


def _text(found) -> str | None:
    return " ".join(" ".join(found.xpath("string()").getall()).split()) or None


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

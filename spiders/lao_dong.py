"""laodong.vn's provincial union sections (Báo Lao Động), still publishing after the 2025 merger."""
import re
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode, urlsplit

from parsel import Selector

from crawler.extract import Selectors, extract
from crawler.base_spider import SiteSpider

# A section page's list, missing past its last page: div.p-lst-articles since about 2024, the
# article elements of div.body-content div.articles in 2023.
LIST = ".p-lst-articles, .body-content .articles"
WRAPPER = '[itemprop="articleBody"][articleid]'  # one per article printed on a page
ARTICLE_ID = re.compile(r"-(\d+)\.ldo$")


def page_number(url: str) -> int:
    value = dict(parse_qsl(urlsplit(url).query)).get("page", "1")
    return int(value) if value.isdigit() else 1


def with_page(url: str, number: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "page"] + [("page", str(number))]
    return parts._replace(query=urlencode(query)).geturl()


class LaoDongSpider(SiteSpider):
    name = "lao_dong"
    label = "Báo Lao Động: chuyên trang LĐLĐ các tỉnh (laodong.vn)"
    province = ""  # one section per province: see SECTIONS
    status = "active"
    version = 2  # 2026-11: the template public laodong.vn scrapers of 2022-2026 agree on
    notes = ("Seen on the real site: sections /ldld-<province>, articles /<section>/<slug>-"
             "<id>.ldo, copies on amp., news., ja., fr., es. hosts. From public scrapers' code "
             "(not pages): a cookie gate (a ~200-byte page whose script sets D1N and reloads) on "
             "every path, robots.txt included (VietMedBridge, two 2026 scripts), passed by "
             "crawler/cookie_gate.py; listings ?page=N with no next link, ending where the list "
             "is missing (a listing loop); rows are article elements in div.p-lst-articles "
             "(crawl4ai) or div.body-content div.articles (fintech-news, 2023), links "
             "a.link-title (a Selenium script) or the row's first .ldo link (fintech-news, "
             "crawl4ai); h1.title (fintech-news, VietMedBridge, crawl4ai, a Gologin script); "
             "div.chappeau sapo (fintech-news, VietMedBridge, CoLy, a Selenium script); body "
             "div#gallery-ctt.art-body (fintech-news, crawl4ai, VietMedBridge, an extraction "
             "config) with the related-news box div.tin-lien-quan inside it, dropped (the same "
             "config, ENewspaperScraper); span.time 'Thứ sáu, 01/04/2022 15:02 (GMT+7)' "
             "(news-aggregator, fintech-news); JSON-LD datePublished (ENewspaperScraper); "
             "span.author (fintech-news) or span.authors (ENewspaperScraper); the wrapper "
             "[itemprop=articleBody][articleid=<id>] (VietMedBridge, ENewspaperScraper), which "
             "picks the requested article where a page prints several. Guessed: that "
             "article.article-detail holds them (VietMedBridge only) and the category label.")
    allowed_domains = ["laodong.vn"]
    # Section → the province whose union it covers; an article takes its section's province.
    SECTIONS = {
        "ldld-can-tho": "Cần Thơ",
        "ldld-soc-trang": "Sóc Trăng",
        "ldld-tra-vinh": "Trà Vinh",
        "ldld-lam-dong": "Lâm Đồng",
    }
    start_urls = [f"https://laodong.vn/{section}" for section in SECTIONS]
    listing_rows = ".p-lst-articles article, .body-content .articles article"
    row_link = 'a.link-title, a[href*=".ldo"]'  # every link of a row leads to its article
    # https://amp.laodong.vn/ldld-tra-vinh/…-937337.ldo and news./ja./fr./es. translations are
    # copies of the laodong.vn page: fetch and store the original only.
    url_rewrites = ((r"^(https?://)(?:amp|news|en|ja|fr|es|www)\.laodong\.vn\b", r"\1laodong.vn"),)
    selectors = Selectors(
        title="article.article-detail h1.title",
        dateline="article.article-detail span.time",
        credit="article.article-detail span.author, article.article-detail span.authors",
        body="article.article-detail div.chappeau, #gallery-ctt.art-body",
        drop=".tin-lien-quan",
    )

    def parse(self, response):
        if page_number(response.url) > 1 and not response.css(LIST):
            return  # past the last page: the end of the section, no failure
        yield from super().parse(response)

    def next_listing(self, response):
        """laodong.vn prints no next link: ask for page N+1 while a page lists articles."""
        return with_page(response.url, page_number(response.url) + 1) \
            if response.css(self.listing_rows) else None

    @classmethod
    def extract_page(cls, page, listing_date=None):
        """The requested article; its section gives the province and the category."""
        path = urlsplit(page.url).path
        province = cls.SECTIONS.get(path.strip("/").split("/")[0])
        raw = extract(page, cls.selectors, root=own_article(page.html, path),
                      listing_date=listing_date)
        return [split_byline(replace(raw, province=province,
                                     category=f"LĐLĐ {province}" if province else None))]


def own_article(html: str, path: str) -> Selector | None:
    """Where a page prints several articles, the wrapper whose articleid is the URL's id.

    With one article the whole page is read, JSON-LD included; with several, the page's metadata
    cannot say whose it is, so the date comes from the article's own span.time.
    """
    found = ARTICLE_ID.search(path)
    wrappers = Selector(text=html).css(WRAPPER) if found else []
    own = [w for w in wrappers if w.attrib.get("articleid") == found.group(1)]
    return own[0] if len(wrappers) > 1 and own else None


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

"""The Lâm Đồng district party portals (*.lamdong.dcs.vn, DotNetNuke): their union news only."""
import re
from dataclasses import replace

from crawler.extract import Selectors, extract
from crawler.base_spider import SiteSpider

# Names of the trade union and its bodies. "Đoàn Thanh niên", "đoàn viên thanh niên" and "Thành
# đoàn" belong to the Youth Union, so a bare "đoàn viên" or "Đoàn" proves nothing.
UNION = re.compile(r"liên đoàn lao động|lđlđ|công đoàn|cđcs", re.IGNORECASE)


def is_union_news(title: str, text: str) -> bool:
    """Union news names a union body in its title, or at least twice in its text.

    One passing mention (a union co-organizing a Women's Union event) does not make union news.
    """
    return bool(UNION.search(title)) or len(UNION.findall(text)) >= 2


class LamDongSpider(SiteSpider):
    name = "lam_dong"
    label = "Cổng thông tin các huyện, thành ủy tỉnh Lâm Đồng (*.lamdong.dcs.vn)"
    province = "Lâm Đồng"
    notes = ("DotNetNuke. Seen: article URLs /<section>/<subsection>/type/detail/id/<id>/task/"
             "<module>, images under /Portals/<portalId>/media/newsimage/, the dateline "
             "'dd/mm/yyyy hh:mm SA|CH', union news mixed with other mass organizations' in "
             "mat-tran-doan-the. From DotNetNuke's source (Pane.cs): every module sits in "
             "div.DnnModule.DnnModule-<Name>.DnnModule-<ModuleID>, so the selectors start there "
             "and a skin's banner, counters and link boxes outside any module never match. "
             "Guessed: the listing at the section URL, paging /page/N and every class of the "
             "news module inside the wrapper (no source or page of it is public).")
    version = 2  # 2026-11: selectors anchored on DotNetNuke's module wrapper
    allowed_domains = ["lamdong.dcs.vn"]
    start_urls = [f"https://{district}.lamdong.dcs.vn/thong-tin-hoat-dong/mat-tran-doan-the"
                  for district in ("dateh", "dalat", "lacduong", "damrong", "dilinh")]
    listing_rows = ".DnnModule .news-list .news-item"
    row_link = "a.news-item-title"
    row_date = ".news-item-date"
    next_page = ".DnnModule .pager a.next"
    selectors = Selectors(
        title=".DnnModule .news-detail .news-title::text",  # its own text, not its "In trang" link
        dateline=".DnnModule .news-detail .news-date",
        body=".DnnModule .news-detail .news-content",
    )

    @classmethod
    def extract_page(cls, page, listing_date=None):
        """The article, or nothing for another organization's news (which is no failure)."""
        raw = without_print_link(extract(page, cls.selectors, listing_date=listing_date))
        text = "\n".join(b["text"] for b in raw.blocks if b["kind"] == "text")
        return [raw] if is_union_news(raw.title or "", text) else []


# DotNetNuke prints its print link on the title line: "<title> In trang" (or "<title> | In trang").
PRINT_LINK = re.compile(r"\s*[|\-–]?\s*\bIn trang\s*$")


def print_line(line: str) -> bool:
    # Only the link's own spelling: "… được in trang trọng" style text must survive.
    return len(line) < 300 and line.endswith("In trang") and bool(PRINT_LINK.search(line))


def without_print_link(raw):
    """The title without the print link; the generic fallback's "<title> In trang" line is the
    title line, so it goes from the body (and gives the title when the selectors found none)."""
    title = PRINT_LINK.sub("", raw.title or "").strip()
    blocks = []
    for block in raw.blocks:
        lines = (block.get("text") or "").splitlines() if block.get("kind") == "text" else []
        kept = [line for line in lines if not print_line(line.strip())]
        if len(kept) < len(lines):
            title = title or PRINT_LINK.sub("", next(x for x in lines if print_line(x.strip()))).strip()
            if kept:
                blocks.append({**block, "text": "\n".join(kept)})
        else:
            blocks.append(block)
    return replace(raw, title=title or None, blocks=blocks)

"""Mirror of the Cần Thơ union's two sites (ldldct.org.vn, congdoan.cantho.gov.vn): bare-slug pages, /tin-hoat-dong?page=N."""
from datetime import datetime

from crawler.mirror import Resource
from crawler.mirror.sites import article_resource, articles, pages_of, render

DOMAINS = ("ldldct.org.vn", "congdoan.cantho.gov.vn")
PER_PAGE = 4
# Site-wide banner slogans; the real one changes with the political calendar, not the article.
SLOGANS = {
    "ldldct.org.vn": "ĐOÀN VIÊN CÔNG ĐOÀN THÀNH PHỐ CẦN THƠ THI ĐUA LAO ĐỘNG GIỎI, LAO ĐỘNG SÁNG TẠO!",
    "congdoan.cantho.gov.vn": "NHIỆT LIỆT CHÀO MỪNG THÁNG CÔNG NHÂN VÀ NGÀY QUỐC TẾ LAO ĐỘNG 1/5",
}
LISTING_SLOGAN = "VÌ QUYỀN LỢI CỦA ĐOÀN VIÊN VÀ NGƯỜI LAO ĐỘNG!"
# Menu and sidebar pages: bare slugs like the articles', so only a link's place tells them apart.
SECTIONS = {"gioi-thieu": "Giới thiệu", "tin-hoat-dong": "Tin hoạt động", "van-ban": "Văn bản",
            "thong-bao": "Thông báo", "lien-he": "Liên hệ"}
# The documents section, linked once from a news listing row: a category page, not an article.
DOCUMENTS = ["Hướng dẫn số 05/HD-LĐLĐ về tổ chức Tháng Công nhân năm 2023",
             "Kế hoạch số 12/KH-LĐLĐ tuyên truyền Đại hội Công đoàn thành phố",
             "Quyết định số 143/QĐ-LĐLĐ về việc khen thưởng năm 2022",
             "Công văn số 210/LĐLĐ về việc chăm lo Tết cho đoàn viên"]


def url_of(article: dict, slug: str | None = None) -> str:
    return f"https://{article['domain']}/{slug or article['slug']}"


def newest_first(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda a: a.get("published") or datetime.min, reverse=True)


def row(article: dict) -> dict:
    first = next(p for p in article["body"] if isinstance(p, str))
    return {"href": f"/{article.get('old_slug') or article['slug']}", "title": article["title"],
            "sapo": first[:180].rsplit(" ", 1)[0] + "..."}


def teaser(article: dict) -> str | None:
    """The lead repeated above the body: cut short with "..." or whole, as the page shows it."""
    first = next(p for p in article["body"] if isinstance(p, str))
    if article.get("teaser") == "cut":
        return first[:120].rsplit(" ", 1)[0] + "..."
    return first if article.get("teaser") == "full" else None


def pages(scale: int = 0) -> dict[str, Resource]:
    items = newest_first(articles("can_tho", scale))
    out = {}
    for domain in DOMAINS:
        own = [a for a in items if a["domain"] == domain]
        chrome = {"sections": SECTIONS, "latest": [row(a) for a in own[:5]]}
        rows = [row(a) for a in own]
        if domain == "congdoan.cantho.gov.vn":
            # A row of the news column that points at the documents section.
            rows.insert(5, {"href": "/van-ban", "title": "Văn bản chỉ đạo, hướng dẫn của LĐLĐ thành phố",
                            "sapo": ""})
            out[f"https://{domain}/van-ban"] = Resource(render(
                "can_tho/documents.html", slogan=LISTING_SLOGAN, documents=DOCUMENTS, **chrome))
        chunks = pages_of(rows, PER_PAGE)
        for number, chunk in enumerate(chunks, 1):
            page_url = lambda n: "/tin-hoat-dong" + (f"?page={n}" if n > 1 else "")  # noqa: E731
            out[f"https://{domain}{page_url(number)}"] = Resource(render(
                "can_tho/listing.html", slogan=LISTING_SLOGAN, rows=chunk, number=number,
                count=len(chunks), page_url=page_url,
                next=page_url(number + 1) if number < len(chunks) else None, **chrome))
        for article in own:
            body = render("can_tho/article.html", a=article, teaser=teaser(article),
                          slogan=SLOGANS[domain], views=90 + len(article["body"]) * 37, **chrome)
            out[url_of(article)] = article_resource(article, body)
            if article.get("old_slug"):
                out[url_of(article, article["old_slug"])] = Resource(status=301, location=url_of(article))
    return out

"""Mirror of congdoantravinh.com.vn: /tin-tuc/<category>/ and /chuyen-de/<category>/ listings paged with ?page=N."""
from datetime import datetime

from crawler.mirror import Resource
from crawler.mirror.sites import article_resource, articles, pages_of, render

SITE = "https://congdoantravinh.com.vn"
CATEGORIES = {
    "tin-tuc/hoat-dong-cua-ldld-tinh": "Hoạt động của LĐLĐ tỉnh",
    "tin-tuc/tin-tong-hop": "Tin tổng hợp",
    "chuyen-de/chinh-sach-phap-luat": "Chính sách pháp luật",
}
PER_PAGE = 4
# The internal-news section is closed to robots; one listing still links into it.
ROBOTS = b"User-agent: *\nDisallow: /tin-tuc/noi-bo/\nDisallow: /admin/\n"


def url_of(article: dict) -> str:
    return f"{SITE}/{article['category']}/{article['slug']}"


def row(article: dict, tracking: bool = False) -> dict:
    # A moved article is still linked by its old address, which redirects.
    href = f"{SITE}/{article['category']}/{article.get('old_slug') or article['slug']}"
    href += "?utm_source=facebook&fbclid=IwAR0x7TraVinh" if tracking else ""
    first = next(p for p in article["body"] if isinstance(p, str))
    return {"href": href, "title": article["title"], "thumb": "/upload/thumb/no-image.jpg",
            "date": article["published"].strftime("%d/%m/%Y") if article.get("published") else "",
            "sapo": first[:160] + "..."}


def newest_first(article: dict) -> tuple:
    # An undated article sorts after every dated one, as the CMS lists it last.
    published = article.get("published")
    return (published is not None, published or datetime.min)


def pages(scale: int = 0) -> dict[str, Resource]:
    items = sorted(articles("tra_vinh", scale), key=newest_first, reverse=True)
    popular = [row(a) for a in items[:5]]
    out = {f"{SITE}/robots.txt": Resource(ROBOTS, content_type="text/plain")}
    for category, label in CATEGORIES.items():
        listed = [a for a in items if a.get("listed_in", a["category"]) == category]
        chunks = pages_of(listed, PER_PAGE)
        for number, chunk in enumerate(chunks, 1):
            rows = [row(a) for a in chunk]
            if number == 1 and chunk:
                # The top story is linked again with share-tracking parameters, as shared on Facebook.
                rows.insert(0, row(chunk[0], tracking=True))
            page_url = lambda n: f"{SITE}/{category}" + (f"?page={n}" if n > 1 else "")  # noqa: E731
            out[page_url(number)] = Resource(render(
                "tra_vinh/listing.html", categories=CATEGORIES, popular=popular, label=label,
                rows=rows, number=number, prev=page_url(number - 1) if number > 1 else None,
                next=page_url(number + 1) if number < len(chunks) else None))
    for article in items:
        body = render("tra_vinh/article.html", a=article, url=url_of(article), categories=CATEGORIES,
                      label=CATEGORIES.get(article["category"], "Tin tức"), popular=popular,
                      views=100 + len(article["title"]))
        out[url_of(article)] = article_resource(article, body)
        if article.get("old_slug"):
            old = f"{SITE}/{article['category']}/{article['old_slug']}"
            out[old] = Resource(status=301, location=url_of(article))
    return out

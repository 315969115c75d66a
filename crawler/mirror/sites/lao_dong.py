"""Mirror of laodong.vn's provincial union sections behind its cookie gate, with the copy hosts."""
from crawler.mirror import CookieGate, Resource
from crawler.mirror.sites import article_resource, articles, pages_of, render

SITE = "https://laodong.vn"
SECTIONS = {
    "ldld-can-tho": "LĐLĐ Cần Thơ",
    "ldld-soc-trang": "LĐLĐ Sóc Trăng",
    "ldld-tra-vinh": "LĐLĐ Trà Vinh",
    "ldld-lam-dong": "LĐLĐ Lâm Đồng",
}
PER_PAGE = 3
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


def gates() -> list[CookieGate]:
    """laodong.vn answers every path, robots.txt too, with its cookie gate until D1N comes back."""
    return [CookieGate("laodong.vn")]


def url_of(article: dict, host: str = "laodong.vn") -> str:
    return f"https://{host}/{article['section']}/{article['slug']}-{article['id']}.ldo"


def row(article: dict) -> dict:
    # Some rows point at a machine-translated or AMP copy of the story, as shared links do.
    href = url_of(article, f"{article['copy']}.laodong.vn" if article.get("copy") else "laodong.vn")
    return {"href": href, "title": article["title"], "sapo": article["body"][0][:140] + "...",
            "thumb": f"https://media-cdn-v2.laodong.vn/storage/thumb/{article['id']}.jpg"}


def listing_pages(section: str, listed: list[dict], latest: list[dict]) -> dict[str, Resource]:
    # ?page=N with no next link; the page after the last one prints no list at all.
    chunks = [c for c in pages_of([row(a) for a in listed], PER_PAGE) if c] + [[]]
    out = {}
    for number, rows in enumerate(chunks, 1):
        url = f"{SITE}/{section}" + (f"?page={number}" if number > 1 else "")
        out[url] = Resource(render(
            "lao_dong/listing.html", sections=SECTIONS, section=section, label=SECTIONS[section],
            rows=rows, latest=latest))
    return out


def robots(items: list[dict]) -> Resource:
    closed = [f"Disallow: {url_of(a)[len(SITE):]}\n" for a in items if a.get("fault") == "robots"]
    return Resource(("User-agent: *\n" + "".join(closed)).encode(), content_type="text/plain")


def pages(scale: int = 0) -> dict[str, Resource]:
    items = sorted(articles("lao_dong", scale), key=lambda a: a["published"], reverse=True)
    latest = [{"href": url_of(a), "title": a["title"]} for a in items[:5]]
    out = {f"{SITE}/robots.txt": robots(items)}
    for section in SECTIONS:
        out.update(listing_pages(section, [a for a in items if a["section"] == section], latest))
    for article in items:
        body = render("lao_dong/article.html", a=article, url=url_of(article), sections=SECTIONS,
                      label=SECTIONS[article["section"]], latest=latest,
                      weekday=WEEKDAYS[article["published"].weekday()])
        out[url_of(article)] = article_resource(article, body)
        if article.get("copy"):
            # The copy serves the same story; a crawler that followed it would store it twice.
            out[url_of(article, f"{article['copy']}.laodong.vn")] = article_resource(article, body)
    return out

"""Mirror of laodong.vn's provincial union sections, with the amp. and translated copy hosts."""
from crawler.mirror import Resource
from tests.mirror import article_resource, articles, pages_of, render

SITE = "https://laodong.vn"
SECTIONS = {
    "ldld-can-tho": "LĐLĐ Cần Thơ",
    "ldld-soc-trang": "LĐLĐ Sóc Trăng",
    "ldld-tra-vinh": "LĐLĐ Trà Vinh",
    "ldld-lam-dong": "LĐLĐ Lâm Đồng",
}
PER_PAGE = 3
# This section's pager counts one page too many: its last "next" link leads to an empty page.
OVERCOUNTED = "ldld-can-tho"


def url_of(article: dict, host: str = "laodong.vn") -> str:
    return f"https://{host}/{article['section']}/{article['slug']}-{article['id']}.ldo"


def row(article: dict) -> dict:
    # Some rows point at a machine-translated or AMP copy of the story, as shared links do.
    href = url_of(article, f"{article['copy']}.laodong.vn" if article.get("copy") else "laodong.vn")
    return {"href": href, "title": article["title"], "sapo": article["body"][0][:140] + "...",
            "thumb": f"https://media-cdn-v2.laodong.vn/storage/thumb/{article['id']}.jpg"}


def next_link(section: str, number: int) -> str:
    # The English mirror's pager links are seen in the wild (news.laodong.vn/ldld-can-tho?page=18).
    host = "news.laodong.vn" if number == 2 else "laodong.vn"
    return f"https://{host}/{section}?page={number}"


def listing_pages(section: str, listed: list[dict], latest: list[dict]) -> dict[str, Resource]:
    chunks = pages_of([row(a) for a in listed], PER_PAGE)
    if section == OVERCOUNTED:
        chunks.append([])
    out = {}
    for number, rows in enumerate(chunks, 1):
        url = f"{SITE}/{section}" + (f"?page={number}" if number > 1 else "")
        out[url] = Resource(render(
            "lao_dong/listing.html", sections=SECTIONS, section=section, label=SECTIONS[section],
            rows=rows, number=number, latest=latest,
            next=next_link(section, number + 1) if number < len(chunks) else None))
    return out


def pages(scale: int = 0) -> dict[str, Resource]:
    items = sorted(articles("lao_dong", scale), key=lambda a: a["published"], reverse=True)
    latest = [{"href": url_of(a), "title": a["title"]} for a in items[:5]]
    out = {}
    for section in SECTIONS:
        out.update(listing_pages(section, [a for a in items if a["section"] == section], latest))
    for article in items:
        body = render("lao_dong/article.html", a=article, url=url_of(article), sections=SECTIONS,
                      label=SECTIONS[article["section"]], latest=latest)
        out[url_of(article)] = article_resource(article, body)
        if article.get("copy"):
            # The copy serves the same story; a crawler that followed it would store it twice.
            out[url_of(article, f"{article['copy']}.laodong.vn")] = article_resource(article, body)
    return out

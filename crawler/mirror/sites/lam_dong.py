"""Mirror of the *.lamdong.dcs.vn district portals (DotNetNuke): their mat-tran-doan-the section."""
from crawler.mirror import Resource
from crawler.mirror.sites import article_resource, articles, generated, pages_of, render

SECTION = "thong-tin-hoat-dong/mat-tran-doan-the"
# Portal ids of dalat, damrong and lacduong are seen in image paths; dateh's and the news
# module (task) ids other than dateh's 1616 are made up.
DISTRICTS = {
    "dateh": {"name": "Huyện ủy Đạ Tẻh", "portal": 11, "task": 1616, "visits": 2466151},
    "dalat": {"name": "Thành ủy Đà Lạt", "portal": 4, "task": 1420, "visits": 5120874},
    "lacduong": {"name": "Huyện ủy Lạc Dương", "portal": 13, "task": 1531, "visits": 987112},
    "damrong": {"name": "Huyện ủy Đam Rông", "portal": 9, "task": 1475, "visits": 1304556},
}
# dilinh's section is gone: its start URL answers 404 (the mirror serves nothing there).
VANISHED = "dilinh"
# This district's pager sends its last page's "next" back to the first page.
LOOPING = "dalat"
PER_PAGE = 4


def site(host: str) -> str:
    return f"https://{host}.lamdong.dcs.vn"


def url_of(article: dict) -> str:
    task = DISTRICTS[article["host"]]["task"]
    return f"{site(article['host'])}/{SECTION}/type/detail/id/{article['id']}/task/{task}"


def page_url(host: str, number: int) -> str:
    return f"{site(host)}/{SECTION}" + (f"/page/{number}" if number > 1 else "")


def dateline(published) -> str:
    """"30/04/2023 10:20 CH": twelve-hour clock, SA before noon and CH after."""
    hour = published.hour % 12 or 12
    return published.strftime(f"%d/%m/%Y {hour:02d}:%M ") + ("CH" if published.hour >= 12 else "SA")


def row(article: dict) -> dict:
    first = next(p for p in article["body"] if isinstance(p, str))
    return {"href": url_of(article), "title": article["title"], "sapo": first[:160] + "...",
            "date": article["published"].strftime("%d/%m/%Y"),
            "thumb": f"/Portals/{DISTRICTS[article['host']]['portal']}/media/newsimage/thumb.jpg"}


def district_pages(host: str, items: list[dict]) -> dict[str, Resource]:
    d = DISTRICTS[host]
    chunks = pages_of([row(a) for a in items], PER_PAGE)
    out = {}
    for number, rows in enumerate(chunks, 1):
        last = number == len(chunks)
        following = page_url(host, 1) if last and host == LOOPING else (
            None if last else page_url(host, number + 1))
        out[page_url(host, number)] = Resource(render(
            "lam_dong/listing.html", d=d, path=f"/{SECTION}", rows=rows, number=number,
            pages=len(chunks), next=following, page_url=lambda n: page_url(host, n)))
    for n, article in enumerate(items):
        body = render("lam_dong/article.html", d=d, a=article, path=f"/{SECTION}",
                      dateline=dateline(article["published"]), views=100 + article["id"] % 900,
                      others=[row(o) for o in items[n + 1:n + 5]])
        out[url_of(article)] = article_resource(article, body)
    return out


def pages(scale: int = 0) -> dict[str, Resource]:
    written = articles("lam_dong")
    for article in written:
        article["slug"] = str(article["id"])  # the toolkit names generated copies after it
    items = written + generated(written, scale)
    for n, article in enumerate(items[len(written):]):
        article["id"] = 90000 + n  # a generated copy needs an id of its own
    items.sort(key=lambda a: a["published"], reverse=True)
    out = {}
    for host in DISTRICTS:
        out.update(district_pages(host, [a for a in items if a["host"] == host]))
    return out

"""Mirror of ldldsoctrang.soctrang.gov.vn (Liferay): listing, articles, a multi-article page."""
from crawler.mirror import Resource
from crawler.mirror.sites import article_resource, articles, pages_of, render

SITE = "https://ldldsoctrang.soctrang.gov.vn"
LISTING = f"{SITE}/tin-hoat-dong"
INSTANCE = "J9foJAsdT7AH"
PER_PAGE = 5
CUR = f"_101_INSTANCE_{INSTANCE}_cur"  # the page iterator's parameter: portlet namespace + "cur"
# Liferay links one article in many shapes: locale prefixes that serve the same Vietnamese page,
# and portlet state parameters. The listing rotates through them.
LINK_STYLES = (
    "{site}/-/{slug}",
    "{site}/ja/-/{slug}?inheritRedirect=true",
    "{site}/zh/-/{slug}?inheritRedirect=true&redirect=%2Ftin-hoat-dong",
    "{site}/-/{slug}?p_p_id=101_INSTANCE_" + INSTANCE
    + "&p_p_lifecycle=0&p_p_state=normal&p_p_mode=view",
    "{site}/iw_IL/-/{slug}?inheritRedirect=true",
)


def url_of(article: dict) -> str:
    return f"{SITE}/-/{article['slug']}"


def full_page_url(named: dict) -> str:
    # The asset publisher's page 5 in full-content display, named after its second item, as seen.
    return f"{SITE}/home/-/asset_publisher/dhHH18SeyT4A/content/{named['slug']}?cur=5"


def date_of(article: dict) -> str:
    return article["published"].strftime("%d/%m/%Y")


def related(items: list[dict]) -> list[dict]:
    return [{"href": f"{SITE}/ja/-/{a['slug']}?inheritRedirect=true", "title": a["title"],
             "date": date_of(a)} for a in items]


def with_bodies(items: list[dict]) -> list[dict]:
    """Stories republished from Báo Lao Động repeat its body word for word."""
    stories = {a["slug"]: a for a in articles("lao_dong")}
    for article in items:
        if article.get("same_story_as"):
            article["body"] = stories[article["same_story_as"]]["body"]
    return items


def listing_pages(items: list[dict], named: dict) -> dict[str, Resource]:
    listed = [a for a in items if a.get("listed", True)]
    rows = []
    for n, article in enumerate(listed):
        href = (f"{SITE}/ca" + full_page_url(named)[len(SITE):] if article is named
                else LINK_STYLES[n % len(LINK_STYLES)].format(site=SITE, slug=article["slug"]))
        first = next(p for p in article["body"] if isinstance(p, str))
        rows.append({"href": href, "title": article["title"], "date": date_of(article),
                     "sapo": first[:150] + "...", "slug": article["slug"]})
    # Liferay counts items a guest cannot see, so the last page still offers a next page: empty.
    chunks = pages_of(rows, PER_PAGE) + [[]]
    out = {}
    for number, chunk in enumerate(chunks, 1):
        if number > 1 and chunk:
            # A story published while a reader pages shifts the list: the previous page's last
            # row comes again, here under another locale.
            last = chunks[number - 2][-1]
            chunk = [dict(last, href=f"{SITE}/ca/-/{last['slug']}?inheritRedirect=true")] + chunk
        out[listing_url(number)] = Resource(render(
            "soc_trang/listing.html", rows=chunk, number=number, pages=len(chunks),
            page_url=pager_href, instance=INSTANCE, path="/tin-hoat-dong"))
    return out


def listing_url(number: int) -> str:
    return LISTING + (f"?{CUR}={number}" if number > 1 else "")


def pager_href(number: int) -> str:
    """A page link as the stock page iterator writes it: portlet state and the namespaced cur."""
    return (f"{SITE}/iw_IL/tin-hoat-dong?p_p_id=101_INSTANCE_{INSTANCE}&p_p_lifecycle=0"
            f"&p_p_state=normal&p_p_mode=view&{CUR}={number}")


def pages(scale: int = 0) -> dict[str, Resource]:
    items = sorted(with_bodies(articles("soc_trang", scale)), key=lambda a: a["published"],
                   reverse=True)
    full = [a for a in items if a.get("on_full_page")]
    named = full[1]
    out = listing_pages(items, named)
    for n, article in enumerate(items):
        body = render("soc_trang/article.html", a=article, back=LISTING, instance=INSTANCE,
                      path=f"/-/{article['slug']}", related=related(items[n + 1:n + 6]))
        out[url_of(article)] = article_resource(article, body)
    blocks = [dict(a, link=f"{SITE}/ca/-/{a['slug']}?inheritRedirect=true") for a in full]
    tail = items.index(full[-1]) + 1
    out[full_page_url(named)] = Resource(render(
        "soc_trang/full.html", blocks=blocks, back=LISTING, instance="dhHH18SeyT4A",
        path=full_page_url(named)[len(SITE):], related=related(full + items[tail:tail + 2])))
    return out

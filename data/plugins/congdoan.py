"""Datasette plugin for the journalists' site: safe article HTML, folded matching, links, robots.txt."""
from __future__ import annotations

import html
import json
import os
from urllib.parse import urlsplit

import nh3
from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

from crawler.normalize.fold import fold_key

# The only markup article_html ever emits; nh3 drops anything else that slipped through.
TAGS = {"p", "figure", "img", "figcaption"}
ATTRIBUTES = {"img": {"src", "alt", "loading", "referrerpolicy"}}
ROBOTS_BLOCK = "User-agent: *\nDisallow: /\n"
# Opted in: pages may be indexed, but not arbitrary SQL or the instance's own /-/ pages.
ROBOTS_ALLOW = "User-agent: *\nDisallow: /congdoan?sql=\nDisallow: /-/\n"


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s); javascript:, data: and the like give None."""
    return url if url and urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def article_html(body: str | None, images: str | None) -> str:
    """Scraped body and images as HTML: every text escaped, then sanitized with nh3."""
    parts = [f"<p>{html.escape(p.strip())}</p>" for p in (body or "").split("\n") if p.strip()]
    for image in json.loads(images or "[]"):
        src = safe_url(image.get("url"))
        if not src:
            continue
        alt = html.escape(image.get("caption") or "")
        caption = " — ".join(html.escape(t) for t in (image.get("caption"), image.get("credit")) if t)
        parts.append(f'<figure><img src="{html.escape(src)}" alt="{alt}" loading="lazy" '
                     f'referrerpolicy="no-referrer">'
                     + (f"<figcaption>{caption}</figcaption>" if caption else "") + "</figure>")
    return nh3.clean("".join(parts), tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https"})


def vn_date(value: str | None) -> str:
    """'2024-01-25T08:30:00+07:00' as '25/01/2024 08:30' (the site's own convention); a date
    stored without a time ('2024-01-25') as the day alone."""
    if not value:
        return "không rõ ngày"
    day = f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return f"{day} {value[11:16]}" if len(value) >= 16 else day


@hookimpl
def prepare_connection(conn):
    conn.create_function("article_html", 2, article_html, deterministic=True)
    # Not marked deterministic: SQLite would then push `fold_key(p) = ...` into the
    # `select distinct province` subqueries and call Python once per article, not per province.
    conn.create_function("fold_key", 1, fold_key)


@hookimpl
def prepare_jinja2_environment(env):
    env.globals["article_html"] = lambda body, images: Markup(article_html(body, images))
    env.filters["safe_url"] = safe_url
    env.filters["vn_date"] = vn_date


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Articles view and canned queries: a title links to its article, dates read the Vietnamese way."""
    if table not in ("articles_public", None) or database != "congdoan":
        return None
    if column == "title" and "id" in row.keys():
        href = datasette.urls.row(database, "articles", str(row["id"]))
        return Markup('<a href="{}">{}</a>').format(href, value or "(không có tiêu đề)")
    if column == "published_at" and value:
        return vn_date(value)
    return None


async def robots_txt():
    allow = os.environ.get("CONGDOAN_ALLOW_ROBOTS", "").lower() in ("1", "true", "yes")
    return Response.text(ROBOTS_ALLOW if allow else ROBOTS_BLOCK)


@hookimpl
def register_routes():
    return [(r"^/robots\.txt$", robots_txt)]

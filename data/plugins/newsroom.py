"""Datasette plugin: the journalists' own pages — search, keyword feeds, Excel downloads, monthly counts."""
from __future__ import annotations

import html
import io
import sqlite3
import time
from datetime import datetime
from urllib.parse import quote
from xml.etree import ElementTree

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils.asgi import Response
from markupsafe import Markup

from crawler import export, search, storage

DATABASE = "congdoan"
FEED_SIZE = 50
# Past these many matches, ranking every one costs more than a page may (bm25 over 100,000
# articles: ~150 ms, over 20,000: ~35 ms), and walking the date index beats sorting them by date.
RANK_LIMIT = 10_000
COMMON = 2_000
CSV_LIMIT = 10_000  # a bigger download is the federation export's job (python -m crawler export)
CHOICES_TTL = 60  # seconds
_CHOICES: dict = {}  # database path → (when read, lists)
EMPTY_FEED_UPDATED = "2025-07-01T00:00:00+07:00"  # Atom needs a date even when nothing matches
# One fixed colour per province, on every chart (also in data/metadata.yml's dashboard).
PROVINCE_COLOURS = {"Cần Thơ": "#1f77b4", "Sóc Trăng": "#ff7f0e", "Trà Vinh": "#2ca02c",
                    "Lâm Đồng": "#d62728", "Vĩnh Long": "#9467bd"}
OTHER_COLOUR = "#7f7f7f"
STATUS = {"ok": "tốt", "errors": "có trang lỗi", "failed": "thất bại", "running": "đang chạy"}
SEARCH_FAILED = ("Không tìm được với từ khóa này. Hãy bớt từ hoặc bỏ các ký hiệu đặc biệt "
                 "rồi thử lại.")


async def _rows(db, sql_params) -> list[dict]:
    sql, params = sql_params
    return [dict(r) for r in (await db.execute(sql, params)).rows]


async def _choices(db) -> dict:
    """The filter lists, read again at most once a minute (each distinct scans an index)."""
    at, lists = _CHOICES.get(db.path, (-CHOICES_TTL, None))
    if time.monotonic() - at >= CHOICES_TTL:
        lists = {key: [tuple(r) if len(r) > 1 else (r[0], r[0]) for r in (await db.execute(sql)).rows]
                 for key, sql in storage.CHOICES_SQL.items()}
        _CHOICES[db.path] = (time.monotonic(), lists)
    return lists


def _result(row: dict, query: search.Query) -> dict:
    return {**row, "title_html": Markup(search.highlight(row["title"] or "(không có tiêu đề)", query)),
            "snippet_html": Markup(search.snippet(row["body"], query)),
            "author_name": search.author_display(row["author"])}


async def _page(db, s: search.Form, limit: int, fields: str = storage.SEARCH_FIELDS):
    """How many articles match, and one page of them (the form's page, in its order)."""
    match = s.query.match()
    count = (await db.execute(*storage.search_count_sql(match, s.filters))).first()[0]
    # The work of ranking and of sorting by date grows with what the words match, filters aside.
    matched = (await db.execute(*storage.search_count_sql(match, {}))).first()[0] \
        if match and any(s.filters.values()) else count
    if s.relevant and matched > RANK_LIMIT:
        s.relevant = False
        s.notes.append(f"Hơn {RANK_LIMIT:,} bài khớp: xếp mới nhất trước. Thêm từ hoặc bộ lọc để "
                       "xếp theo mức liên quan.".replace(",", "."))
    rows = await _rows(db, storage.search_sql(match, s.query.adjacent(), s.filters, s.relevant,
                                              limit, (s.page - 1) * limit, fields,
                                              common=matched > COMMON))
    return count, rows


async def _find(db, s: search.Form) -> tuple[int, list[dict]]:
    count, rows = await _page(db, s, search.PAGE_SIZE)
    return count, [_result(r, s.query) for r in rows]


async def search_page(datasette, request):
    s = search.read_form(request.args)
    db = datasette.get_database(DATABASE)
    count, results, error = 0, [], None
    if s.asked:
        try:
            count, results = await _find(db, s)
        except (sqlite3.Error, QueryInterrupted):
            error = SEARCH_FAILED
    author = None
    if s.filters["author_key"]:
        names = (await db.execute(storage.AUTHOR_NAME_SQL, {"key": s.filters["author_key"]})).rows
        author = search.author_display(names[0][0]) if names else s.params["tac_gia"]
    pages = max(1, -(-count // search.PAGE_SIZE))
    context = {"s": s, "count": count, "results": results, "error": error, "author": author,
               "pages": pages, "choices": await _choices(db), "orders": search.ORDERS,
               "feed": s.link("/tim-kiem.atom"), "csv": s.link("/tim-kiem.csv"),
               "title": _title(s, author)}
    return Response.html(await datasette.render_template("tim-kiem.html", context, request=request))


def _title(s: search.Form, author: str | None = None) -> str:
    parts = [f"“{s.params['q']}”"] if s.params["q"] else []
    if author or s.params["tac_gia"]:
        parts.append(f"tác giả {author or s.params['tac_gia']}")
    for key, label in (("tinh", "tỉnh"), ("tinh_nay", "tỉnh nay"), ("nguon", "nguồn")):
        if s.params[key]:
            parts.append(f"{label} {s.params[key]}")
    if s.filters["since"] or s.filters["before"]:
        parts.append(f"{s.params['tu'] or '…'} đến {s.params['den'] or '…'}")
    return "Tìm kiếm: " + ", ".join(parts) if parts else "Tìm kiếm"


def _atom(tag: str, parent=None, text: str | None = None, **attrs):
    element = ElementTree.SubElement(parent, tag, attrs) if parent is not None else \
        ElementTree.Element(tag, attrs)
    if text is not None:
        element.text = text
    return element


async def feed(datasette, request):
    s = search.read_form(request.args)
    db = datasette.get_database(DATABASE)
    # article_html() is the sibling plugin congdoan.py's SQL function: escaped, then nh3-cleaned.
    fields = storage.SEARCH_FIELDS + ", article_html(a.body, a.images) as content_html"
    try:
        s.relevant, s.page = False, 1  # a feed is newest first, always from the top
        rows = (await _page(db, s, FEED_SIZE, fields))[1]
    except (sqlite3.Error, QueryInterrupted):
        rows = []
    page = datasette.absolute_url(request, s.link())
    root = _atom("feed", xmlns="http://www.w3.org/2005/Atom")
    _atom("title", root, "Tin công đoàn — " + _title(s))
    _atom("id", root, page)
    _atom("link", root, href=page, rel="alternate", type="text/html")
    _atom("link", root, href=datasette.absolute_url(request, s.link("/tim-kiem.atom")), rel="self")
    times = search.feed_times(rows)
    _atom("updated", root, max(times, default=EMPTY_FEED_UPDATED))
    for row, updated in zip(rows, times):
        entry = _atom("entry", root)
        article = datasette.absolute_url(request, f"/{DATABASE}/articles/{row['id']}")
        _atom("id", entry, article)
        _atom("title", entry, row["title"] or "(không có tiêu đề)")
        _atom("updated", entry, updated)
        _atom("link", entry, href=article, rel="alternate")
        author = _atom("author", entry)
        _atom("name", author, search.author_display(row["author"]) or row["source"])
        source = html.escape(" · ".join(filter(None, (row["source"], row["province"]))))
        _atom("content", entry, f"<p>{source}</p>" + row["content_html"], type="html")
    body = ElementTree.tostring(root, encoding="unicode", xml_declaration=True)
    return Response(body, content_type="application/atom+xml; charset=utf-8")


async def download(datasette, request):
    s = search.read_form(request.args)
    db = datasette.get_database(DATABASE)
    fields = ", ".join(f"a.[{column}] as [{column}]" for column, _ in export.COLUMNS)
    sql, params = storage.search_sql(s.query.match(), [], s.filters, False, CSV_LIMIT, 0, fields)

    def write(conn) -> str:
        cursor = conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        out = io.StringIO(newline="")
        out.write("\ufeff")  # the BOM that makes a spreadsheet read UTF-8
        export.write_rows(out, (dict(zip(names, r)) for r in cursor))
        return out.getvalue()

    try:
        text = await db.execute_fn(write)
    except sqlite3.Error:
        return Response.text(SEARCH_FAILED, status=400)
    name = "-".join(filter(None, ("tim-kiem", search.file_slug(s.params["q"]),
                                  f"{datetime.now():%Y%m%d}"))) + ".csv"
    return Response(text, content_type="text/csv; charset=utf-8", headers={
        "content-disposition": f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"})


def month_table(rows: list[dict]) -> dict:
    """Counts per month and province, every month present, with the leading province per month."""
    provinces = sorted({r["province"] or "không rõ" for r in rows},
                       key=lambda p: (p not in PROVINCE_COLOURS, p))
    counts = {(r["month"], r["province"] or "không rõ"): r["n"] for r in rows}
    months = search.months_between(rows[0]["month"], rows[-1]["month"]) if rows else []
    table = []
    for month in reversed(months):
        cells = [counts.get((month, p), 0) for p in provinces]
        top = max(cells) if cells else 0
        table.append({"month": f"{month[5:]}/{month[:4]}", "cells": cells,
                      "leaders": [p for p, n in zip(provinces, cells) if n == top and n]})
    peak = max((c for row in table for c in row["cells"]), default=0)
    colours = [PROVINCE_COLOURS.get(p, OTHER_COLOUR) for p in provinces]
    return {"provinces": list(zip(provinces, colours)), "rows": table, "peak": peak or 1}


async def stats_page(datasette, request):
    s = search.read_form(request.args)
    db = datasette.get_database(DATABASE)
    error, rows = None, []
    try:
        rows = await _rows(db, storage.monthly_sql(s.query.match(), s.filters))
    except (sqlite3.Error, QueryInterrupted):
        error = SEARCH_FAILED
    health = await _rows(db, (storage.HEALTH_SQL, {}))
    failures = await _rows(db, (storage.HEALTH_ERRORS_SQL, {}))
    context = {"s": s, "error": error, "table": month_table(rows), "health": health,
               "failures": failures, "status": STATUS}
    return Response.html(await datasette.render_template("thong-ke.html", context, request=request))


def search_match(text: str | None) -> str | None:
    """The FTS5 expression of a typed query (None when it has no words): the dashboard's keyword box."""
    return search.parse(text).match()


@hookimpl
def prepare_connection(conn):
    conn.create_function("search_match", 1, search_match, deterministic=True)


@hookimpl
def register_routes():
    return [(r"^/tim-kiem$", search_page), (r"^/tim-kiem\.atom$", feed),
            (r"^/tim-kiem\.csv$", download), (r"^/thong-ke$", stats_page)]


@hookimpl
def extra_template_vars(template, datasette):
    """The article page names its source by label, not by spider name."""
    if template != "row-congdoan-articles.html":
        return None

    async def labels():
        rows = (await datasette.get_database(DATABASE).execute(storage.CHOICES_SQL["site"])).rows
        return {"source_labels": dict(rows), "author_display": search.author_display}
    return labels

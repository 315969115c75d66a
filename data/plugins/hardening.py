"""Datasette plugin guarding the public server: value limits, read-only, broken searches, internals."""
from __future__ import annotations

import html
import json
import re
import sqlite3
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils import escape_fts

# No article is near this size; randomblob(), zeroblob(), hex(), replace(), printf() and
# group_concat() all stop here ("string or blob too big") instead of allocating gigabytes.
MAX_VALUE_BYTES = 10_000_000
LIMITS = {sqlite3.SQLITE_LIMIT_LENGTH: MAX_VALUE_BYTES, sqlite3.SQLITE_LIMIT_SQL_LENGTH: 100_000,
          sqlite3.SQLITE_LIMIT_COLUMN: 200, sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 50,
          sqlite3.SQLITE_LIMIT_ATTACHED: 0}
# Journalists read articles_public and each article's own page (/congdoan/articles/<id>); the
# raw table's listing (internal columns) and the search index's storage are nobody's business.
# Story signatures and LSH bands are the clustering's working state, numbers nobody reads.
HIDDEN = re.compile(r"^/congdoan/(articles(\.\w+)?|(articles_(fts|search)_(data|idx|docsize|config)"
                    r"|story_(signatures|bands))(/.*|\.\w+)?)$|^/-/databases(\.json)?$")
# Query-string parameters that Datasette hands to FTS5: a table's search boxes and tim_kiem's.
SEARCH_PARAMS = re.compile(r"^(_search(_.+)?|tu_khoa)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
BAD_SEARCH = ("Không tìm được với từ khóa «{}»: từ khóa cần có ít nhất một chữ hoặc số. "
              "Muốn tìm đúng cụm từ, đặt cả cụm trong một cặp ngoặc kép, ví dụ \"công đoàn cơ sở\".")


def _authorize(action, arg1, arg2, database, source):
    # pragma_database_list() would show the database file's path: answer it with no rows.
    if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() == "database_list":
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


@hookimpl
def prepare_connection(conn):
    for limit, value in LIMITS.items():
        conn.setlimit(limit, value)
    conn.set_authorizer(_authorize)


def fts_valid(query: str) -> bool:
    """True when FTS5 accepts the query (checked against an empty in-memory index)."""
    with sqlite3.connect(":memory:") as conn:
        conn.execute("create virtual table t using fts5(x)")
        try:
            conn.execute("select count(*) from t where t match ?", [query]).fetchone()
        except sqlite3.Error:
            return False
    return True


def repaired_search(value: str, raw: bool) -> str | None:
    """The search text FTS5 will accept: as typed when valid, else its words as one phrase.

    None when nothing searchable is left (a lone quote, a NUL).
    """
    if fts_valid(value if raw else escape_fts(value)):
        return value
    words = " ".join(_CONTROL.sub(" ", value).replace('"', " ").split())
    if not words:
        return None
    return f'"{words}"' if raw else words


async def _refuse(send, status: int, message: str, as_json: bool, headers=()):
    if as_json:
        body = json.dumps({"ok": False, "error": message, "status": status}, ensure_ascii=False)
        content_type = "application/json; charset=utf-8"
    else:
        body = (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Lỗi {status}'
                f"</title></head><body><h1>Lỗi {status}</h1><p>{html.escape(message)}</p>"
                '<p><a href="/">Về trang chính</a></p></body></html>')
        content_type = "text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type.encode()), *headers]})
    await send({"type": "http.response.body", "body": body.encode()})


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def guarded(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            path, as_json = scope["path"], scope["path"].endswith(".json")
            if scope["method"] not in ("GET", "HEAD"):
                # Nothing here is writable by the public: say so instead of failing with a 500.
                return await _refuse(send, 405, "Trang này chỉ để đọc (chỉ nhận GET).", as_json,
                                     [(b"allow", b"GET, HEAD")])
            if HIDDEN.match(path):
                return await _refuse(send, 404, "Không có trang này.", as_json)
            query = parse_qsl(scope.get("query_string", b"").decode("utf-8", "replace"),
                              keep_blank_values=True)
            raw = ("_searchmode", "raw") in query
            repaired = []
            for key, value in query:
                if SEARCH_PARAMS.match(key) and value:
                    fixed = repaired_search(value, raw and key != "tu_khoa")
                    if fixed is None:
                        return await _refuse(send, 400, BAD_SEARCH.format(value.replace("\0", "")),
                                             as_json)
                    value = fixed
                repaired.append((key, value))
            if repaired != query:
                scope = dict(scope, query_string=urlencode(repaired).encode())
            return await app(scope, receive, send)
        return guarded
    return wrap

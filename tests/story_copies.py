"""Articles made from the mirror's labelled story copies, changed as a test needs."""
from __future__ import annotations

from crawler.items import Article
from crawler.mirror.stories import entries, url_of

STORY = {e["key"]: e for e in entries()}


def article(key: str, url: str | None = None, **changes) -> Article:
    entry = STORY[key]
    body = "\n".join(p for p in entry["body"] if isinstance(p, str))
    fields = {"url": url or url_of(entry), "site": entry["site"], "host": "test.invalid",
              "province": "Cần Thơ", "province_now": "Cần Thơ", "title": entry["title"],
              "body": body, "fetched_at": "2025-11-20T09:00:00+07:00", "method": "selectors",
              "parser_version": "test", "published_at": f"{entry['published']}:00+07:00".replace(" ", "T")}
    return Article(**{**fields, **changes})

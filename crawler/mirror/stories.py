"""Stories printed on several mirror sites, and look-alikes that are not one story (stories.yaml)."""
from __future__ import annotations

import copy
import importlib
from itertools import combinations
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent
OPS = ("from", "replace", "prefix", "drop", "keep", "captions")
LABELS = ("key", "site", "story", "group", "kind", "near_miss")


@cache
def _entries() -> tuple[dict, ...]:
    data = yaml.safe_load((HERE / "stories.yaml").read_text(encoding="utf-8"))
    flat = [dict(a, story=g["story"], group=g["story"], kind=g["kind"], near_miss=False)
            for g in data["copies"] for a in g["articles"]]
    flat += [dict(a, story=a["key"], group=f"near-miss {n}", kind=g["kind"], near_miss=True)
             for n, g in enumerate(data["near_misses"], 1) for a in g["articles"]]
    by_key = {a["key"]: a for a in flat}
    return tuple(derived(a, by_key) for a in flat)


def entries() -> list[dict]:
    """Every article of stories.yaml as its site lists it, with its labels (LABELS)."""
    return copy.deepcopy(list(_entries()))


def for_site(site: str) -> list[dict]:
    return [a for a in entries() if a["site"] == site]


def derived(article: dict, by_key: dict) -> dict:
    """The article as printed: its source's fields and text (when `from`), changed by its OPS."""
    source = by_key[article["from"]] if "from" in article else {}
    out = {k: v for k, v in copy.deepcopy(source).items() if k not in OPS + LABELS}
    out.update({k: v for k, v in article.items() if k not in OPS})
    title, body = out["title"], out["body"]
    for old, new in (article.get("replace") or {}).items():
        title = title.replace(old, new)
        body = [p.replace(old, new) if isinstance(p, str)
                else {k: v.replace(old, new) if isinstance(v, str) else v for k, v in p.items()}
                for p in body]
    body = [p for n, p in enumerate(body) if n not in article.get("drop", ())]
    body = body[:article.get("keep", len(body))]
    captions = iter(article.get("captions", ()))
    body = [p if isinstance(p, str) else recaption(p, next(captions, None)) for p in body]
    body[0] = article.get("prefix", "") + body[0]
    return dict(out, title=title, body=body)


def recaption(image: dict, caption: str | None) -> dict:
    if caption is None:
        return image
    return {k: v for k, v in image.items() if k != "title_as_caption"} | {"caption": caption}


def url_of(article: dict) -> str:
    """The article's canonical URL, as its site's mirror module addresses it."""
    return importlib.import_module(f"crawler.mirror.sites.{article['site']}").url_of(article)


def labelled_pairs() -> dict[tuple[str, str], tuple[bool, str]]:
    """{(url, url): (one story?, kind)} for every two articles of one copy group or one
    near-miss group: the pairs a method could get wrong."""
    groups: dict[str, list[dict]] = {}
    for article in entries():
        groups.setdefault(article["group"], []).append(article)
    return {tuple(sorted((url_of(a), url_of(b)))): (a["story"] == b["story"], a["kind"])
            for members in groups.values() for a, b in combinations(members, 2)}

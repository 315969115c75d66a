"""The rule an article must pass to be stored, shared by the crawl and re-parse."""
from __future__ import annotations

from crawler.items import Article
from crawler.urls import on_domains

MIN_BODY_CHARS = 80


def problems(article: Article, domains) -> list[str]:
    """Why an article must not be stored; empty when it is fit."""
    found = []
    if not on_domains(article.url, domains):
        found.append(f"URL outside the site's domains ({article.host})")
    if not article.title.strip():
        found.append("no title")
    if len(article.body) < MIN_BODY_CHARS:
        found.append(f"no article body ({len(article.body)} characters after cleaning)")
    return found

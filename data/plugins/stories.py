"""Datasette plugin: the other printed copies of an article's story, for the article page."""
from __future__ import annotations

import sqlite_utils
from datasette import hookimpl

from crawler import storage


@hookimpl
def extra_template_vars(template, database, datasette):
    if template != "row-congdoan-articles.html":
        return {}

    async def story_copies(article_id) -> list[dict]:
        """Site label, date, title and addresses of the story's other copies, oldest first."""
        return await datasette.get_database(database).execute_fn(
            lambda conn: storage.story_copies(sqlite_utils.Database(conn), int(article_id)))
    return {"story_copies": story_copies}

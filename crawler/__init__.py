"""Crawl the provincial trade-union news sites into SQLite for Datasette."""

# Bump when extraction or normalization changes what a page turns into; re-parse uses it.
PARSER_VERSION = "2026.11.1"


class CommandError(Exception):
    """A command cannot do what it was asked: printed as one line, "error: <message>", exit 2."""

"""Whether a page is inert: nothing in it that injected scraped text asked a browser to run."""
from __future__ import annotations

from html.parser import HTMLParser


class Tags(HTMLParser):
    """Every element a browser would build from a page: (tag, attributes)."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        if self.tags and self.tags[-1][0] == "script":
            self.scripts.append(data)


def assert_inert(page: str) -> None:
    """No element, handler, script or link that the injected text asked for."""
    parsed = Tags(page)
    assert not [t for t, _ in parsed.tags if t in ("iframe", "object", "embed")]
    for tag, attrs in parsed.tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (tag, attrs)
    assert not [s for s in parsed.scripts if "__xss" in s]

"""A mirror's resources wrapped so a test can see which addresses a crawl asked for."""
from __future__ import annotations


class Recording(dict):
    """Mirror resources that remember every address the crawler asked for."""

    def __init__(self, resources):
        super().__init__(resources)
        self.asked: list[str] = []
        for res in self.values():
            res.delay = 0.0  # the slow-page fault is tests/test_crawl.py's business

    def get(self, address, default=None):
        self.asked.append(address)
        return super().get(address, default)

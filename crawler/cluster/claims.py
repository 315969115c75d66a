"""Politeness across workers: a worker crawls a site only while it holds every one of its domains.

One worker at a time per domain keeps Scrapy's own per-domain slot (CONCURRENT_REQUESTS_PER_DOMAIN,
DOWNLOAD_DELAY, AutoThrottle) exact for the whole cluster; a site's speed is bounded by that
politeness anyway, so spreading one site over workers would gain nothing.
"""
from __future__ import annotations

from crawler.cluster import PREFIX

# Every key free or already ours: take (or extend) them all; otherwise take none.
_CLAIM = """
for _, k in ipairs(KEYS) do
  local holder = redis.call('GET', k)
  if holder and holder ~= ARGV[1] then return 0 end
end
for _, k in ipairs(KEYS) do redis.call('SET', k, ARGV[1], 'PX', ARGV[2]) end
return 1
"""
_RELEASE = """
for _, k in ipairs(KEYS) do
  if redis.call('GET', k) == ARGV[1] then redis.call('DEL', k) end
end
return 0
"""


def domain_keys(domains) -> list[str]:
    return [f"{PREFIX}:domain:{d}" for d in sorted(domains)]


class Claims:
    """A worker's hold on sites' domains, renewed while it lives and lost soon after it dies."""

    def __init__(self, server, owner: str, seconds: float):
        self.owner, self.ms = owner, int(seconds * 1000)
        self._claim = server.register_script(_CLAIM)
        self._release = server.register_script(_RELEASE)

    def take(self, domains) -> bool:
        """Take or renew all the domains; False when another worker holds any of them."""
        return bool(self._claim(keys=domain_keys(domains), args=[self.owner, self.ms]))

    def release(self, domains) -> None:
        self._release(keys=domain_keys(domains), args=[self.owner])

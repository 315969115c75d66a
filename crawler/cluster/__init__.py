"""The distributed crawl: Redis keys and connection shared by workers, the writer and the launcher."""
from __future__ import annotations

import redis

PREFIX = "congdoan"
CURRENT = f"{PREFIX}:crawl"  # the id of the crawl workers join
EVENTS = f"{PREFIX}:events"  # what workers found, in order, for the one writer
WRITING = f"{PREFIX}:events:writing"  # the batch the writer is storing (kept if it dies)
WRITER_LOCK = f"{PREFIX}:writer"
KEEP_SECONDS = 7 * 24 * 3600  # a crawl's keys outlive it by a week, for inspection


def connect(url: str) -> redis.Redis:
    """A client for CONGDOAN_REDIS_URL (redis://host:port/db); bytes in, bytes out."""
    return redis.Redis.from_url(url, socket_timeout=30, socket_connect_timeout=10,
                                health_check_interval=30)


def key(crawl: str, *parts: str) -> str:
    """A key of one crawl, e.g. key(c, 'tra_vinh', 'queue') -> congdoan:<c>:tra_vinh:queue."""
    return ":".join((PREFIX, crawl, *parts))

"""The shared frontier: scrapy-redis's scheduler with requests leased, not popped, so none is lost."""
from __future__ import annotations

import logging
import uuid

import redis
from scrapy_redis.queue import Base
from scrapy_redis.scheduler import Scheduler as RedisScheduler
from twisted.internet.task import LoopingCall

logger = logging.getLogger(__name__)
LEASE = "cluster_lease"  # request.meta key: the lease a worker holds on a request it took

# Leases past their deadline go back to the queue, then the best request moves to the leases.
# Redis's own clock decides, so the workers' clocks need not agree.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for _, token in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)) do
  local data = redis.call('HGET', KEYS[2], token)
  if data then redis.call('ZADD', KEYS[1], 0, data) end
  redis.call('HDEL', KEYS[2], token)
  redis.call('ZREM', KEYS[3], token)
end
local best = redis.call('ZPOPMIN', KEYS[1])
if #best == 0 then return false end
redis.call('HSET', KEYS[2], ARGV[1], best[1])
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[2]), ARGV[1])
return best[1]
"""
_RENEW = """
local t = redis.call('TIME')
local deadline = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', deadline, ARGV[i]) end
return 0
"""


class LeasedQueue(Base):
    """A priority queue whose pop is a lease: the request stays in Redis until the worker acks it.

    A worker that dies stops renewing its leases; after CLUSTER_LEASE_SECONDS they expire and the
    next worker to take a request puts them back in the queue.
    """

    def __init__(self, server, spider, key, serializer=None):
        super().__init__(server, spider, key, serializer)
        self.leases, self.deadlines = f"{self.key}:leases", f"{self.key}:deadlines"
        self.lease_ms = int(spider.settings.getfloat("CLUSTER_LEASE_SECONDS") * 1000)
        self.held: set[str] = set()
        self._take = server.register_script(_TAKE)
        self._renew = server.register_script(_RENEW)

    def __len__(self):
        return self.server.zcard(self.key)

    def pending(self) -> int:
        """Requests waiting or leased by any worker: the site is not finished while any remain."""
        with self.server.pipeline(transaction=False) as pipe:
            return sum(pipe.zcard(self.key).hlen(self.leases).execute())

    def push(self, request):
        self.server.execute_command("ZADD", self.key, -request.priority,
                                    self._encode_request(request))

    def pop(self, timeout=0):
        token = uuid.uuid4().hex
        data = self._take(keys=[self.key, self.leases, self.deadlines], args=[token, self.lease_ms])
        if data is None:
            return None
        request = self._decode_request(data)
        request.meta[LEASE] = token
        self.held.add(token)
        return request

    def ack(self, request) -> None:
        """The request is done with (its items and follow-up requests are in Redis): drop the lease."""
        token = request.meta.get(LEASE)
        if token not in self.held:
            return
        with self.server.pipeline() as pipe:
            pipe.hdel(self.leases, token).zrem(self.deadlines, token).execute()
        self.held.discard(token)

    def renew(self) -> None:
        if self.held:
            self._renew(keys=[self.deadlines], args=[self.lease_ms, *self.held])

    def clear(self):
        self.server.delete(self.key, self.leases, self.deadlines)


class Scheduler(RedisScheduler):
    """scrapy-redis's scheduler, acking each request once the engine has finished with it."""

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        # scrapy-redis 0.9.1 counts into stats with an argument Scrapy 2.19 deprecates (a warning
        # per request); those counts duplicate Scrapy's own downloader figures.
        scheduler.stats = None
        return scheduler

    def open(self, spider):
        super().open(spider)
        # Scrapy sends no signal when a request is finished with. The engine drops it from its
        # slot exactly then: after the download, the callback and every item pipeline.
        slot = self.crawler.engine._slot
        finish = slot.remove_request

        def remove_request(request):
            finish(request)
            try:
                self.queue.ack(request)
            except redis.RedisError as error:  # the lease expires: the request is done again
                logger.warning("could not ack %s: %s", request.url, error)
        slot.remove_request = remove_request
        self.renewal = LoopingCall(self._renew)
        self.renewal.start(self.queue.lease_ms / 3000, now=False)

    def _renew(self):
        try:
            self.queue.renew()
        except redis.RedisError as error:
            logger.warning("could not renew leases: %s", error)

    def close(self, reason):
        if self.renewal.running:
            self.renewal.stop()
        return super().close(reason)

    def has_pending_requests(self):
        # Another worker's leases count: if it died, they come back here after the timeout.
        return self.queue.pending() > 0

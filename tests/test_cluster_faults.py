"""The shared crawl when things break: a worker killed with -9 (the other or a restarted one
finishes), the writer killed and restarted; nothing is lost, and politeness holds throughout."""
import os
import signal
import subprocess
import time

import pytest
import sqlite_utils

from crawler.cluster import CURRENT, EVENTS, PREFIX, connect
from crawler.cluster.launch import open_crawl
from crawler.mirror import serve
from tests.conftest import run_crawl
from tests.clusters import LIMIT, command, stored
from tests.waiting import wait_until

# Three sites without the slow page, so a crawl's length is the mirror's latency, not timeouts.
SITES = ("can_tho", "soc_trang", "lao_dong")
LATENCY = 0.1  # seconds per answer: a crawl lasts long enough to break it in the middle
# A dead worker's requests and sites come back after 5 s; claims are renewed every half second.
LEASE = ["-s", "CLUSTER_LEASE_SECONDS=5", "-s", "CLUSTER_POLL_SECONDS=0.5"]
DELAY = 0.05  # Scrapy 2.19 overshoots CONCURRENT_REQUESTS_PER_DOMAIN when the delay is 0


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """What one process stores from the three sites (story clusters are joined after a whole
    shared crawl, not by the writer these tests drive alone, so none here either)."""
    server = serve(0, sites=SITES)
    path = tmp_path_factory.mktemp("reference") / "congdoan.db"
    done = run_crawl(f"http://127.0.0.1:{server.server_port}", path, *SITES, CLUSTER_STORIES="False")
    assert done.returncode == 0, done.stderr[-2000:]
    server.shutdown()
    return stored(path)


class Run:
    """One shared crawl of SITES: a mirror with latency, Redis emptied, the crawl opened."""

    def __init__(self, folder, redis_url):
        self.mirror = serve(0, sites=SITES, latency=LATENCY)
        self.url = f"http://127.0.0.1:{self.mirror.server_port}"
        self.db, self.redis_url = folder / "congdoan.db", redis_url
        self.server = connect(redis_url)
        self.server.flushall()
        self.crawl = open_crawl(self.server, list(SITES))
        self.children = []

    def start(self, *args):
        child = command(self.url, self.db, self.redis_url, *args, *LEASE, delay=DELAY,
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.children.append(child)
        return child

    def writer(self):
        return self.start("store", "--until-done", self.crawl)

    def worker(self):
        return self.start("worker", "-s", "DOWNLOAD_TIMEOUT=2")

    def claimed_by(self, child) -> str | None:
        """A site domain the worker holds, once the mirror has answered it five times."""
        for name in self.server.scan_iter(match=f"{PREFIX}:domain:*"):
            domain = name.decode().rsplit(":", 1)[1]
            owner = self.server.get(name)
            if owner and owner.decode().endswith(f":{child.pid}") and \
                    sum(n for k, n in self.mirror.traffic.hits.items() if k.startswith(domain)) >= 5:
                return domain
        return None

    def finish(self, *children) -> None:
        for child in children:
            assert child.wait(timeout=300) == 0, child.stderr.read()[-3000:]

    def close(self):
        for child in self.children:
            if child.poll() is None:
                child.kill()
                child.wait()
        self.mirror.shutdown()


@pytest.fixture
def run(tmp_path, redis_url):
    run = Run(tmp_path, redis_url)
    yield run
    run.close()


# A killed worker's last figures (links seen, pages fetched) die with it, and a page it had
# taken is fetched again: the runs agree on what was stored and what failed.
RUN_OUTCOME = ("site", "status", "health", "finish_reason", "articles_new", "articles_failed",
               "articles_rejected")


def assert_nothing_lost(run, reference):
    found = stored(run.db)
    urls = [{a["url"] for a in articles} for articles in (found["articles"], reference["articles"])]
    assert urls[0] == urls[1], (urls[0] - urls[1], urls[1] - urls[0])  # extra, missing
    for part in ("articles", "sites", "errors", "pages"):
        assert found[part] == reference[part], part
    assert [{k: r[k] for k in RUN_OUTCOME} for r in found["runs"]] == \
        [{k: r[k] for k in RUN_OUTCOME} for r in reference["runs"]]
    assert max(run.mirror.traffic.peak.values()) <= LIMIT, run.mirror.traffic.peak
    assert not run.server.llen(EVENTS)


def test_a_worker_killed_mid_crawl_loses_nothing_the_other_finishes(run, reference):
    writer, first, second = run.writer(), run.worker(), run.worker()
    domain = wait_until(lambda: run.claimed_by(first), "the first worker to crawl a site")
    first.send_signal(signal.SIGKILL)
    assert first.wait() == -signal.SIGKILL
    run.finish(second, writer)
    assert_nothing_lost(run, reference)
    # The killed worker's site was finished by the other one.
    assert any(k.startswith(domain) for k in run.mirror.traffic.hits)


def test_a_restarted_worker_carries_on(run, reference):
    writer, first = run.writer(), run.worker()
    wait_until(lambda: run.claimed_by(first), "the worker to crawl a site")
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert run.server.get(CURRENT).decode() == run.crawl
    run.finish(run.worker(), writer)
    assert_nothing_lost(run, reference)


def test_the_writer_down_only_makes_the_queue_grow(run, reference):
    writer, worker = run.writer(), run.worker()
    articles = sqlite_utils.Database(run.db)["articles"]
    wait_until(lambda: run.db.exists() and articles.exists() and articles.count, "a stored article")
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    wait_until(lambda: run.server.llen(EVENTS) >= 5, "events queued while the writer is down")
    run.finish(worker, run.writer())
    assert_nothing_lost(run, reference)


def test_a_second_writer_waits_for_the_first(run):
    first = run.writer()
    wait_until(lambda: run.server.exists(f"{PREFIX}:writer"), "the writer lock")
    second = run.writer()
    time.sleep(1)  # the second must not have exited meanwhile
    assert second.poll() is None and first.poll() is None
    os.kill(first.pid, signal.SIGTERM)
    first.wait()

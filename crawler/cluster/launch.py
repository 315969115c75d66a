"""A one-machine cluster run: open a crawl, start N workers and the writer, restart a worker that dies."""
from __future__ import annotations

import subprocess
import sys
import threading
import uuid

from crawler.cluster import CURRENT, KEEP_SECONDS, connect, key
from crawler.cluster.worker import complete
from crawler.responses import now_ict

MAX_RESTARTS = 3  # per worker slot: a worker that keeps dying points at a bug, not at bad luck


def open_crawl(server, sites: list[str]) -> str:
    """Start a new shared crawl of `sites`; workers anywhere join it. Returns its id."""
    crawl = f"{now_ict():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
    with server.pipeline() as pipe:
        pipe.sadd(key(crawl, "sites"), *sites)
        pipe.set(CURRENT, crawl)
        pipe.execute()
    return crawl


def run_ids(server, crawl: str, which: str = "runs") -> dict[str, int]:
    """{site: crawl_runs id} of the crawl's runs the writer opened (or, with "closed", closed)."""
    return {s.decode(): int(r) for s, r in server.hgetall(key(crawl, which)).items()}


def expire(server, crawl: str) -> None:
    """The crawl's keys stay a week for inspection, then Redis forgets them."""
    for name in server.scan_iter(match=key(crawl, "*")):
        server.expire(name, KEEP_SECONDS)


class Cluster:
    """The children of one run, their output forwarded line by line to `out(line, name)`."""

    def __init__(self, settings, worker_args: list[str], out, pass_fds=(), children=None):
        self.server = connect(settings["REDIS_URL"])
        self.database, self.worker_args, self.out, self.pass_fds = (
            settings["DATABASE"], worker_args, out, tuple(pass_fds))
        self.children: set[subprocess.Popen] = set() if children is None else children

    def spawn(self, name: str, *args: str) -> subprocess.Popen:
        command = [sys.executable, "-m", "crawler", *args, "--db", self.database]
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 text=True, errors="replace", pass_fds=self.pass_fds)
        self.children.add(child)
        threading.Thread(target=self.forward, args=(child, name), daemon=True).start()
        return child

    def forward(self, child, name: str) -> None:
        for line in child.stdout:
            self.out(line, name)

    def run(self, sites: list[str], workers: int) -> str:
        """Crawl the sites with `workers` local workers and the writer; returns the crawl id."""
        crawl = open_crawl(self.server, sites)
        writer = self.spawn("writer", "store", "--until-done", crawl)
        slots = {i: self.spawn(f"worker{i}", "worker", *self.worker_args) for i in range(workers)}
        restarts = dict.fromkeys(slots, 0)
        while slots:
            for i, child in list(slots.items()):
                code = child.wait()
                if code == 0 or complete(self.server, crawl) or restarts[i] >= MAX_RESTARTS:
                    del slots[i]
                else:
                    self.out(f"worker{i} exited with status {code}; starting another\n", "cluster")
                    restarts[i] += 1
                    slots[i] = self.spawn(f"worker{i}", "worker", *self.worker_args)
        if complete(self.server, crawl):
            writer.wait()
        else:  # no worker left to finish the crawl: the writer stores what came and stops
            writer.terminate()
            writer.wait()
        expire(self.server, crawl)
        return crawl



def nightly_cluster(sites: list[str], settings, crawl_args: list[str], workers: int, out,
                    lock: int, children: set) -> dict[str, int]:
    """The nightly runner's crawl on the cluster: {site: 0 when its run was closed, else 1}.

    The lock descriptor goes to every child, as with the one-process-per-site crawl.
    """
    cluster = Cluster(settings, crawl_args, out, pass_fds=(lock,), children=children)
    closed = run_ids(cluster.server, cluster.run(sites, workers), "closed")
    return {site: 0 if site in closed else 1 for site in sites}

"""Benchmark: the shared crawl on Redis with 1, 2 and 4 workers beside one process, 40 sites."""
from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from bench.cluster_sites import LATENCY, NAMES, SPIDER_MODULES  # noqa: E402
from crawler.cluster import connect  # noqa: E402
from crawler.cluster.launch import open_crawl  # noqa: E402

# AutoThrottle on, starting at 10 ms: with no delay at all Scrapy 2.19 starts more than
# CONCURRENT_REQUESTS_PER_DOMAIN requests at once, which is not the politeness measured here.
DELAY = "0.01"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(args: list[str], **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, **kw)


def environment(mirror: str, db: Path, redis_url: str) -> dict:
    return {**os.environ, "MIRROR_URL": mirror, "CONGDOAN_DB": str(db), "CONGDOAN_DELAY": DELAY,
            "CONGDOAN_LOG_LEVEL": "ERROR", "CONGDOAN_REDIS_URL": redis_url}


def peak_mb(child: subprocess.Popen) -> float:
    """Wait for the child; its peak resident memory in MB."""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.returncode == 0, f"{child.args} exited with {child.returncode}"
    return usage.ru_maxrss / 1024


def pages_fetched(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return con.execute("select sum(pages_fetched) from crawl_runs").fetchone()[0]


def one_run(workers: int, scale: int, folder: Path, redis_url: str) -> dict:
    """One crawl of the 40 sites on a fresh mirror: one process (workers=0) or the cluster."""
    port = free_port()
    mirror = start(["-m", "bench.cluster_sites", "--port", str(port), "--scale", str(scale)],
                   stdout=subprocess.PIPE, text=True)
    mirror.stdout.readline()  # printed once every page is loaded and the port listens
    url, db = f"http://127.0.0.1:{port}", folder / f"run{workers}" / "congdoan.db"
    env = environment(url, db, redis_url)
    quiet = {"env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    try:
        started = time.perf_counter()
        if workers == 0:
            peaks = [peak_mb(start(["-m", "crawler", "crawl", *NAMES, "-s", SPIDER_MODULES],
                                   **quiet))]
        else:
            server = connect(redis_url)
            server.flushall()
            crawl_id = open_crawl(server, NAMES)
            children = [start(["-m", "crawler", "store", "--until-done", crawl_id], **quiet)]
            children += [start(["-m", "crawler", "worker", "-s", SPIDER_MODULES], **quiet)
                         for _ in range(workers)]
            peaks = [peak_mb(child) for child in children]
        wall = time.perf_counter() - started
        with urllib.request.urlopen(f"{url}/_mirror/traffic") as answer:
            traffic = json.load(answer)
    finally:
        mirror.terminate()
        mirror.wait()
    pages = pages_fetched(db)
    return {"pages": pages, "wall": wall, "peak": max(peaks), "total": sum(peaks),
            "concurrency": max(traffic["peak"].values()),
            "twice": sum(1 for n in traffic["hits"].values() if n > 1)}


def main(argv=()) -> dict:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=int, default=10, help="generated articles per site")
    args = ap.parse_args(list(argv))
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                                  "--save", "", "--appendonly", "no", "--dir", tmp],
                                 stdout=subprocess.DEVNULL)
        try:
            redis_url = f"redis://127.0.0.1:{port}/0"
            client = connect(redis_url)
            for _ in range(100):
                try:
                    client.ping()
                    break
                except Exception:  # noqa: BLE001 (still starting)
                    time.sleep(0.1)
            runs = {n: one_run(n, args.scale, Path(tmp), redis_url) for n in (0, 1, 2, 4)}
        finally:
            redis.terminate()
            redis.wait()
    print(f"mirror: {len(NAMES)} sites x ({args.scale} generated articles + tra_vinh's pages), "
          f"{LATENCY * 1000:.0f} ms per answer, CONGDOAN_DELAY={DELAY} (AutoThrottle), "
          f"{os.cpu_count()} cores shared by everything")
    print(f"{'crawl':<16}{'pages':>7}{'pages/s':>9}{'wall s':>8}{'peak MB':>9}{'sum MB':>8}"
          f"{'most at once/host':>19}{'asked twice':>13}")
    for n, run in runs.items():
        name = "one process" if n == 0 else f"{n} worker{'s' * (n > 1)} + writer"
        print(f"{name:<16}{run['pages']:>7}{run['pages'] / run['wall']:>9.0f}{run['wall']:>8.1f}"
              f"{run['peak']:>9.0f}{run['total']:>8.0f}{run['concurrency']:>19}{run['twice']:>13}")
    single = runs[0]["pages"] / runs[0]["wall"]
    for n in (1, 2, 4):
        print(f"{n} worker(s) / one process speed: {runs[n]['pages'] / runs[n]['wall'] / single:.2f}")
    return runs


if __name__ == "__main__":
    main(sys.argv[1:])

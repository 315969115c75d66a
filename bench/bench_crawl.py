"""Benchmark: full and incremental crawls of a generated mirror; loading articles into storage."""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from crawler import storage  # noqa: E402
from crawler.items import Article  # noqa: E402
from crawler.mirror import site_modules  # noqa: E402

NEW = 10  # articles each site publishes between the two crawls
BATCH = 200  # StorePipeline's STORE_BATCH_SIZE


def pinned(cores: set[int]):
    return lambda: os.sched_setaffinity(0, cores)


def start_mirror(scale: int, cores: set[int], stderr=None) -> tuple[subprocess.Popen, str]:
    """The mirror in a process of its own: on other cores than the crawl, and out of this one.

    A child's ru_maxrss counts its parent's memory as copied at fork: a mirror of 10,000 pages
    held here would inflate the crawl's figure by its own size.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    mirror = subprocess.Popen([sys.executable, "-m", "crawler", "mirror", "--port", str(port),
                               "--scale", str(scale)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                              stderr=stderr, preexec_fn=pinned(cores))
    mirror.stdout.readline()  # printed once every page is loaded and the port listens
    return mirror, f"http://127.0.0.1:{port}"


def crawl(mirror: str, db: Path, sites: list[str], cores: set[int]) -> dict:
    """One `python -m crawler crawl` of the sites, pinned to one core; its figures."""
    env = {**os.environ, "MIRROR_URL": mirror, "CONGDOAN_DB": str(db), "CONGDOAN_DELAY": "0",
           "CONGDOAN_LOG_LEVEL": "ERROR"}
    before = _last_run(db)
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "crawler", "crawl", *sites], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             preexec_fn=pinned(cores))
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    with sqlite3.connect(db) as con:
        pages, links, skipped, new = con.execute(
            "select sum(pages_fetched), sum(links_found), sum(links_skipped), sum(articles_new) "
            "from crawl_runs where id > ?", [before]).fetchone()
    return {"wall": wall, "pages": pages, "articles": links - skipped, "new": new,
            "rss_mb": usage.ru_maxrss / 1024, "status": os.waitstatus_to_exitcode(status)}


def plain_crawl(mirror: str, folder: Path, sites: list[str], cores: set[int]) -> dict:
    """The peer: plain Scrapy following every link of the same mirror, pinned the same way."""
    stats = folder / "plain.json"
    env = {**os.environ, "MIRROR_URL": mirror, "CONGDOAN_DELAY": "0", "CONGDOAN_LOG_LEVEL": "ERROR"}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "scrapy", "runspider", "bench/plain_spider.py",
                              "-a", f"stats={stats}", "-a", f"sites={','.join(sites)}"],
                             cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             preexec_fn=pinned(cores))
    _, _, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    return {"wall": wall, "pages": json.loads(stats.read_text())["pages"], "articles": 0,
            "rss_mb": usage.ru_maxrss / 1024}


def _last_run(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as con:
        return con.execute("select coalesce(max(id), 0) from crawl_runs").fetchone()[0]


def load_rate(articles: list[Article], path: Path, batch: int) -> float:
    """Articles per second through storage.save_articles into a new indexed table."""
    db = storage.open_db(path)
    start = time.perf_counter()
    for i in range(0, len(articles), batch):
        storage.save_articles(db, articles[i:i + batch])
    rate = len(articles) / (time.perf_counter() - start)
    assert db["articles"].count == len(articles)
    return rate


def stored_articles(db: Path) -> list[Article]:
    names = [f.name for f in dataclasses.fields(Article)]
    rows = storage.open_db(db).query(f"select {', '.join(names)} from articles")
    return [Article(**{**r, "images": json.loads(r["images"] or "[]"),
                       "date_approximate": bool(r["date_approximate"])}) for r in rows]


def longer(articles: list[Article], chars: int) -> list[Article]:
    """The same articles with bodies padded to about `chars` characters (a long real article)."""
    return [dataclasses.replace(a, body=(a.body + "\n") * (chars // max(len(a.body), 1) + 1))
            for a in articles]


def main(argv=()) -> dict:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=int, default=2000, help="generated articles per site")
    ap.add_argument("--sites", nargs="*",
                    default=[m.__name__.rsplit(".", 1)[1] for m in site_modules()])
    args = ap.parse_args(list(argv))
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        return run(args, Path(tmp))


def run(args, folder: Path) -> dict:
    cores = sorted(os.sched_getaffinity(0))
    crawl_core = {cores[-1]}
    mirror_cores = set(cores[:-1]) or crawl_core
    db = folder / "congdoan.db"
    runs = {}
    for name, scale in (("full", args.scale), ("incremental", args.scale + NEW)):
        server, mirror = start_mirror(scale, mirror_cores)
        runs[name] = crawl(mirror, db, args.sites, crawl_core)
        if name == "full":
            runs["plain Scrapy"] = plain_crawl(mirror, folder, args.sites, crawl_core)
        server.terminate()
        server.wait()
    full, incremental = runs["full"], runs["incremental"]
    loaded = stored_articles(db)[:10_000]
    rates = {"batched": load_rate(loaded, folder / "batched.db", BATCH),
             "one per article": load_rate(loaded, folder / "single.db", 1),
             "batched, 3,000-char bodies": load_rate(longer(loaded, 3000), folder / "long.db", BATCH)}

    print(f"mirror: {len(args.sites)} sites x {args.scale} generated articles, politeness delays "
          f"off, crawl pinned to core {cores[-1]}, mirror on {sorted(mirror_cores)}")
    print(f"{'crawl':<13}{'pages':>8}{'pages/s':>10}{'wall s':>9}{'peak MB':>9}{'articles':>10}")
    for name, run in runs.items():
        print(f"{name:<13}{run['pages']:>8}{run['pages'] / run['wall']:>10.0f}{run['wall']:>9.1f}"
              f"{run['rss_mb']:>9.0f}{run['articles']:>10}")
    peer = runs["plain Scrapy"]
    print(f"full crawl speed / plain Scrapy speed: "
          f"{(full['pages'] / full['wall']) / (peer['pages'] / peer['wall']):.2f}")
    wanted = NEW * len(args.sites)
    other = incremental["pages"] - incremental["articles"]
    print(f"incremental: {incremental['articles']} article pages for {wanted} new articles "
          f"({incremental['new']} stored) + {other} listing pages and robots.txt files")
    print(f"{'storage.save_articles':<32}{'articles':>9}{'articles/s':>12}")
    for name, rate in rates.items():
        print(f"  {name:<30}{len(loaded):>9}{rate:>12,.0f}")
    print(f"batched / one transaction per article: "
          f"{rates['batched'] / rates['one per article']:.1f}x")
    verdicts = {
        "full crawl >= 300 pages/s": full["pages"] / full["wall"] >= 300,
        "full crawl peak <= 300 MB": full["rss_mb"] <= 300,
        "incremental fetches only the new articles": incremental["articles"] == wanted,
        "loading >= 5,000 articles/s": rates["batched"] >= 5000,
    }
    for target, met in verdicts.items():
        print(f"  {target}: {'met' if met else 'NOT met'}")
    return {"full": full, "incremental": incremental, "load": rates, "targets": verdicts}


if __name__ == "__main__":
    main(sys.argv[1:])

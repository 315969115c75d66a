"""The journalists' search page and keyword feed at 100,000 articles, beside Datasette's stock search page."""
from __future__ import annotations

import argparse
import http.client
import random
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from bench.bench_search import QUERIES, generate, p95, start_server, throughput
from crawler import storage


def fetch(conn: http.client.HTTPConnection, path: str) -> int:
    """GET the path; its size in bytes. A status other than 200 is a failure of the page."""
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{response.status} {path}")
    return len(body)


def timed(port: int, paths: list[str]) -> tuple[list[float], list[int]]:
    conn, times, sizes = http.client.HTTPConnection("127.0.0.1", port), [], []
    for path in paths:
        started = time.perf_counter()
        sizes.append(fetch(conn, path))
        times.append((time.perf_counter() - started) * 1000)
    return times, sizes


def pages(queries: list[str]) -> dict[str, list[str]]:
    q = urllib.parse.quote_plus
    return {
        "stock search page (count + 6 facets)": [f"/congdoan/articles_public?_search={q(x)}&_size=20"
                                                 for x in queries],
        "newsroom search page (relevance)": [f"/tim-kiem?q={q(x)}" for x in queries],
        "newsroom search page (newest)": [f"/tim-kiem?q={q(x)}&sap_xep=moi" for x in queries],
        "newsroom search + province + dates": [f"/tim-kiem?q={q(x)}&tinh_nay=C%E1%BA%A7n+Th%C6%A1"
                                               f"&tu=2020-01-01&den=2024-12-31" for x in queries],
        "newsroom keyword feed (Atom)": [f"/tim-kiem.atom?q={q(x)}" for x in queries],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=120)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--db", help="reuse or keep this congdoan.db (default: a temporary one)")
    args = parser.parse_args(argv)
    workdir = tempfile.TemporaryDirectory()
    db = Path(args.db) if args.db else Path(workdir.name) / "congdoan.db"
    if not db.exists():
        generate(db, args.articles)
    storage.open_db(db).close()  # a kept database gets today's index and columns
    queries = random.Random(11).sample(QUERIES, min(args.queries, len(QUERIES)))
    server, port = start_server(db)
    try:
        timed(port, [f"/tim-kiem?q={urllib.parse.quote_plus(x)}" for x in QUERIES[::10]])  # warm up
        results = [(label, *timed(port, paths)) for label, paths in pages(queries).items()]
        stock, stock_failed = throughput(port, pages(queries)["stock search page (count + 6 facets)"],
                                         args.clients, args.seconds, request=fetch)
        ours, ours_failed = throughput(port, pages(queries)["newsroom search page (relevance)"],
                                       args.clients, args.seconds, request=fetch)
    finally:
        server.terminate()
        server.wait(10)
    print(f"\n{'page':<40}{'n':>5}{'median ms':>11}{'p95 ms':>9}{'max KB':>8}")
    for label, times, sizes in results:
        print(f"{label:<40}{len(times):>5}{statistics.median(times):>11.1f}{p95(times):>9.1f}"
              f"{max(sizes) / 1024:>8.1f}")
    print(f"\nthroughput, {args.clients} clients: {stock:.0f} req/s stock search page, "
          f"{ours:.0f} req/s newsroom search page ({stock_failed} and {ours_failed} answers not 200)")
    print("targets: search page p95 ≤ 150 ms and ≥ 30 req/s; feed p95 ≤ 100 ms; 20 results ≤ 100 KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Public SQL asking for huge values: time, memory, searches; the hardened server beside a bare one."""
from __future__ import annotations

import argparse
import http.client
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_search import QUERIES, generate, search_path, start_server  # noqa: E402


def huge(size: int) -> str:
    return "/congdoan.json?" + urllib.parse.urlencode(
        {"sql": f"select length(hex(randomblob({size})))"})


def ask(port: int, path: str) -> tuple[float, int]:
    """Milliseconds to the answer, and its status."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return (time.perf_counter() - started) * 1000, response.status


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(port: int, pid: int, size: int, attackers: int) -> dict:
    searches = [search_path(q, "&_nocount=1&_nofacet=1") for q in QUERIES[:30]]
    quiet = [ask(port, p)[0] for p in searches]
    alone, status = ask(port, huge(size))
    busy, stop = [], threading.Event()

    def attack():
        while not stop.is_set():
            ask(port, huge(size))

    threads = [threading.Thread(target=attack) for _ in range(attackers)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    busy = [ask(port, p)[0] for p in searches]
    stop.set()
    for t in threads:
        t.join()
    return {"huge ms": alone, "status": status, "peak MB": peak_mb(pid),
            "search ms": statistics.median(quiet), "search ms under attack": statistics.median(busy)}


def main(argv=()) -> dict:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--size", type=int, default=100_000_000, help="bytes randomblob() is asked for")
    ap.add_argument("--attackers", type=int, default=4, help="huge queries sent at once")
    args = ap.parse_args(list(argv))
    with tempfile.TemporaryDirectory(prefix="bench-public-sql-") as tmp:
        folder = Path(tmp)
        db = folder / "congdoan.db"
        generate(db, args.articles)
        # The peer: the same server and plugins but data/plugins/hardening.py.
        bare = folder / "plugins"
        bare.mkdir()
        for plugin in (ROOT / "data" / "plugins").glob("*.py"):
            if plugin.name != "hardening.py":
                shutil.copy(plugin, bare)
        results = {}
        for name, extra in (("hardened", ()), ("without limits", ("--plugins-dir", str(bare)))):
            server, port = start_server(db, *extra)
            try:
                results[name] = measure(port, server.pid, args.size, args.attackers)
            finally:
                server.terminate()
                server.wait(10)
    print(f"select length(hex(randomblob({args.size:,}))) on {args.articles:,} articles; "
          f"{args.attackers} such queries at once during the second search series")
    print(f"{'server':<16}{'status':>7}{'huge ms':>9}{'peak MB':>9}{'search ms':>11}"
          f"{'under attack':>14}")
    for name, r in results.items():
        print(f"{name:<16}{r['status']:>7}{r['huge ms']:>9.0f}{r['peak MB']:>9.0f}"
              f"{r['search ms']:>11.1f}{r['search ms under attack']:>14.1f}")
    return results


if __name__ == "__main__":
    main(sys.argv[1:])

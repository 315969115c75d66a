"""Crash campaign: crawls of the generated mirror killed at random moments, checked and resumed."""
from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from bench.bench_crawl import start_mirror  # noqa: E402
from crawler.mirror import site_modules  # noqa: E402

PROPERTIES = ("integrity_check ok (database and archive)", "search index matches the articles",
              "no partial article row", "follow-up run finishes every site",
              "articles equal a clean crawl's", "archive equals a clean crawl's")
PARTIAL = ("select count(*) from articles where coalesce(title, '') = '' or coalesce(body, '') = '' "
           "or content_hash is null or parser_version is null or fetched_at is null")


def crawl(mirror: str, folder: Path, sites: list[str]) -> subprocess.Popen:
    env = {**os.environ, "MIRROR_URL": mirror, "CONGDOAN_DB": str(folder / "congdoan.db"),
           "CONGDOAN_DELAY": "0", "CONGDOAN_LOG_LEVEL": "ERROR"}
    return subprocess.Popen([sys.executable, "-m", "crawler", "crawl", *sites], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def query(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as con:
        return con.execute(sql).fetchall()


def sound(folder: Path) -> dict[str, bool]:
    """The properties a crash must never break, read from the files as the crash left them."""
    db, archive = folder / "congdoan.db", folder / "archive.db"
    files = [p for p in (db, archive) if p.exists()]
    intact = all(query(p, "pragma integrity_check") == [("ok",)] for p in files)
    try:
        query(db, "insert into articles_fts(articles_fts) values ('integrity-check')")
        indexed = query(db, "select (select count(*) from articles) = "
                            "(select count(*) from articles_fts)") == [(1,)]
        partial = query(db, PARTIAL)[0][0]
    except sqlite3.OperationalError:  # killed before the schema existed: nothing to break
        indexed, partial = True, 0
    return {PROPERTIES[0]: intact, PROPERTIES[1]: indexed, PROPERTIES[2]: partial == 0}


def finished(folder: Path, after: int, sites: list[str]) -> bool:
    runs = query(folder / "congdoan.db", f"select site, status, finish_reason from crawl_runs "
                                         f"where id > {after}")
    return sorted(s for s, status, reason in runs
                  if status in ("ok", "errors") and reason == "finished") == sorted(sites)


def stored(folder: Path) -> int:
    try:
        return query(folder / "congdoan.db", "select count(*) from articles")[0][0]
    except sqlite3.OperationalError:
        return 0


def state(folder: Path) -> tuple[list, list]:
    articles = query(folder / "congdoan.db", "select url, content_hash from articles order by url")
    pages = query(folder / "archive.db", "select url, sha256 from pages order by url")
    return articles, pages


def archived(folder: Path) -> int:
    try:
        return query(folder / "archive.db", "select count(*) from pages")[0][0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def last_run(folder: Path) -> int:
    try:
        return query(folder / "congdoan.db", "select coalesce(max(id), 0) from crawl_runs")[0][0]
    except sqlite3.OperationalError:
        return 0


def main(argv=()) -> dict:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--kills", type=int, default=10, help="crawls killed (N)")
    ap.add_argument("--scale", type=int, default=150, help="generated articles per site")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--sites", nargs="*",
                    default=[m.__name__.rsplit(".", 1)[1] for m in site_modules()])
    args = ap.parse_args(list(argv))
    with tempfile.TemporaryDirectory(prefix="bench-crash-") as tmp:
        return run(args, Path(tmp))


def run(args, root: Path) -> dict:
    rng = random.Random(args.seed)
    # Each kill resets the mirror's open connections; their tracebacks say nothing here.
    server, mirror = start_mirror(args.scale, set(os.sched_getaffinity(0)), subprocess.DEVNULL)
    try:
        clean = root / "clean"
        start = time.perf_counter()
        crawl(mirror, clean, args.sites).wait()
        took = time.perf_counter() - start
        reference = state(clean)
        peer = {**sound(clean), PROPERTIES[3]: finished(clean, 0, args.sites),
                PROPERTIES[4]: True, PROPERTIES[5]: True}
        tally = dict.fromkeys(PROPERTIES, 0)
        stored_at_kill = []
        for n in range(args.kills):
            folder = root / f"kill-{n}"
            # A random moment of the crawl's progress: once that many pages are archived.
            target = rng.randint(1, len(reference[1]) - 1)
            child = crawl(mirror, folder, args.sites)
            while archived(folder) < target and child.poll() is None:
                time.sleep(0.02)
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            verdict = sound(folder)
            stored_at_kill.append(stored(folder))
            before = last_run(folder)
            crawl(mirror, folder, args.sites).wait()
            now = state(folder)
            verdict |= {PROPERTIES[3]: finished(folder, before, args.sites),
                        PROPERTIES[4]: now[0] == reference[0], PROPERTIES[5]: now[1] == reference[1]}
            for name, held in verdict.items():
                tally[name] += held
    finally:
        server.terminate()
        server.wait()
    print(f"mirror: {len(args.sites)} sites x {args.scale} generated articles; clean crawl "
          f"{took:.1f} s, {len(reference[0])} articles, {len(reference[1])} archived pages")
    print(f"{args.kills} crawls killed with SIGKILL at random moments (seed {args.seed}); "
          f"articles stored at the kill: {sorted(stored_at_kill)} of {len(reference[0])}")
    print(f"{'property':<45}{'after a kill':>13}{'clean crawl':>13}")
    for name in PROPERTIES:
        print(f"{name:<45}{f'{tally[name]}/{args.kills}':>13}{'yes' if peer[name] else 'NO':>13}")
    return {"kills": args.kills, "held": tally, "clean": peer, "stored_at_kill": stored_at_kill}


if __name__ == "__main__":
    main(sys.argv[1:])

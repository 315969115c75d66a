"""The nightly run: a lock against overlap, one crawl process per site, a log per night, a summary."""
from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from crawler import CommandError, health, storage
from crawler.failed_pages import failed_pages_dir
from crawler.responses import now_ict
from crawler.spider_registry import spiders_named

LOCKED = 75  # EX_TEMPFAIL: another run holds the lock, try again later


class Locked(RuntimeError):
    """Another nightly run (or a crawl process it left behind) holds the lock."""


class LockUnusable(OSError):
    """The lock path cannot be a lock file (a directory, no permission): a misconfiguration."""


# How long a refused run waits for a holder that has the lock but has not written its pid yet.
PID_WAIT = 2.0


def acquire(path: Path) -> int:
    """Take the nightly lock (flock) and return its descriptor, or raise Locked naming the holder.

    The file lists the nightly's pid, then the pid of each crawl process it starts: those inherit
    the lock, so after the nightly alone is killed the refusal names the crawls still holding it.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise LockUnusable(f"cannot use {path} as the nightly lock: {error.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder(fd)
        os.close(fd)
        raise Locked(f"another nightly run holds {path} ({holder})") from None
    _write_pids(fd, [os.getpid()])
    return fd


def add_holder(fd: int, pid: int) -> None:
    """Note a crawl process that inherited the lock."""
    _write_pids(fd, [*_pids(fd), pid])


def _write_pids(fd: int, pids: list[int]) -> None:
    # One write over the old text, then the cut: a reader never finds the file empty meanwhile.
    text = "".join(f"{pid}\n" for pid in pids).encode()
    os.pwrite(fd, text, 0)
    os.ftruncate(fd, len(text))


def _pids(fd: int) -> list[int]:
    text = os.pread(fd, 4096, 0).decode(errors="replace")
    return [int(word) for word in text.split() if word.isdigit()]


def _holder(fd: int) -> str:
    """Who holds the lock: the live pids it lists.

    A holder that has just taken the lock may not have written its pid over the last run's yet:
    wait briefly for a live one.
    """
    deadline = time.monotonic() + PID_WAIT
    while True:
        pids = _pids(fd)
        alive = [pid for pid in pids if _alive(pid)]
        if alive or time.monotonic() >= deadline:
            break
        time.sleep(0.05)
    if not pids:
        return "pid unknown"
    if pids[0] in alive:
        return f"pid {pids[0]}"
    if alive:
        return (f"nightly pid {pids[0]} has ended; its crawl process(es) "
                f"{', '.join(map(str, alive))} still run")
    return f"pid {pids[0]}, which has ended; a process it started still holds the lock"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: alive all the same
    return True


class NightLog:
    """One log file per night, appended to by every site's process; the oldest beyond `keep` go."""

    def __init__(self, folder: Path, keep: int):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"nightly-{now_ict():%Y-%m-%d}.log"
        self.file = self.path.open("a", encoding="utf-8")
        self.lock = threading.Lock()
        for old in sorted(folder.glob("nightly-*.log"))[:-keep]:
            old.unlink()

    def write(self, text: str, site: str | None = None) -> None:
        with self.lock:
            self.file.write(f"[{site}] {text}" if site else text)
            self.file.flush()


def nightly_command(sites: list[str], settings, crawl_args: list[str], jobs: int | None) -> int:
    """python -m crawler nightly: check the health settings and the site names before any crawl."""
    try:
        health.limits(settings)
    except ValueError as error:
        raise CommandError(str(error)) from None
    return nightly(list(spiders_named(sites, settings)), settings, crawl_args,
                   jobs or settings.getint("NIGHTLY_JOBS"))


def nightly(sites: list[str], settings, crawl_args: list[str], jobs: int) -> int:
    """Crawl every site in its own process; print a summary; 0 only when every site looks healthy."""
    database = Path(settings.get("DATABASE"))
    try:
        lock = acquire(database.parent / "nightly.lock")
    except Locked as error:
        print(f"nightly: {error}; not starting", file=sys.stderr)
        return LOCKED
    except LockUnusable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    log = NightLog(database.parent / "logs", settings.getint("NIGHTLY_KEEP_LOGS"))
    db = storage.open_db(database)
    before, started = storage.last_run_id(db), now_ict()
    log.write(f"=== nightly {started.isoformat()}: {' '.join(sites)}\n")
    children: set[subprocess.Popen] = set()
    pid_lock = threading.Lock()  # crawl threads note their processes in the lock file one at a time
    signal.signal(signal.SIGTERM, _stop(children))

    def crawl_site(site: str) -> int:
        # The lock descriptor goes to the child too: a crawl outliving this process keeps the lock.
        command = [sys.executable, "-m", "crawler", "crawl", site, "--db", str(database), *crawl_args]
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 errors="replace", pass_fds=(lock,),
                                 env={**os.environ, "PYTHONUNBUFFERED": "1"})
        children.add(child)
        with pid_lock:
            add_holder(lock, child.pid)
        for line in child.stdout:
            log.write(line, site)
        return child.wait()

    if settings.get("REDIS_URL"):  # workers of a shared crawl and the one writer (crawler/cluster/)
        from crawler.cluster.launch import nightly_cluster
        codes = nightly_cluster(sites, settings, crawl_args, jobs, log.write, lock, children)
    else:
        with ThreadPoolExecutor(max(1, jobs)) as pool:
            codes = dict(zip(sites, pool.map(crawl_site, sites)))
    runs = {run["site"]: run for run in storage.runs_after(db, before)}
    healthy, text = summary(db, sites, runs, codes, failed_pages_dir(settings), started.timestamp())
    text = f"Nightly crawl {started:%Y-%m-%d %H:%M} (log: {log.path})\n{text}"
    print(text, end="")
    log.write(text)
    return 0 if healthy else 1


def _stop(children):
    def handler(signum, frame):
        for child in list(children):
            child.terminate()
        raise SystemExit(128 + signum)
    return handler


def summary(db, sites, runs, codes, failed_dir: Path, since: float) -> tuple[bool, str]:
    """The per-site table and, under each site that needs attention, why."""
    lines = [f"{'site':<14}{'status':<8}{'health':<8}{'pages':>6}{'new':>6}{'upd':>5}"
             f"{'known':>7}{'failed':>8}"]
    bad = 0
    for site in sites:
        run, code = runs.get(site), codes[site]
        notes = problems(db, run, code)
        bad += bool(notes)
        if run:
            lines.append(f"{site:<14}{run['status']:<8}{run['health'] or '-':<8}"
                         f"{run['pages_fetched'] or 0:>6}{run['articles_new'] or 0:>6}"
                         f"{run['articles_updated'] or 0:>5}{run['links_skipped'] or 0:>7}"
                         f"{run['articles_failed'] or 0:>8}")
        else:
            lines.append(f"{site:<14}{'failed':<8}{'-':<8}")
        lines += [f"  ! {site}: {note}" for note in notes]
        saved = [p for p in (failed_dir / site).glob("*.html") if p.stat().st_mtime >= since]
        if saved:
            lines.append(f"  {len(saved)} page(s) that did not parse saved in {failed_dir / site}/")
    lines.append(f"{bad} of {len(sites)} site(s) need attention" if bad else "all sites healthy")
    return not bad, "\n".join(lines) + "\n"


def problems(db, run: dict | None, code: int) -> list[str]:
    """Why a site's night is not healthy; empty when it is."""
    if run is None:
        return [f"the crawl did not start (exit status {code}); see the log"]
    notes = []
    if run["status"] == "running":
        notes.append("the crawl did not finish; see the log")
    if run["status"] == "failed":
        cut = "" if run["finish_reason"] == "finished" else f" ({run['finish_reason']})"
        notes.append(f"crawl failed{cut}: {reasons(db, run['id'])}")
    if run["health"] is None:
        notes.append("the health check did not run; see the log")
    elif run["health"] != "ok":
        notes += [m.split(": ", 1)[-1] for m in (run["message"] or "").splitlines()]
    if code != 0 and not notes:
        notes.append(f"the crawl process exited with status {code}; see the log")
    return notes


def reasons(db, run_id: int) -> str:
    """The commonest failure reasons of a run, e.g. 'HTTP 500 (4x), timed out (1x)'."""
    counts = Counter(e["reason"] for e in storage.run_errors(db, run_id))
    return ", ".join(f"{reason} ({n}x)" for reason, n in counts.most_common(3)) or "no page fetched"

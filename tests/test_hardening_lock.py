"""The nightly lock: a directory, a holder without its pid yet, the nightly killed alone."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.mirror import serve
from crawler.nightly import Locked, acquire
from tests.nights import PATIENT, command, count, environment, hold_one_article, mirror_of
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[1]
# The first run between taking the lock and writing its pid, held open for a moment.
TAKES_LOCK_THEN_WRITES_PID = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(0.5)
text = f"{os.getpid()}\\n".encode()
os.pwrite(fd, text, 0)
os.ftruncate(fd, len(text))
time.sleep(30)
"""


def children_of(pid: int) -> list[int]:
    """Processes whose parent is `pid` (field 4 of /proc/<pid>/stat, after the command name)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_a_lock_path_that_is_a_directory_is_a_misconfiguration(tmp_path):
    (tmp_path / "nightly.lock").mkdir()
    result = subprocess.run(command(tmp_path / "congdoan.db", "tra_vinh"), cwd=ROOT,
                            env=environment("http://127.0.0.1:9"), capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"error: cannot use {tmp_path / 'nightly.lock'} as the nightly lock: Is a directory" \
        in result.stderr
    assert not (tmp_path / "congdoan.db").exists()  # nothing was started


@pytest.mark.parametrize("left", ["nothing", "the last run's pid"])
def test_a_refusal_waits_for_the_holder_to_write_its_pid(tmp_path, left):
    path = tmp_path / "nightly.lock"
    if left != "nothing":
        ended = subprocess.Popen(["true"])
        ended.wait()
        path.write_text(f"{ended.pid}\n")
    holder = subprocess.Popen([sys.executable, "-c", TAKES_LOCK_THEN_WRITES_PID, str(path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        with pytest.raises(Locked) as refused:
            acquire(path)
    finally:
        holder.kill()
        holder.wait()
    assert str(refused.value) == f"another nightly run holds {path} (pid {holder.pid})"


def test_after_the_nightly_alone_is_killed_the_refusal_names_its_crawl(tmp_path):
    server = serve(0, sites=("tra_vinh",))
    mirror = mirror_of(server)
    gate = hold_one_article(server)  # the crawl cannot finish while the test needs it running
    db = tmp_path / "congdoan.db"
    first = subprocess.Popen(command(db, "tra_vinh", *PATIENT), cwd=ROOT, env=environment(mirror),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    crawl = None
    try:
        wait_until(lambda: count(db, "crawl_runs"), "the crawl process to start", process=first)
        children = children_of(first.pid)
        assert len(children) == 1
        crawl = int(children[0])
        os.kill(first.pid, signal.SIGKILL)  # the nightly only: its crawl goes on, holding the lock
        first.wait()
        second = subprocess.run(command(db, "tra_vinh"), cwd=ROOT, env=environment(mirror),
                                capture_output=True, text=True, timeout=60)
    finally:
        if crawl:
            os.kill(crawl, signal.SIGKILL)
        gate.set()
        server.shutdown()
    assert second.returncode == 75
    assert (f"(nightly pid {first.pid} has ended; its crawl process(es) {crawl} still run)"
            in second.stderr)

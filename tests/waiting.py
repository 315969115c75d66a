"""Waiting in tests on events (a row count, a server answering), never on the clock: a wait that
runs out fails loudly, naming what never happened."""
from __future__ import annotations

import socket
import time

DEADLINE = 120  # seconds; only reached when something is broken, never on a slow machine


def wait_until(condition, what: str, process=None, deadline: float = DEADLINE):
    """Poll `condition` until it returns something true, and return that; fail naming `what`, or
    at once with its stderr when the `process` serving it exits first."""
    give_up = time.monotonic() + deadline
    while time.monotonic() < give_up:
        result = condition()
        if result:
            return result
        if process is not None and process.poll() is not None:
            stderr = process.stderr.read() if process.stderr else ""
            raise AssertionError(f"gave up waiting for {what}: the process exited "
                                 f"({process.returncode}): {stderr!s:.3000}")
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what} after {deadline} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

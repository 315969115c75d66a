"""`python -m crawler extract` run as a user runs it, in a process of its own."""
import os
import subprocess
import sys

from tests.conftest import ROOT


def extract(*args, fetched_at="2026-11-21T09:00:00+07:00"):
    env = {**os.environ, "CONGDOAN_FETCHED_AT": fetched_at}
    return subprocess.run([sys.executable, "-m", "crawler", "extract", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)

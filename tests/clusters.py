"""Helpers of the cluster tests: crawler commands against the mirror and Redis, what a crawl stored."""
import os
import subprocess
import sys

import sqlite_utils

from tests.conftest import ROOT

LIMIT = 2  # CONCURRENT_REQUESTS_PER_DOMAIN in crawler/settings.py
# What a run says about its site; ids, times and the pages count of a retried timeout vary.
RUN_FIGURES = ("site", "status", "health", "finish_reason", "articles_found", "articles_new",
               "articles_updated", "articles_unchanged", "articles_failed", "articles_rejected",
               "articles_generic", "coverage_title", "coverage_date", "coverage_author",
               "coverage_body", "links_found", "links_skipped")


def cluster_env(mirror: str, db, redis_url: str | None, delay: float = 0) -> dict:
    env = {**os.environ, "MIRROR_URL": mirror, "CONGDOAN_DB": str(db), "CONGDOAN_DELAY": str(delay),
           "CONGDOAN_LOG_LEVEL": "WARNING"}
    if redis_url:
        env["CONGDOAN_REDIS_URL"] = redis_url
    return env


def command(mirror: str, db, redis_url: str | None, *args: str, delay: float = 0, **popen):
    """`python -m crawler <args>` against the mirror, the database and Redis, as a process."""
    return subprocess.Popen([sys.executable, "-m", "crawler", *args], cwd=ROOT, text=True,
                            env=cluster_env(mirror, db, redis_url, delay), **popen)


def stored(path) -> dict:
    """Everything a crawl leaves in the database and the archive, less times and ids."""
    db = sqlite_utils.Database(path)
    archive = sqlite_utils.Database(path.with_name("archive.db"))
    columns = [c for c in db["articles"].columns_dict if c not in ("fetched_at", "first_seen")]
    return {
        "articles": list(db.query(f"select {', '.join(columns)} from articles order by url")),
        "sites": list(db.query("select * from sites order by name")),
        "runs": [{k: r[k] for k in RUN_FIGURES}
                 for r in db.query("select * from crawl_runs order by site")],
        "errors": sorted((e["site"], e["url"], e["reason"]) for e in db["crawl_errors"].rows),
        "pages": list(archive.query("select url, site, sha256, requested_url, listing_date "
                                    "from pages order by url")),
    }

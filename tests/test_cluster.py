"""The shared crawl on a real Redis: two workers store what one process stores, each page fetched
as often as one process fetches it; without Redis nothing changes."""
import os
import subprocess
import sys

import pytest
import sqlite_utils

from crawler.mirror import serve
from tests.conftest import ROOT, run_crawl

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
    columns = [c for c in db["articles"].columns_dict if c != "fetched_at"]
    return {
        "articles": list(db.query(f"select {', '.join(columns)} from articles order by url")),
        "sites": list(db.query("select * from sites order by name")),
        "runs": [{k: r[k] for k in RUN_FIGURES}
                 for r in db.query("select * from crawl_runs order by site")],
        "errors": sorted((e["site"], e["url"], e["reason"]) for e in db["crawl_errors"].rows),
        "pages": list(archive.query("select url, site, sha256, requested_url, listing_date "
                                    "from pages order by url")),
    }


@pytest.fixture(scope="module")
def crawls(tmp_path_factory, redis_url):
    folder = tmp_path_factory.mktemp("cluster")
    alone, shared = serve(0), serve(0)
    single = run_crawl(f"http://127.0.0.1:{alone.server_port}", folder / "single" / "congdoan.db")
    mirror = f"http://127.0.0.1:{shared.server_port}"
    cluster = command(mirror, folder / "cluster" / "congdoan.db", redis_url, "cluster",
                      "--workers", "2", "-s", "DOWNLOAD_TIMEOUT=2", stdout=subprocess.PIPE,
                      stderr=subprocess.STDOUT)
    output = cluster.communicate(timeout=600)[0]
    yield {"single": single, "cluster": cluster, "output": output,
           "single_db": stored(folder / "single" / "congdoan.db"),
           "cluster_db": stored(folder / "cluster" / "congdoan.db"),
           "single_traffic": alone.traffic, "cluster_traffic": shared.traffic}
    alone.shutdown()
    shared.shutdown()


def test_two_workers_store_exactly_what_one_process_stores(crawls):
    assert crawls["cluster"].returncode == 0, crawls["output"][-3000:]
    single, cluster = crawls["single_db"], crawls["cluster_db"]
    assert len(cluster["articles"]) == len(single["articles"]) > 70
    for part in ("articles", "sites", "runs", "errors", "pages"):
        assert cluster[part] == single[part], part


def test_the_cluster_prints_each_sites_run_like_crawl(crawls):
    lines = [line for line in crawls["output"].splitlines() if not line.startswith("[")]
    assert sorted(lines) == sorted(crawls["single"].stdout.splitlines())  # failures in any order


def test_no_page_is_fetched_more_often_than_by_one_process(crawls):
    single, cluster = crawls["single_traffic"].hits, crawls["cluster_traffic"].hits
    assert cluster == single
    # Each page once, but for the mirror's faults: a page failing once and the slow one retried.
    assert sum(1 for n in cluster.values() if n > 1) <= 3


def test_without_redis_the_cluster_commands_say_what_is_missing(tmp_path):
    for args in (["worker"], ["store"], ["cluster", "--workers", "2"]):
        done = command("", tmp_path / "db.db", None, *args, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
        out, err = done.communicate(timeout=120)
        assert done.returncode == 2
        assert "set CONGDOAN_REDIS_URL" in err
    assert not (tmp_path / "db.db").exists()


def test_without_redis_the_settings_are_todays():
    env = {k: v for k, v in os.environ.items() if k != "CONGDOAN_REDIS_URL"}
    code = ("from scrapy.utils.project import get_project_settings as g; s = g(); "
            "print(s['SCHEDULER'], s['REDIS_URL'] == '', sorted(s.getdict('ITEM_PIPELINES')), "
            "sorted(s.getdict('EXTENSIONS')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=True).stdout
    assert out.split()[:2] == ["scrapy.core.scheduler.Scheduler", "True"]
    assert "StorePipeline" in out and "ArchiveExtension" in out and "cluster" not in out

"""The shared crawl on a real Redis: two workers store what one process stores, each page fetched
as often as one process fetches it; without Redis nothing changes."""
import os
import subprocess
import sys

import pytest

from crawler.mirror import serve
from tests.clusters import command, stored
from tests.conftest import ROOT, run_crawl

@pytest.fixture(scope="module")
def crawls(tmp_path_factory, redis_url):
    folder = tmp_path_factory.mktemp("cluster")
    alone, shared = serve(0), serve(0)
    single = run_crawl(f"http://127.0.0.1:{alone.server_port}", folder / "single" / "congdoan.db")
    mirror = f"http://127.0.0.1:{shared.server_port}"
    # Pages fetched again by design: failing once, too slow, too big (a retry on a loaded machine).
    faulty = {k for k, r in shared.resources.items() if r.fail_times or r.delay or r.gzip_bomb}
    cluster = command(mirror, folder / "cluster" / "congdoan.db", redis_url, "cluster",
                      "--workers", "2", "-s", "DOWNLOAD_TIMEOUT=2", stdout=subprocess.PIPE,
                      stderr=subprocess.STDOUT)
    output = cluster.communicate(timeout=600)[0]
    yield {"single": single, "cluster": cluster, "output": output,
           "single_db": stored(folder / "single" / "congdoan.db"),
           "cluster_db": stored(folder / "cluster" / "congdoan.db"),
           "single_traffic": alone.traffic, "cluster_traffic": shared.traffic, "faulty": faulty}
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
    assert set(cluster) == set(single)
    steady = set(cluster) - crawls["faulty"]
    assert {k: cluster[k] for k in steady} == {k: single[k] for k in steady}
    # Two workers, and each page once but for the mirror's faults (retried at most twice).
    assert all(n == 1 for k, n in cluster.items() if k in steady and "/robots.txt" not in k)
    assert all(cluster[k] <= 3 for k in crawls["faulty"] & set(cluster))


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


@pytest.fixture(scope="module")
def nights(tmp_path_factory, redis_url):
    """Two nights of `python -m crawler nightly` on the cluster, the second one incremental."""
    sites = ("can_tho", "soc_trang", "lao_dong")  # no slow page: the night is not about timeouts
    server = serve(0, sites=sites)
    folder = tmp_path_factory.mktemp("nights")
    db = folder / "congdoan.db"
    runs = []
    for _ in range(2):
        night = command(f"http://127.0.0.1:{server.server_port}", db, redis_url, "nightly",
                        "--db", str(db), "--jobs", "2", *sites, stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE)
        out, err = night.communicate(timeout=300)
        runs.append((night.returncode, out, err, stored(db)))
    server.shutdown()
    yield {"sites": sites, "folder": folder, "nights": runs}


def test_the_nightly_runner_crawls_on_the_cluster_when_redis_is_set(nights):
    for code, out, err, _ in nights["nights"]:
        assert code == 0, out + err[-3000:]
        assert "all sites healthy" in out
        assert all(f"\n{site}" in out for site in nights["sites"])
    log = next((nights["folder"] / "logs").glob("nightly-*.log")).read_text(encoding="utf-8")
    assert "[worker0]" in log and "[worker1]" in log


def test_the_second_cluster_night_fetches_only_what_is_new(nights):
    (_, _, _, first), (_, _, _, second) = nights["nights"]
    assert second["articles"] == first["articles"] and len(first["articles"]) > 40
    runs = {r["site"]: [] for r in second["runs"]}
    for r in second["runs"]:  # both nights' runs, as stored after the second
        runs[r["site"]].append(r)
    assert sum(one["articles_new"] for one, _ in runs.values()) == len(first["articles"])
    for site, (one, two) in runs.items():
        assert one["health"] == two["health"] == "ok", site
        assert two["articles_found"] == 0 and two["links_skipped"] > 0, site

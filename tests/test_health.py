"""The health check: alerts name site, field and numbers; a broken or misconfigured check fails a run."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.settings import Settings

from crawler import health, settings as project, storage
from crawler.failed_pages import GENERIC
from crawler.mirror import key, serve
from tests.conftest import run_crawl
from crawler.mirror.sites import articles
from crawler.mirror.sites.tra_vinh import url_of
from tests.twins import relaid

ROOT = Path(__file__).resolve().parents[1]
LIMITS = health.Limits(history=10, min_sample=5, coverage_drop=0.3, max_generic=0.5)


def run(id=10, found=20, rejected=0, skipped=0, generic=0, title=1.0, date=0.95, author=0.9,
        body=1.0) -> dict:
    return {"id": id, "site": "tra_vinh", "started_at": "2026-11-20T02:15:00+07:00",
            "articles_found": found, "articles_rejected": rejected, "links_skipped": skipped,
            "articles_generic": generic, "coverage_title": title, "coverage_date": date,
            "coverage_author": author, "coverage_body": body}


HISTORY = [run(id=i) for i in (9, 8, 7)]


def test_a_run_like_the_earlier_ones_raises_no_alert():
    assert health.check(run(date=0.9, author=0.8), HISTORY, LIMITS) == []


def test_a_quiet_incremental_night_is_healthy():
    assert health.check(run(found=0, skipped=12, date=None, author=None), HISTORY, LIMITS) == []


def test_a_site_that_used_to_yield_articles_and_yields_none_alerts():
    nothing = run(found=0, date=None, author=None, title=None, body=None)
    (alert,) = health.check(nothing, HISTORY, LIMITS)
    assert alert == "tra_vinh: no article found, where the run of 2026-11-20 saw 20"


def test_a_field_whose_coverage_falls_below_the_threshold_alerts_with_the_numbers():
    (alert,) = health.check(run(date=0.4), HISTORY, LIMITS)
    assert alert == ("tra_vinh: date coverage fell to 40% of 20 articles, from a usual 95% "
                     "(allowed drop 30%)")


def test_lost_bodies_count_even_when_the_articles_were_rejected():
    alerts = health.check(run(found=2, rejected=18, body=0.1), HISTORY, LIMITS)
    assert alerts == ["tra_vinh: body coverage fell to 10% of 20 articles, from a usual 100% "
                      "(allowed drop 30%)"]


def test_a_small_run_says_nothing_about_coverage():
    assert health.check(run(found=3, date=0.0, author=0.0, generic=3), HISTORY, LIMITS) == []


def test_most_articles_from_the_generic_fallback_is_a_layout_change():
    (alert,) = health.check(run(generic=15), HISTORY, LIMITS)
    assert alert == ("tra_vinh: 15 of 20 articles (75%) came from the generic fallback, over the "
                     "50% limit: the layout may have changed")


def test_the_limits_come_from_the_settings():
    assert health.limits(Settings({n: getattr(project, n) for n in dir(project) if n.isupper()})) \
        == health.Limits(history=10, min_sample=5, coverage_drop=0.3, max_generic=0.5)


@pytest.mark.parametrize("name,value", [("HEALTH_COVERAGE_DROP", "lots"), ("HEALTH_MAX_GENERIC", 1.5),
                                        ("HEALTH_HISTORY", 0), ("HEALTH_MIN_SAMPLE", None)])
def test_a_misconfigured_check_is_refused_naming_the_setting(name, value):
    values = {"HEALTH_HISTORY": 10, "HEALTH_MIN_SAMPLE": 5, "HEALTH_COVERAGE_DROP": 0.3,
              "HEALTH_MAX_GENERIC": 0.5, name: value}
    with pytest.raises(ValueError, match=f"setting {name} must be"):
        health.limits(Settings(values))


def finished_run(db, **figures) -> dict:
    run_id = storage.start_run(db, "tra_vinh", "2026-11-21T02:15:00+07:00")
    storage.finish_run(db, run_id, "tra_vinh", [], status="ok", finish_reason="finished", **figures)
    return db["crawl_runs"].get(run_id)


def test_the_verdict_is_recorded_on_the_run(tmp_path):
    db = storage.open_db(tmp_path / "congdoan.db")
    for _ in range(3):
        finished_run(db, articles_found=20, coverage_date=0.95)
    assert health.judge(db, finished_run(db, articles_found=20, coverage_date=0.9), LIMITS) == []
    latest = finished_run(db, articles_found=20, coverage_date=0.2)
    assert health.judge(db, latest, LIMITS) == [
        "tra_vinh: date coverage fell to 20% of 20 articles, from a usual 95% (allowed drop 30%)"]
    assert [(r["health"], r["message"]) for r in db.query("select * from crawl_runs order by id")][-2:] \
        == [("ok", None), ("alert", "tra_vinh: date coverage fell to 20% of 20 articles, from a usual "
                                    "95% (allowed drop 30%)")]


def test_a_check_that_crashes_fails_the_run_instead_of_passing_it(tmp_path):
    db = storage.open_db(tmp_path / "congdoan.db")
    finished_run(db, articles_found=20, coverage_date="n/a")  # a hand-edited history row
    alerts = health.judge(db, finished_run(db, articles_found=20, coverage_date=0.9), LIMITS)
    assert len(alerts) == 1 and alerts[0].startswith("tra_vinh: health check crashed: TypeError")
    assert db.execute("select health from crawl_runs order by id desc").fetchone() == ("error",)


def test_an_older_database_gains_the_health_columns(tmp_path):
    with sqlite3.connect(tmp_path / "old.db") as con:
        con.execute("create table crawl_runs (id integer primary key, site text, status text)")
        con.execute("insert into crawl_runs (site, status) values ('tra_vinh', 'ok')")
    db = storage.open_db(tmp_path / "old.db")
    assert {"links_found", "links_skipped", "articles_rejected", "health"} <= set(
        db["crawl_runs"].columns_dict)
    assert db["crawl_runs"].count == 1


@pytest.mark.parametrize("command", ["crawl", "nightly"])
def test_a_misconfigured_check_stops_the_crawl_before_it_starts(tmp_path, command):
    db = tmp_path / "congdoan.db"
    result = subprocess.run([sys.executable, "-m", "crawler", command, "tra_vinh", "--db", str(db),
                             "-s", "HEALTH_COVERAGE_DROP=lots"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60,
                            env={**os.environ, "MIRROR_URL": "http://127.0.0.1:9"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: setting HEALTH_COVERAGE_DROP must be a float from 0.0 to 1.0, not 'lots'"]
    assert not db.exists()


def test_a_redesigned_article_page_alerts_and_is_saved_for_a_test_case(tmp_path):
    server = serve(0, sites=("tra_vinh",))
    for res in server.resources.values():
        res.delay = 0.0
    mirror = f"http://127.0.0.1:{server.server_port}"
    first = run_crawl(mirror, tmp_path / "congdoan.db", "tra_vinh")
    for article in articles("tra_vinh"):
        address = key(url_of(article))
        server.resources[address] = relaid(server.resources[address])
    # Stored articles are not downloaded again unless asked; a redesign shows on refetch or on new ones.
    second = run_crawl(mirror, tmp_path / "congdoan.db", "tra_vinh", CRAWL_REFETCH="True")
    server.shutdown()
    assert first.returncode == 0, first.stdout + first.stderr[-2000:]
    assert second.returncode == 1
    assert "! health: tra_vinh:" in second.stdout and "came from the generic fallback" in second.stdout
    meta = json.loads((tmp_path / "failed_pages" / "tra_vinh" / "meta.json").read_text(encoding="utf-8"))
    generic = [entry for entry in meta.values() if entry["reason"] == GENERIC]
    assert len(generic) >= 5 and all(entry["kind"] == "article" for entry in generic)
    assert all((tmp_path / "failed_pages" / "tra_vinh" / name).read_bytes().count(b"noi-dung")
               for name, entry in meta.items() if entry["reason"] == GENERIC)

"""The nightly run over the mirror: idempotent nights, sites down, kill -9, overlap, Datasette."""
from __future__ import annotations

import fcntl
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from crawler.mirror import load, serve
from tests.nights import PATIENT, command, count, environment, hold_one_article, mirror_of, rows
from tests.twins import HOSTS, SPIDER_MODULES, closed_port, failing, hanging, relaid, twin_pages
from tests.waiting import free_port, wait_until

ROOT = Path(__file__).resolve().parents[1]
# tra_vinh articles a crawl stores once the mirror's slow page answers in time (prompt() below);
# the other faults (404, PDF, robots.txt, decompression bomb) stay. 6 of them come from
# crawler/mirror/stories.yaml.
TRA_VINH = 22


def nightly(db: Path, mirror: str, *args: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(command(db, *args), cwd=ROOT, env=environment(mirror, **env),
                          capture_output=True, text=True, timeout=180)


def dump(folder: Path) -> dict:
    """Every value of the articles, the sites and the raw archive."""
    return {"articles": rows(folder / "congdoan.db", "select * from articles order by id"),
            "sites": rows(folder / "congdoan.db", "select * from sites order by name"),
            "pages": rows(folder / "archive.db", "select * from pages order by url")}


# -- the same night three times: plain, again, and with every stored article downloaded again --

@pytest.fixture(scope="module")
def quiet(tmp_path_factory):
    server = serve(0, sites=("tra_vinh",))
    mirror = mirror_of(server)
    folder = tmp_path_factory.mktemp("quiet")
    db = folder / "congdoan.db"
    nights, dumps = [], []
    for extra in ([], [], ["--refetch"]):
        nights.append(nightly(db, mirror, "tra_vinh", *extra, *PATIENT))
        dumps.append(dump(folder))
    yield {"folder": folder, "db": db, "nights": nights, "dumps": dumps}
    server.shutdown()


def test_every_night_succeeds_with_a_summary(quiet):
    for night in quiet["nights"]:
        assert night.returncode == 0, night.stdout + night.stderr[-3000:]
        assert "tra_vinh" in night.stdout and "all sites healthy" in night.stdout


def test_rerunning_the_night_adds_no_row_and_changes_no_value(quiet):
    first, second, refetched = quiet["dumps"]
    assert len(first["articles"]) == TRA_VINH and len(first["pages"]) >= TRA_VINH
    assert second == first
    assert refetched == first


def test_a_night_fetches_only_what_is_new_unless_asked(quiet):
    first, second, refetched = rows(quiet["db"], "select articles_new, articles_found, links_skipped, "
                                    "articles_unchanged, pages_fetched from crawl_runs order by id")
    assert first[:2] == (TRA_VINH, TRA_VINH)
    # Nothing downloaded again; the walk stopped at the first listing pages of stored articles.
    assert second[1] == 0 and 0 < second[2] < TRA_VINH and second[4] < first[4] / 2
    assert refetched[1] == refetched[3] > 0  # --refetch: stored articles downloaded, unchanged


def test_every_run_is_health_checked_and_logged(quiet):
    assert rows(quiet["db"], "select health, message from crawl_runs") == [("ok", None)] * 3
    logs = list((quiet["folder"] / "logs").glob("nightly-*.log"))
    assert len(logs) == 1  # one file per night, appended to by the three runs
    text = logs[0].read_text(encoding="utf-8")
    assert text.count("=== nightly") == 3 and "[tra_vinh]" in text and "all sites healthy" in text
    with open(quiet["folder"] / "nightly.lock") as lock:  # released once the night is over
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)


# -- four sites down in four ways while another works --

REASONS = {"twin_refused": "connection refused", "twin_500": "HTTP 500", "twin_slow": "timed out",
           "twin_layout": "listing page has no article rows"}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    server = serve(0, sites=("tra_vinh",))
    for name in HOSTS:
        server.resources.update(twin_pages(name))
    mirror = mirror_of(server)
    folder = tmp_path_factory.mktemp("broken")
    db = folder / "congdoan.db"
    sites = ["tra_vinh", *HOSTS]
    first = nightly(db, mirror, *sites, "--jobs", "5", "-s", SPIDER_MODULES, *PATIENT)
    before = {site: rows(db, "select * from articles where site = ? order by id", [site])
              for site in HOSTS}
    server.resources.update(load(("tra_vinh",), scale=1))  # tra_vinh publishes one more article
    mirror_of(server)
    breakers = {HOSTS["twin_500"]: failing, HOSTS["twin_slow"]: lambda r: hanging(r, 4),
                HOSTS["twin_layout"]: relaid}
    for address, res in list(server.resources.items()):
        breaker = breakers.get(address.split("/", 1)[0])
        if breaker and not address.endswith("/robots.txt"):
            server.resources[address] = breaker(res)
    # No retries: each broken site then shows its fault once per listing page, and quickly.
    second = nightly(db, mirror, *sites, "--jobs", "5", "-s", SPIDER_MODULES, "-s", "RETRY_TIMES=0",
                     TWIN_REFUSED_MIRROR=closed_port())
    yield {"folder": folder, "db": db, "first": first, "second": second, "before": before}
    server.shutdown()


def test_all_five_sites_work_on_the_first_night(broken):
    assert broken["first"].returncode == 0, broken["first"].stdout + broken["first"].stderr[-3000:]
    assert {len(stored) for stored in broken["before"].values()} == {TRA_VINH}


@pytest.mark.parametrize("site", sorted(REASONS))
def test_a_site_that_is_down_fails_the_night_naming_site_and_reason(broken, site):
    night = broken["second"]
    assert night.returncode == 1
    notes = [line for line in night.stdout.splitlines() if line.startswith(f"  ! {site}:")]
    assert any(REASONS[site] in note for note in notes), night.stdout
    assert any("no article found, where the run of" in note and f"saw {TRA_VINH}" in note
               for note in notes), night.stdout
    assert "4 of 5 site(s) need attention" in night.stdout


@pytest.mark.parametrize("site", sorted(REASONS))
def test_stored_articles_of_a_site_that_is_down_are_untouched(broken, site):
    after = rows(broken["db"], "select * from articles where site = ? order by id", [site])
    assert after == broken["before"][site]


def test_the_working_site_finishes_its_night(broken):
    run = rows(broken["db"], "select status, health, articles_new from crawl_runs "
                             "where site = 'tra_vinh' order by id desc limit 1")[0]
    assert run == ("errors", "ok", 1)  # errors: the mirror's deliberate 404, timeout, PDF...
    assert not [line for line in broken["second"].stdout.splitlines() if "! tra_vinh" in line]


def test_pages_that_did_not_parse_are_saved_as_test_cases(broken):
    folder = broken["folder"] / "failed_pages" / "twin_layout"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta and all(entry["kind"] == "listing" for entry in meta.values())
    for name, entry in meta.items():
        assert entry["url"].startswith(f"https://{HOSTS['twin_layout']}/")
        assert "listing page has no article rows" in entry["reason"]
        assert b"tin-bai" in (folder / name).read_bytes()
    assert "did not parse saved in" in broken["second"].stdout


# -- a night killed with SIGKILL in the middle of its crawl --

def test_kill_9_mid_crawl_leaves_a_sound_database_and_the_next_night_completes(tmp_path):
    server = serve(0, sites=("tra_vinh",))
    mirror = mirror_of(server)
    gate = hold_one_article(server)
    db = tmp_path / "congdoan.db"
    run = subprocess.Popen(command(db, "tra_vinh", "-s", "STORE_BATCH_SIZE=1", *PATIENT), cwd=ROOT,
                           env=environment(mirror), stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, start_new_session=True)
    stored = wait_until(lambda: (n := count(db, "articles")) >= 3 and n, "three stored articles",
                        process=run)
    os.killpg(run.pid, signal.SIGKILL)  # the nightly and its crawl process together
    run.wait()
    gate.set()
    assert 3 <= stored < TRA_VINH, "the crawl was not interrupted in its middle"
    for path in (db, tmp_path / "archive.db"):
        assert rows(path, "pragma integrity_check") == [("ok",)]
    rows(db, "insert into articles_fts(articles_fts) values ('integrity-check')")
    assert count(db, "articles") == count(db, "articles_fts")
    partial = rows(db, "select url from articles where coalesce(title, '') = '' "
                       "or coalesce(body, '') = '' or content_hash is null "
                       "or parser_version is null or fetched_at is null")
    assert partial == []
    assert rows(db, "select status from crawl_runs") == [("running",)]  # the killed run shows

    again = nightly(db, mirror, "tra_vinh", *PATIENT)
    server.shutdown()
    assert again.returncode == 0, again.stdout + again.stderr[-3000:]
    assert rows(db, "select count(*) from articles")[0][0] == TRA_VINH
    # Every stored article has its raw page, even those stored just before the kill.
    with sqlite3.connect(db) as con:
        con.execute("attach ? as archive", [str(tmp_path / "archive.db")])
        missing = con.execute("select url from articles where url not in "
                              "(select url from archive.pages)").fetchall()
    assert missing == []


# -- a busy night: a second run tries to start, Datasette answers searches throughout --

def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, json.loads(response.read())


@pytest.fixture(scope="module")
def busy(tmp_path_factory):
    from crawler import storage
    server = serve(0, sites=("tra_vinh",))
    mirror = mirror_of(server)
    gate = hold_one_article(server)
    folder = tmp_path_factory.mktemp("busy")
    db = folder / "congdoan.db"
    storage.open_db(db)  # Datasette needs the file before the first crawl writes to it
    port = free_port()
    datasette = subprocess.Popen([str(Path(sys.executable).with_name("datasette")), "serve", str(db),
                                  "--port", str(port)], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)
    search = f"http://127.0.0.1:{port}/congdoan/articles.json?_search=c%C3%B4ng%20%C4%91o%C3%A0n"

    def answer():
        try:
            status, body = get_json(search)
            return status, len(body.get("rows", [])), body.get("error")
        except Exception as error:  # noqa: BLE001 (every failure is the finding)
            return None, 0, repr(error)

    wait_until(lambda: answer()[0] == 200, "Datasette to answer", process=datasette)
    answers, stop = [answer()], threading.Event()  # the first before the night starts

    def ask():
        while not stop.is_set():
            answers.append(answer())
            time.sleep(0.05)

    poller = threading.Thread(target=ask)
    poller.start()
    first = subprocess.Popen(command(db, "tra_vinh", "-s", "STORE_BATCH_SIZE=1", *PATIENT), cwd=ROOT,
                             env=environment(mirror), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    wait_until(lambda: count(db, "articles"), "the first night to store an article", process=first)
    # The cron entry point this time: the wrapper must pass arguments and exit status through.
    second = subprocess.run(["scripts/nightly.sh", "--db", str(db), "tra_vinh"], cwd=ROOT,
                            env=environment(mirror), capture_output=True, text=True, timeout=60)
    first_running = first.poll() is None  # the held page keeps it from finishing
    during = wait_until(lambda: next((a for a in answers if a[1] > 0), None),
                        "a search to find the arriving articles")
    gate.set()
    out, err = first.communicate(timeout=120)
    stop.set()
    poller.join()
    answers.append(answer())  # the last after the night
    datasette.terminate()
    datasette.wait()
    server.shutdown()
    yield {"db": db, "first": (first.returncode, out, err), "second": second,
           "first_running": first_running, "answers": answers, "during": during}


def test_an_overlapping_run_refuses_at_once(busy):
    second = busy["second"]
    assert second.returncode == 75
    assert "another nightly run holds" in second.stderr and "nightly.lock" in second.stderr
    assert busy["first_running"]  # it refused while the first night was still under way
    assert rows(busy["db"], "select count(*) from crawl_runs")[0][0] == 1  # it crawled nothing
    code, out, err = busy["first"]
    assert code == 0, out + err[-3000:]


def test_datasette_answers_searches_throughout_the_night(busy):
    answers = busy["answers"]
    assert busy["during"] in answers and len(answers) >= 3
    assert [a for a in answers if a[0] != 200 or a[2]] == []
    assert answers[0][1] == 0 and answers[-1][1] > 0  # the searches saw the articles arrive

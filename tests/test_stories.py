"""Story clusters: the mirror's labelled copies after a real crawl, nights, deletions, bad input, CSV, pages."""
from __future__ import annotations

import asyncio
import csv
import io
import shutil
import subprocess
import sys
from itertools import combinations

import numpy as np
import pytest
import sqlite_utils

from crawler import storage, stories
from crawler.export import export
from crawler.items import Article
from crawler.mirror import serve
from tests.conftest import ROOT, run_crawl
from crawler.mirror.stories import entries, labelled_pairs, url_of
from tests.datasette_client import make_datasette
from tests.story_copies import article


# --- after a real crawl of the mirror ------------------------------------------------------------

@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    server = serve(0)
    path = tmp_path_factory.mktemp("stories") / "congdoan.db"
    result = run_crawl(f"http://127.0.0.1:{server.server_port}", path)
    server.shutdown()
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return path, result.stdout


def story_ids(db) -> dict[str, int]:
    return {r["url"]: r["story_id"] for r in db.query("select url, story_id from articles")}


def test_every_labelled_pair_is_clustered_right(crawled):
    ids = story_ids(sqlite_utils.Database(crawled[0]))
    wrong = [(kind, a, b) for (a, b), (same, kind) in labelled_pairs().items()
             if (ids[a] == ids[b]) != same]
    assert wrong == []


def test_the_story_id_is_the_earliest_copys_id(crawled):
    db = sqlite_utils.Database(crawled[0])
    rows = {r["url"]: r for r in db.query("select id, url, story_id, published_at from articles")}
    groups: dict[str, list[dict]] = {}
    for entry in entries():
        groups.setdefault(entry["story"], []).append(rows[url_of(entry)])
    for copies in groups.values():
        first = min(copies, key=lambda r: (r["published_at"], r["id"]))
        assert {r["story_id"] for r in copies} == {first["id"]}
    assert all(r["story_id"] for r in rows.values())  # every stored article has a story


def test_the_crawl_reports_and_stories_prints_what_the_run_added(crawled):
    path, output = crawled
    assert "stories: " in output and " article(s) hashed" in output
    result = subprocess.run([sys.executable, "-m", "crawler", "stories", "--db", str(path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "stories: 0 article(s) hashed, 0 joined a story"  # nothing new since
    printed = [line for line in lines if line.startswith("story ")]
    assert lines[1].startswith("run 1 (") and f": {len(printed)} stories with a copy added" in lines[1]
    assert len(printed) >= len({e["story"] for e in entries() if not e["near_miss"]})
    # One run stored everything: every copy printed is marked as added by it.
    copies = [line for line in lines[2:] if not line.startswith(("story ", "     "))]
    assert copies and all(line.startswith("  + ") for line in copies)
    assert sum("TỦ SÁCH CÔNG NHÂN" in line.upper() for line in copies) == 3


def test_a_second_crawl_and_a_rerun_change_nothing(crawled, tmp_path):
    path = tmp_path / "congdoan.db"
    shutil.copy(crawled[0], path)
    before = story_ids(sqlite_utils.Database(path))
    server = serve(0)
    result = run_crawl(f"http://127.0.0.1:{server.server_port}", path, CRAWL_FULL="True",
                       CRAWL_REFETCH="True")
    server.shutdown()
    assert "stories: 0 article(s) hashed, 0 joined a story" in result.stdout
    db = storage.open_db(path)
    assert stories.cluster(db).hashed == 0
    assert story_ids(db) == before
    signatures = db.execute("select count(*) from story_signatures").fetchone()[0]
    assert signatures == len(before)


# --- nights, deletions, bad input ---------------------------------------------------------------

def stored(tmp_path, *articles: Article):
    db = storage.open_db(tmp_path / "congdoan.db")
    storage.save_articles(db, list(articles))
    return db


def story_of(db, item: Article) -> int:
    return db.execute("select story_id from articles where id = ?",
                      [storage.article_id(item.url)]).fetchone()[0]


def test_a_night_hashes_only_its_new_articles(tmp_path):
    original, copy, other = article("ks-laodong"), article("ks-soctrang"), article("ck-2023")
    db = stored(tmp_path, original, other)
    assert stories.cluster(db).hashed == 2
    storage.save_articles(db, [copy])
    report = stories.cluster(db)
    assert (report.hashed, report.joined) == (1, 1)
    assert story_of(db, copy) == story_of(db, original) == storage.article_id(original.url)
    assert story_of(db, other) == storage.article_id(other.url)


def test_a_changed_article_is_hashed_again_and_keeps_its_story(tmp_path):
    original, copy = article("vc-laodong"), article("vc-soctrang")
    db = stored(tmp_path, original, copy)
    stories.cluster(db)
    storage.save_articles(db, [article("vc-soctrang", title="Nhà mới cho công nhân Vĩnh Châu")])
    report = stories.cluster(db)
    assert (report.hashed, report.joined) == (1, 0)
    assert story_of(db, copy) == storage.article_id(original.url)


def test_ids_stay_when_the_earliest_copy_is_deleted(tmp_path):
    first, second, third = article("cr-old"), article("cr-new"), article("cr-laodong")
    db = stored(tmp_path, first, second)
    stories.cluster(db)
    root = storage.article_id(first.url)
    db["articles"].delete(root)
    storage.save_articles(db, [third])
    stories.cluster(db)
    assert story_of(db, second) == story_of(db, third) == root
    shown = list(db.query("select url, copies, story_id from stories_public"))
    assert shown == [{"url": second.url, "copies": 2, "story_id": root}]
    stories.cluster(db, rebuild=True)  # asked for: ids may move to the earliest copy left
    assert story_of(db, second) == story_of(db, third) == storage.article_id(second.url)


def test_a_short_body_never_joins_by_its_body_alone(tmp_path):
    # The crawl stores no body under 40 words, but normalization can take a credit line off one.
    notice = "Đề nghị các công đoàn cơ sở gửi báo cáo quý về Ban Tổ chức trước ngày 10."
    long = article("nk-old")
    lead = " ".join(long.body.split()[:30])
    assert len(stories.words(lead)) < stories.MIN_WORDS <= len(stories.words(long.body))
    items = [article("tq-travinh", title="Nhắc gửi báo cáo quý I", body=notice),
             article("tq-travinh", url="https://test.invalid/quy-ii", title="Nhắc gửi báo cáo quý II",
                     body=notice),
             article("tq-travinh", url="https://test.invalid/quy-i", title="Nhắc gửi báo cáo quý I",
                     body=notice),
             article("nk-new", url="https://test.invalid/lead", body=lead)]
    db = stored(tmp_path, long, *items)
    stories.cluster(db)
    ids = [story_of(db, item) for item in items]
    # Another title: another story. The same title and text: one story. A lead: not its article.
    assert ids[0] != ids[1] and ids[2] == ids[0]
    assert ids[3] == storage.article_id(items[3].url) != story_of(db, long)


def test_an_article_that_cannot_be_hashed_is_stored_reported_and_retried(tmp_path):
    good, copy = article("tn-laodong"), article("tn-cantho")
    db = stored(tmp_path, good, copy)
    db.execute("update articles set body = ? where id = ?", [b"\xff\xfe", storage.article_id(copy.url)])
    report = stories.cluster(db)
    assert report.errors == [{"url": copy.url, "reason": report.errors[0]["reason"]}]
    assert report.errors[0]["reason"].startswith("not clustered: TypeError")
    assert "1 failed" in report.text() and copy.url in report.text()
    assert story_of(db, copy) is None and story_of(db, good) == storage.article_id(good.url)
    run = storage.story_run(db)
    assert (run["hashed"], run["failed"]) == (1, 1) and copy.url in run["errors"]
    db.execute("update articles set body = ? where id = ?", [copy.body, storage.article_id(copy.url)])
    assert stories.cluster(db).joined == 1 and story_of(db, copy) == story_of(db, good)


def test_a_clustering_failure_never_fails_the_crawl_that_stored(tmp_path):
    path = tmp_path / "congdoan.db"
    db = storage.open_db(path)
    db.execute("create trigger full before insert on story_runs begin "
               "select raise(abort, 'disk is full'); end")
    server = serve(0, sites=("soc_trang",))
    result = run_crawl(f"http://127.0.0.1:{server.server_port}", path, "soc_trang")
    server.shutdown()
    assert result.returncode == 0, result.stderr[-2000:]
    assert "! stories: clustering failed: IntegrityError('disk is full')" in result.stdout
    stored_count = db.execute("select count(*) from articles").fetchone()[0]
    assert stored_count > 20
    assert db.execute("select count(*) from articles where story_id is not null").fetchone()[0] == 0
    db.execute("drop trigger full")
    assert stories.cluster(db).hashed == stored_count  # the next run catches up


# --- the pure parts -----------------------------------------------------------------------------

def doc(key: str, **changes) -> stories.Doc:
    item = article(key, **changes)
    return stories.make_doc({"id": storage.article_id(item.url), "title": item.title,
                             "body": item.body, "published_at": item.published_at})


def test_signatures_estimate_the_jaccard_similarity():
    docs = [doc(k) for k in ("lh-laodong", "lh-lacduong", "bc-2023", "bc-2024", "dt-dateh")]
    signatures = stories.signatures(docs)
    for (i, a), (j, b) in combinations(enumerate(docs), 2):
        shared = np.intersect1d(a.shingles, b.shingles).size
        jaccard = shared / np.union1d(a.shingles, b.shingles).size
        estimate = float(np.mean(signatures[i] == signatures[j]))
        assert abs(estimate - jaccard) < 0.15, (i, j, estimate, jaccard)


@pytest.mark.parametrize("first,second,same", [
    ("lh-laodong", "lh-lacduong", True),  # shortened: its text is all in the original
    ("ck-2023", "ck-2024", False),  # last year's text, this year's figures
    ("bc-2023", "bc-2024", False),
    ("tq-travinh", "tq-soctrang", False),  # one title, two events
])
def test_containment_joins_copies_and_parts_formulas(first, second, same):
    assert (stories.same_story(doc(first), doc(second)) > 0) == same


def test_a_large_date_gap_counts_against():
    original = doc("ks-laodong")
    # A copy whose closing paragraph was rewritten: close, but not word for word.
    body = article("ks-soctrang").body + ("\nCông đoàn cơ sở nhà máy cũng đề nghị bổ sung suất ăn "
                                          "chay cho công nhân theo đạo Phật vào các ngày rằm.")
    week, years = (doc("ks-soctrang", body=body, published_at=f"{day}T08:00:00+07:00")
                   for day in ("2023-03-20", "2025-03-20"))
    assert stories.required(original, week) < stories.required(original, years)
    assert stories.same_story(original, week) >= stories.required(original, week)
    assert stories.same_story(original, years) == 0


# --- where people look: CSV and the article page ------------------------------------------------

@pytest.fixture(scope="module")
def clustered(tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "congdoan.db"
    db = storage.open_db(path)
    storage.save_articles(db, [article(k) for k in ("cr-old", "cr-new", "cr-laodong", "tc-laodong")])
    storage.save_sites(db, [{"name": s, "label": label, "province": "Cần Thơ",
                             "province_now": "Cần Thơ", "domains": [], "status": "active", "notes": ""}
                            for s, label in (("can_tho", "LĐLĐ thành phố Cần Thơ"),
                                             ("lao_dong", "Báo Lao Động"))])
    stories.cluster(db)
    return path


def exported(path, one_per_story: bool) -> list[dict]:
    out = io.StringIO()
    export(storage.open_db(path), out, one_per_story=one_per_story)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_csv_names_the_story_and_can_give_one_row_per_story(clustered):
    root, khmer = (str(storage.article_id(article(k).url)) for k in ("cr-old", "tc-laodong"))
    every = exported(clustered, one_per_story=False)
    assert [(r["Địa chỉ bài"], r["Mã tin gốc"]) for r in every] == [
        (article("cr-old").url, root), (article("cr-new").url, root),
        (article("cr-laodong").url, root), (article("tc-laodong").url, khmer)]
    once = exported(clustered, one_per_story=True)
    assert [(r["Mã bài"], r["Mã tin gốc"]) for r in once] == [(root, root), (khmer, khmer)]


def test_the_article_page_lists_the_other_copies(clustered):
    ds = make_datasette(clustered)
    copy = article("cr-laodong")

    async def fetch(path):
        return await ds.client.get(path)
    page = asyncio.run(fetch(f"/congdoan/articles/{storage.article_id(copy.url)}")).text
    start = page.index('class="story-copies"')
    block = page[start:page.index("</section>", start)]
    assert block.count("<li>") == 2
    for other in (article("cr-old"), article("cr-new")):
        assert f'href="{other.url}"' in block
        assert f'href="/congdoan/articles/{storage.article_id(other.url)}"' in block
    assert "LĐLĐ thành phố Cần Thơ · 12/11/2019 09:40" in block and copy.url not in block
    alone = asyncio.run(fetch(f"/congdoan/articles/{storage.article_id(article('tc-laodong').url)}"))
    assert 'class="story-copies"' not in alone.text
    rows = asyncio.run(fetch("/congdoan/stories_public.json?_shape=array&_search=tu+sach")).json()
    assert [(r["url"], r["copies"]) for r in rows] == [(article("cr-old").url, 3)]

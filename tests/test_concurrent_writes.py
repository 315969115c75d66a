"""Crawl processes of one night write the same files at once: each write waits its turn, none is lost."""
from __future__ import annotations

import multiprocessing

from crawler import storage
from crawler.items import Article

PROCESSES, BATCHES, BATCH = 4, 30, 5


def write(path: str, archive: str, site: str) -> None:
    """What one crawl process does: a run record, article batches, archived pages, the verdict."""
    db, pages = storage.open_db(path), storage.open_archive(archive)
    run_id = storage.start_run(db, site, "2026-11-21T02:15:00+07:00")
    for b in range(BATCHES):
        urls = [f"https://{site}.vn/bai-{b}-{i}" for i in range(BATCH)]
        storage.save_articles(db, [Article(
            url=url, site=site, host=f"{site}.vn", province="Trà Vinh", province_now="Vĩnh Long",
            title=f"Bài {url}", body="Công đoàn cơ sở tổ chức hội nghị người lao động năm 2024.",
            fetched_at="2026-11-21T02:16:00+07:00", method="selectors", parser_version="t/1")
            for url in urls])
        storage.archive_pages(pages, [{"url": url, "site": site, "status": 200, "sha256": url,
                                       "fetched_at": "2026-11-21T02:16:00+07:00", "body": b"x"}
                                      for url in urls])
    storage.finish_run(db, run_id, site, [], status="ok", finish_reason="finished")
    storage.record_health(db, run_id, "ok", None)


def test_parallel_crawl_processes_lose_no_write(tmp_path):
    path, archive = str(tmp_path / "congdoan.db"), str(tmp_path / "archive.db")
    storage.open_db(path)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=write, args=(path, archive, f"site{n}")) for n in range(PROCESSES)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0] * PROCESSES
    db = storage.open_db(path)
    assert db["articles"].count == PROCESSES * BATCHES * BATCH
    assert storage.open_archive(archive)["pages"].count == PROCESSES * BATCHES * BATCH
    assert {r["health"] for r in db.query("select health from crawl_runs")} == {"ok"}

"""Storage: idempotent upserts, no loss to empty or worse extractions, search index, run records."""
import dataclasses

import pytest

from crawler import storage
from crawler.items import Article


def article(**changes) -> Article:
    base = Article(
        url="https://congdoantravinh.com.vn/tin-tuc/hoat-dong-cua-ldld-tinh/trao-qua-tet",
        site="tra_vinh", host="congdoantravinh.com.vn", province="Trà Vinh",
        province_now="Vĩnh Long", title="Trao quà Tết cho đoàn viên công đoàn",
        body="Liên đoàn Lao động tỉnh trao 200 suất quà.\nMỗi suất trị giá 500.000 đồng.",
        fetched_at="2026-11-20T02:00:00+07:00", method="selectors", parser_version="test/1",
        published_at="2024-01-25T08:00:00+07:00", author="BẢO NGÂN", category="Tin tổng hợp",
        images=[{"url": "https://congdoantravinh.com.vn/a.jpg", "caption": "Trao quà", "credit": None}])
    return dataclasses.replace(base, **changes)


@pytest.fixture
def db(tmp_path):
    return storage.open_db(tmp_path / "test.db")


def test_schema_is_wal_with_vietnamese_fts(db):
    assert db.journal_mode == "wal"
    assert {"articles", "sites", "crawl_runs", "crawl_errors", "articles_fts"} <= set(db.table_names())
    assert "remove_diacritics 2" in db["articles_fts"].schema


def test_first_save_inserts_and_second_costs_no_write(db):
    assert storage.save_articles(db, [article()]) == {"new": 1}
    before = db.conn.total_changes
    assert storage.save_articles(db, [article(fetched_at="2026-11-21T02:00:00+07:00")]) == {"unchanged": 1}
    assert db.conn.total_changes == before
    row = db["articles"].get(storage.article_id(article().url))
    assert row["fetched_at"] == "2026-11-20T02:00:00+07:00"


def test_changed_article_is_updated_in_place(db):
    storage.save_articles(db, [article()])
    assert storage.save_articles(db, [article(title="Trao 200 suất quà Tết")]) == {"updated": 1}
    assert db["articles"].count == 1
    assert db["articles"].get(storage.article_id(article().url))["title"] == "Trao 200 suất quà Tết"


def test_empty_values_never_replace_stored_ones(db):
    storage.save_articles(db, [article()])
    storage.save_articles(db, [article(author=None, published_at=None, images=[], category="",
                                       title="Trao quà Tết cho đoàn viên")])
    row = db["articles"].get(storage.article_id(article().url))
    assert (row["author"], row["published_at"], row["category"]) == (
        "BẢO NGÂN", "2024-01-25T08:00:00+07:00", "Tin tổng hợp")
    assert "a.jpg" in row["images"]
    assert row["title"] == "Trao quà Tết cho đoàn viên"


def test_fallback_extraction_never_replaces_a_selector_body(db):
    storage.save_articles(db, [article()])
    storage.save_articles(db, [article(method="trafilatura", body="Liên kết website\nĐang online")])
    row = db["articles"].get(storage.article_id(article().url))
    assert row["body"].startswith("Liên đoàn Lao động tỉnh") and row["method"] == "selectors"


def test_batch_with_the_same_article_twice_stores_one_row(db):
    counts = storage.save_articles(db, [article(), article(title="Bản sửa")])
    assert counts == {"new": 1, "updated": 1} and db["articles"].count == 1


@pytest.mark.parametrize("query", ["cong doan", "công đoàn", "CÔNG ĐOÀN", "\"trao qua tet\""])
def test_search_finds_with_or_without_diacritics(db, query):
    storage.save_articles(db, [article(), article(url="https://congdoantravinh.com.vn/x",
                                                  title="Hội thao", body="Giải bóng đá mini.")])
    hits = [r["title"] for r in db["articles"].search(query)]
    assert hits == ["Trao quà Tết cho đoàn viên công đoàn"]


def test_search_index_follows_updates_and_deletes(db):
    storage.save_articles(db, [article()])
    storage.save_articles(db, [article(title="Hội nghị người lao động")])
    assert [r["title"] for r in db["articles"].search("hoi nghi")] == ["Hội nghị người lao động"]
    assert list(db["articles"].search("\"qua tet\"")) == []
    db["articles"].delete(storage.article_id(article().url))
    assert list(db["articles"].search("hoi nghi")) == []


def test_crawl_run_records_figures_and_errors(db):
    run = storage.start_run(db, "tra_vinh", "2026-11-21T02:00:00+07:00")
    assert db["crawl_runs"].get(run)["status"] == "running"
    storage.finish_run(db, run, "tra_vinh", [{"url": "https://congdoantravinh.com.vn/x", "reason": "HTTP 404"}],
                       status="errors", articles_found=3, articles_failed=1)
    assert db["crawl_runs"].get(run)["articles_found"] == 3
    assert storage.run_errors(db, run) == [{"url": "https://congdoantravinh.com.vn/x", "reason": "HTTP 404"}]


def test_sites_rows_are_written_once(db):
    site = {"name": "tra_vinh", "label": "Công đoàn Trà Vinh", "province": "Trà Vinh",
            "province_now": "Vĩnh Long", "domains": ["congdoantravinh.com.vn"], "status": "archive",
            "notes": ""}
    storage.save_sites(db, [site])
    before = db.conn.total_changes
    storage.save_sites(db, [site])
    assert db.conn.total_changes == before and db["sites"].count == 1

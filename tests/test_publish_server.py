"""scripts/serve.sh as a real server: it keeps answering, with whole transactions, while a crawl writes."""
from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
from pathlib import Path

from tests.published import build_db, fetch, running_server

ROOT = Path(__file__).resolve().parents[1]
BATCH, BATCHES = 20, 20
# Another process stores articles the way the crawl pipeline does: one transaction per batch.
# Long bodies make the WAL pass its checkpoint size several times during the run. After each batch
# it says so and waits for a word from the test, so the reads surely fall between batches.
WRITER = f"""
import sys
from crawler import storage
from crawler.items import Article
db = storage.open_db(sys.argv[1])
for b in range({BATCHES}):
    storage.save_articles(db, [Article(
        url=f"https://congdoan.cantho.gov.vn/tin-moi-{{b}}-{{i}}", site="can_tho",
        host="congdoan.cantho.gov.vn", province="Cần Thơ", province_now="Cần Thơ",
        title=f"Công đoàn phường số {{b}}-{{i}} ra mắt", body="Đoàn viên công đoàn họp mặt.\\n" * 200,
        published_at="2025-03-0{{}}T08:00:00+07:00".format(1 + b % 9),
        fetched_at="2025-11-20T09:00:00+07:00", method="selectors", parser_version="1")
        for i in range({BATCH})])
    print(b, flush=True)
    sys.stdin.readline()
"""


def test_server_answers_whole_transactions_while_a_crawl_writes(tmp_path):
    db = build_db(tmp_path / "congdoan.db")
    search = "/congdoan/articles_public.json?" + urllib.parse.urlencode(
        {"_search": "cong doan", "_size": "5", "_nofacet": "1"})
    page = "/congdoan/articles_public?" + urllib.parse.urlencode({"_search": "công đoàn"})
    with running_server(db) as url:
        base = json.loads(fetch(url + search)[1])["filtered_table_rows_count"]
        assert base == 5
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], cwd=ROOT,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        statuses, counts = [], []

        def read():
            status, body = fetch(url + search)
            statuses.append(status)
            if status == 200:
                counts.append(json.loads(body)["filtered_table_rows_count"])
            statuses.append(fetch(url + page)[0])

        for _ in writer.stdout:  # a batch is stored: read, let the next one start, read again
            read()
            writer.stdin.write("go\n")
            writer.stdin.flush()
            read()
        assert writer.wait(60) == 0
        final = json.loads(fetch(url + search)[1])["filtered_table_rows_count"]
    assert set(statuses) == {200}, statuses
    assert len(set(counts)) > 2  # the reads saw the batches arrive one by one
    # Every answer saw whole batches, never part of one, and never went back in time.
    assert all((n - base) % BATCH == 0 for n in counts), counts
    assert counts == sorted(counts)
    assert final == base + BATCH * BATCHES

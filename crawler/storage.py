"""All SQL lives here: schema, idempotent article upserts, the search index and crawl-run records."""
from __future__ import annotations

import hashlib
import json
from array import array
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import sqlite_utils

from crawler.items import Article
from crawler.normalize import fold
from crawler.normalize.fold import author_key

# Columns whose change means the article itself changed; fetch time and parser details do not.
CONTENT_FIELDS = ("title", "body", "published_at", "date_approximate", "author", "photo_credit",
                  "source_outlet", "category", "images", "province", "province_now")
FTS_COLUMNS = ["title", "body", "title_fold", "body_fold"]
# unicode61's default (remove_diacritics 1) leaves ồ, ệ, ấ unfolded; 2 folds every Vietnamese tone.
FTS_TOKENIZE = "unicode61 remove_diacritics 2"

ARTICLE_COLUMNS = {
    "id": int, "url": str, "site": str, "host": str, "province": str, "province_now": str,
    "title": str, "published_at": str, "date_approximate": int, "author": str,
    "photo_credit": str, "source_outlet": str, "category": str, "body": str, "images": str,
    "fetched_at": str, "method": str, "parser_version": str, "content_hash": str,
    "title_fold": str, "body_fold": str,
    "story_id": int,  # the earliest copy's id (crawler/stories.py); added to older databases
    # Added for the journalists' search; older databases get them in ensure_schema.
    "author_key": str, "first_seen": str,
}
# The journalists' search index (crawler/search.py writes its queries): case-folded but with every
# mark kept, so "công đoạn" is not "công đoàn"; the fold columns answer queries typed without marks.
SEARCH_TABLE = "articles_search"
SEARCH_COLUMNS = ["title", "body", "author", "title_fold", "body_fold", "author_key"]
SEARCH_WEIGHTS = "5.0, 1.0, 3.0, 5.0, 1.0, 3.0"  # bm25: a match in the title or byline weighs more
RUN_COLUMNS = {
    "id": int, "site": str, "started_at": str, "finished_at": str, "status": str,
    "finish_reason": str, "pages_fetched": int, "articles_found": int, "articles_new": int,
    "articles_updated": int, "articles_unchanged": int, "articles_failed": int,
    "articles_generic": int, "coverage_title": float, "coverage_date": float,
    "coverage_author": float, "coverage_body": float, "message": str,
    # Added for the nightly health check; older databases get them in ensure_schema.
    "links_found": int, "links_skipped": int, "articles_rejected": int, "health": str,
}
# A site's template learned from its own pages (crawler/learn.py), used when its selectors miss.
TEMPLATE_COLUMNS = {"site": str, "learned_at": str, "title": str, "dateline": str, "body": str,
                    "credit": str, "drop_css": str, "chrome": str, "agreement": str, "pages": int,
                    "urls": str, "declaration": str}
# The raw archive (a separate file, never published): the page as fetched, body zlib-compressed.
PAGE_COLUMNS = {"url": str, "site": str, "status": int, "fetched_at": str, "requested_url": str,
                "listing_date": str, "content_type": str, "sha256": str, "body": bytes}
# cast(id ...) hides the primary key from the planner: a search (`id in (select rowid from the
# index)`) then walks the published_at index newest first and stops at one page, instead of
# fetching and sorting every matching article (ten times slower for common words).
PUBLIC_VIEW = """select cast(id as integer) as id, published_at, substr(published_at, 1, 7) as month,
    title, province, province_now, site, category, author, photo_credit, source_outlet,
    date_approximate, url, body
  from articles"""

# One row per story: its earliest copy (crawler/stories.py), or, when that copy was deleted, the
# earliest one left. `copies` counts the story's stored copies.
STORY_FIRST = """(a.story_id is null or a.story_id = a.id or (
    not exists (select 1 from articles r where r.id = a.story_id)
    and a.id = (select c.id from articles c where c.story_id = a.story_id
                order by c.published_at is null, c.published_at, c.id limit 1)))"""
STORIES_VIEW = f"""select cast(a.id as integer) as id, coalesce(a.story_id, a.id) as story_id,
    (select count(*) from articles c where c.story_id = a.story_id) + (a.story_id is null) as copies,
    a.published_at, substr(a.published_at, 1, 7) as month, a.title, a.province, a.province_now,
    a.site, a.category, a.author, a.photo_credit, a.source_outlet, a.date_approximate, a.url, a.body
  from articles a where {STORY_FIRST}"""


def _connect(path: str | Path) -> sqlite_utils.Database:
    """A connection in WAL mode that waits for other writers instead of failing."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA busy_timeout = 10000")
    db.enable_wal()
    # In WAL mode NORMAL survives any crash of the process (kill -9 included) and skips an fsync
    # per commit; only a power cut can lose the last transactions, never corrupt the file.
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database in WAL mode with the full schema."""
    db = _connect(path)
    with writing(db):  # crawl processes starting together on a new file take turns
        ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create tables, indexes and the full-text index if they are missing."""
    db["articles"].create(ARTICLE_COLUMNS, pk="id", not_null={"url", "site"}, if_not_exists=True)
    db["articles"].create_index(["url"], unique=True, if_not_exists=True)
    if "story_id" not in db["articles"].columns_dict:
        db["articles"].add_column("story_id", int)
    ensure_story_schema(db)
    for column in ("site", "province", "province_now", "published_at", "author", "category",
                   "story_id"):
        db["articles"].create_index([column], if_not_exists=True)
    _add_missing_article_columns(db)
    if not db[SEARCH_TABLE].exists():
        _create_search_index(db)
    if not db["articles_fts"].exists():
        db["articles"].enable_fts(FTS_COLUMNS, fts_version="FTS5", tokenize=FTS_TOKENIZE,
                                  create_triggers=True)
    _reindex_on_text_updates(db)
    db["sites"].create({"name": str, "label": str, "province": str, "province_now": str,
                        "domains": str, "status": str, "notes": str}, pk="name", if_not_exists=True)
    db["crawl_runs"].create(RUN_COLUMNS, pk="id", if_not_exists=True)
    present = db["crawl_runs"].columns_dict
    for name, kind in RUN_COLUMNS.items():
        if name not in present:
            db["crawl_runs"].add_column(name, kind)
    db["crawl_errors"].create({"id": int, "run_id": int, "site": str, "url": str, "reason": str},
                              pk="id", foreign_keys=[("run_id", "crawl_runs", "id")],
                              if_not_exists=True)
    db["crawl_errors"].create_index(["run_id"], if_not_exists=True)
    db["learned_templates"].create(TEMPLATE_COLUMNS, pk="site", if_not_exists=True)
    # What Datasette shows journalists: no search folds or crawl internals; month for a facet.
    db.create_view("articles_public", PUBLIC_VIEW, replace=True)  # no-op when unchanged
    db.create_view("stories_public", STORIES_VIEW, replace=True)


def _reindex_on_text_updates(db: sqlite_utils.Database) -> None:
    """Re-index an article when its text changes, not when clustering sets its story_id.

    sqlite-utils' trigger fires on any update: 100,000 story ids would re-index every article.
    """
    found = db.execute("select sql from sqlite_master where type = 'trigger' and name = 'articles_au'")
    sql = (found.fetchone() or [""])[0]
    if sql and " UPDATE ON " in sql:
        db.execute("drop trigger articles_au")
        columns = ", ".join(f'"{c}"' for c in FTS_COLUMNS)
        db.execute(sql.replace(" UPDATE ON ", f" UPDATE OF {columns} ON ", 1))


def _add_missing_article_columns(db: sqlite_utils.Database) -> None:
    """Columns added after a database was created, filled in for the articles already stored."""
    present = db["articles"].columns_dict
    if "first_seen" not in present:
        db["articles"].add_column("first_seen", str)
        db.execute("update articles set first_seen = fetched_at")
    if "author_key" not in present:
        db["articles"].add_column("author_key", str)
        keys = [(author_key(author), id_) for id_, author in
                db.execute("select id, author from articles where author is not null")]
        db.conn.executemany("update articles set author_key = ? where id = ?", keys)
    # The search pages' filters, each with the date order: a filtered page walks one of these
    # newest first, and a filtered count reads only the index.
    for column in ("province", "province_now", "site", "author_key"):
        db["articles"].create_index([column, "published_at"], if_not_exists=True)


def _create_search_index(db: sqlite_utils.Database) -> None:
    """The journalists' FTS5 index over the articles table, kept in step by triggers."""
    cols = ", ".join(SEARCH_COLUMNS)
    new = ", ".join(f"new.{c}" for c in SEARCH_COLUMNS)
    old = ", ".join(f"old.{c}" for c in SEARCH_COLUMNS)
    t = SEARCH_TABLE
    db.executescript(f"""
        create virtual table {t} using fts5({cols}, content='articles', content_rowid='id',
            tokenize='unicode61 remove_diacritics 0');
        insert into {t}({t}) values ('rebuild');
        create trigger {t}_ai after insert on articles begin
            insert into {t}(rowid, {cols}) values (new.id, {new});
        end;
        create trigger {t}_ad after delete on articles begin
            insert into {t}({t}, rowid, {cols}) values ('delete', old.id, {old});
        end;
        create trigger {t}_au after update of {cols} on articles begin
            insert into {t}({t}, rowid, {cols}) values ('delete', old.id, {old});
            insert into {t}(rowid, {cols}) values (new.id, {new});
        end;""")


@contextmanager
def writing(db: sqlite_utils.Database):
    """One transaction that holds the write lock from its start, committed at the end.

    Several crawl processes write at once. A deferred transaction that reads before it writes
    cannot wait for another's write lock (SQLite answers "database is locked" at once); taking
    the lock first lets busy_timeout do its job.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


def article_id(url: str) -> int:
    """A stable integer key derived from the canonical URL (60 bits of its SHA-256)."""
    return int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:15], 16)


def to_row(article: Article) -> dict:
    """The articles row for an Article, with its key, content hash and folded search text."""
    row = dict(vars(article))  # a shallow copy: images become JSON text below, nothing is shared
    row["images"] = json.dumps(row["images"], ensure_ascii=False)
    row["date_approximate"] = int(bool(row["date_approximate"]))
    content = json.dumps([row[f] for f in CONTENT_FIELDS], ensure_ascii=False)
    row.update(id=article_id(article.url), content_hash=hashlib.sha256(content.encode()).hexdigest(),
               title_fold=fold(article.title or ""), body_fold=fold(article.body or ""),
               author_key=author_key(article.author), first_seen=article.fetched_at)
    return row


def _empty(value) -> bool:
    return value is None or value == "" or value == "[]"


def _merge(old: dict, new: dict) -> dict:
    """The new row, except that nothing non-empty is replaced by emptiness or by a worse extractor."""
    merged = {k: (old[k] if _empty(v) and not _empty(old.get(k)) else v) for k, v in new.items()}
    merged["first_seen"] = old.get("first_seen") or new["first_seen"]
    if old.get("method") == "selectors" and new["method"] != "selectors":
        # A fallback extraction of a page the site selectors once read is a sign of a layout
        # change, not of a better text: keep the stored body.
        for key in ("body", "images", "method", "body_fold"):
            merged[key] = old[key]
    return merged


class UnsafeUrl(ValueError):
    """An article whose URL is not http(s): a javascript: or data: link must never be published."""


def save_articles(db: sqlite_utils.Database, articles: list[Article]) -> Counter:
    """Upsert a batch in one transaction; count new, updated and unchanged articles.

    Raises UnsafeUrl, writing nothing, when any article's URL is not http(s).
    """
    unsafe = [a.url for a in articles if urlsplit((a.url or "").strip()).scheme.lower()
              not in ("http", "https")]
    if unsafe:
        raise UnsafeUrl(f"not an http(s) URL, batch not stored: {', '.join(map(repr, unsafe))}")
    counts: Counter = Counter()
    rows = [to_row(a) for a in articles]
    if not rows:
        return counts
    with writing(db):
        ids = list({r["id"] for r in rows})
        marks = ",".join("?" * len(ids))
        stored = {r["id"]: r for r in db.query(f"select * from articles where id in ({marks})", ids)}
        new: dict[int, dict] = {}  # inserted together at the end
        for row in rows:
            old = new.get(row["id"]) or stored.get(row["id"])
            if old is None:
                new[row["id"]] = row
                counts["new"] += 1
            elif old["content_hash"] == row["content_hash"]:
                counts["unchanged"] += 1  # no write at all
            else:
                row = _merge(old, row)
                counts["updated"] += 1
                if row["id"] in new:
                    new[row["id"]] = row
                else:
                    db["articles"].update(row["id"], row)
                    stored[row["id"]] = row
        # Multi-row INSERT statements: several times faster than one statement per article.
        db["articles"].insert_all(new.values())
    return counts


def save_sites(db: sqlite_utils.Database, sites: list[dict]) -> None:
    """Record what is known of each source (one row per spider)."""
    with writing(db):
        for site in sites:
            row = dict(site, domains=json.dumps(site["domains"], ensure_ascii=False))
            old = next(db.query("select * from sites where name = ?", [row["name"]]), None)
            if old != row:
                db["sites"].upsert(row, pk="name")


def start_run(db: sqlite_utils.Database, site: str, started_at: str) -> int:
    """Open a crawl_runs row; it says 'running' until finish_run, so a killed run shows."""
    with writing(db):
        return db["crawl_runs"].insert({"site": site, "started_at": started_at,
                                        "status": "running"}).last_pk


def finish_run(db: sqlite_utils.Database, run_id: int, site: str, errors: list[dict],
               **figures) -> None:
    """Close a crawl_runs row with its figures and the URL and reason of every failure."""
    with writing(db):
        db["crawl_runs"].update(run_id, figures)
        db["crawl_errors"].insert_all(
            ({"run_id": run_id, "site": site, **e} for e in errors), pk="id")


def get_run(db: sqlite_utils.Database, run_id: int) -> dict:
    return db["crawl_runs"].get(run_id)


def run_errors(db: sqlite_utils.Database, run_id: int) -> list[dict]:
    return list(db.query("select url, reason from crawl_errors where run_id = ? order by id", [run_id]))


def last_runs(db: sqlite_utils.Database, site: str, limit: int = 10) -> list[dict]:
    """The site's most recent finished runs, newest first."""
    return list(db.query("select * from crawl_runs where site = ? and status != 'running' "
                         "order by id desc limit ?", [site, limit]))


def count_by_site(db: sqlite_utils.Database) -> dict[str, int]:
    return {r["site"]: r["n"] for r in db.query(
        "select site, count(*) as n from articles group by site order by site")}


def stored_urls(db: sqlite_utils.Database, site: str, until: str | None = None) -> set[str]:
    """The canonical URLs of the site's stored articles (fetched up to `until`, when given)."""
    if until:
        rows = db.execute("select url from articles where site = ? and fetched_at <= ?", [site, until])
    else:
        rows = db.execute("select url from articles where site = ?", [site])
    return {row[0] for row in rows}


def record_health(db: sqlite_utils.Database, run_id: int, health: str, message: str | None) -> None:
    """Note the health check's verdict ('ok', 'alert' or 'error') and its alerts on a run."""
    with writing(db):
        db["crawl_runs"].update(run_id, {"health": health, "message": message})


def save_template(db: sqlite_utils.Database, row: dict) -> None:
    """Keep a site's learned template (one per site: the latest replaces the one before)."""
    with writing(db):
        db["learned_templates"].upsert(row, pk="site")


def learned_template(db: sqlite_utils.Database, site: str) -> dict | None:
    return next(db.query("select * from learned_templates where site = ?", [site]), None)


def last_run_id(db: sqlite_utils.Database) -> int:
    return db.execute("select coalesce(max(id), 0) from crawl_runs").fetchone()[0]


def runs_after(db: sqlite_utils.Database, run_id: int) -> list[dict]:
    """Every crawl run opened after `run_id`, oldest first."""
    return list(db.query("select * from crawl_runs where id > ? order by id", [run_id]))


def site_names(db: sqlite_utils.Database) -> list[str]:
    return [row[0] for row in db.execute("select name from sites order by name")]


def ensure_story_schema(db: sqlite_utils.Database) -> None:
    """Story clustering's tables: each article's signature and band keys, the bands, the runs."""
    db["story_signatures"].create({"id": int, "content_hash": str, "signature": bytes,
                                   "bands": bytes, "shingles": int, "run_id": int}, pk="id",
                                  if_not_exists=True)
    db["story_signatures"].create_index(["run_id"], if_not_exists=True)
    # Without rowid, the (band, id) key is the only b-tree: a band lookup reads it directly.
    db.execute("create table if not exists story_bands (band integer, id integer, "
               "primary key (band, id)) without rowid")
    db["story_runs"].create({"id": int, "started_at": str, "rebuild": int, "hashed": int,
                             "joined": int, "failed": int, "errors": str}, pk="id",
                            if_not_exists=True)


def _chunks(items, size: int = 10000):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def clear_stories(db: sqlite_utils.Database) -> None:
    """Forget every story (before a rebuild, inside its transaction)."""
    db.execute("delete from story_bands")
    db.execute("delete from story_signatures")
    db.execute("update articles set story_id = null where story_id is not null")


def story_pending(db: sqlite_utils.Database):
    """Articles never clustered or changed since, oldest first (undated last)."""
    return db.query("""select a.id, a.url, a.title, a.body, a.published_at, a.story_id, a.content_hash,
          s.bands as old_bands
        from articles a left join story_signatures s on s.id = a.id
        where s.id is null or s.content_hash != a.content_hash
        order by a.published_at is null, a.published_at, a.id""")


def story_band_members(db: sqlite_utils.Database, bands: set[int], skip: set[int]) -> dict[int, list[int]]:
    """{band key: ids of stored articles with that key}, leaving out the ids in `skip`."""
    members: dict[int, list[int]] = {}
    for chunk in _chunks(bands):
        rows = db.execute(f"select band, id from story_bands where band in ({','.join('?' * len(chunk))})",
                          chunk)
        for band, id_ in rows:
            if id_ not in skip:
                members.setdefault(band, []).append(id_)
    return members


def story_signatures(db: sqlite_utils.Database, ids: set[int]) -> dict[int, tuple[bytes, int]]:
    """{id: (MinHash signature, shingle count)} of the stored long-bodied articles among `ids`."""
    found = {}
    for chunk in _chunks(ids):
        found.update((i, (s, n)) for i, s, n in db.execute(
            "select id, signature, shingles from story_signatures where signature is not null "
            f"and id in ({','.join('?' * len(chunk))})", chunk))
    return found


def story_articles(db: sqlite_utils.Database, ids: set[int]) -> list[dict]:
    """The stored articles a new one may copy (deleted ones are simply absent)."""
    rows = []
    for chunk in _chunks(ids):
        rows += db.query("select id, url, title, body, published_at, story_id from articles "
                         f"where id in ({','.join('?' * len(chunk))})", chunk)
    return rows


def save_stories(db: sqlite_utils.Database, rows: list[dict], story: dict[int, int],
                 started_at: str, rebuild: bool, joined: int, errors: list[dict]) -> int:
    """Write one clustering run (inside its transaction): signatures, bands, story ids, the run.

    rows: {id, content_hash, signature (bytes or None), bands (bytes), old_bands} per article.
    """
    run_id = db["story_runs"].insert({
        "started_at": started_at, "rebuild": int(rebuild), "hashed": len(rows), "joined": joined,
        "failed": len(errors), "errors": json.dumps(errors, ensure_ascii=False)}).last_pk
    old = [(band, r["id"]) for r in rows if r["old_bands"]
           for band in array("q", r["old_bands"])]
    db.conn.executemany("delete from story_bands where band = ? and id = ?", old)
    # In key order: appending to the b-tree is several times faster than inserting at random.
    bands = np.concatenate([np.frombuffer(r["bands"], np.int64) for r in rows])
    ids = np.repeat(np.array([r["id"] for r in rows], np.int64), [len(r["bands"]) // 8 for r in rows])
    order = np.argsort(bands, kind="stable")
    db.conn.executemany("insert or ignore into story_bands (band, id) values (?, ?)",
                        zip(bands[order].tolist(), ids[order].tolist()))
    db.conn.executemany(
        "insert or replace into story_signatures (id, content_hash, signature, bands, shingles, "
        "run_id) values (?, ?, ?, ?, ?, ?)",
        ((r["id"], r["content_hash"], r["signature"], r["bands"], r["shingles"], run_id)
         for r in rows))
    db.conn.executemany("update articles set story_id = ? where id = ? and story_id is not ?",
                        ((s, i, s) for i, s in story.items()))
    return run_id


def story_run(db: sqlite_utils.Database, run_id: int | None = None) -> dict | None:
    """One clustering run (the latest that hashed anything, by default)."""
    if run_id is None:
        return next(db.query("select * from story_runs order by id desc limit 1"), None)
    return next(db.query("select * from story_runs where id = ?", [run_id]), None)


def story_clusters(db: sqlite_utils.Database, run_id: int) -> list[dict]:
    """Every copy of the stories of two or more copies that the run gave an article to."""
    return list(db.query("""select a.story_id, a.id, a.site, a.published_at, a.title, a.url,
          s.run_id = :run as added
        from articles a join story_signatures s on s.id = a.id
        where a.story_id in (select b.story_id from articles b join story_signatures t on t.id = b.id
                             where t.run_id = :run)
          and a.story_id in (select story_id from articles group by story_id having count(*) > 1)
        order by a.story_id, a.published_at is null, a.published_at, a.id""", {"run": run_id}))


def story_copies(db: sqlite_utils.Database, article: int) -> list[dict]:
    """The other stored copies of an article's story, oldest first, with their site's label."""
    return list(db.query("""select c.id, c.site, s.label, c.published_at, c.title, c.url
        from articles a join articles c on c.story_id = a.story_id and c.id != a.id
        left join sites s on s.name = c.site where a.id = ?
        order by c.published_at is null, c.published_at, c.id""", [article]))


# An article not clustered yet is a story of its own.
EXPORT_EXPRESSIONS = {"story_id": "coalesce(story_id, id)"}


def export_rows(db: sqlite_utils.Database, columns: list[str], since: str | None = None,
                until: str | None = None, provinces: list[str] = (), sites: list[str] = (),
                one_per_story: bool = False):
    """The articles to export, oldest first (undated last), as (count, iterator of rows).

    columns must include story_id when one_per_story is asked.

    since/until are inclusive ISO dates compared with the local publication date.
    """
    where, params = [], []
    if since:
        where.append("substr(published_at, 1, 10) >= ?")
        params.append(since)
    if until:
        where.append("substr(published_at, 1, 10) <= ?")
        params.append(until)
    if provinces:
        marks = ",".join("?" * len(provinces))
        where.append(f"(province in ({marks}) or province_now in ({marks}))")
        params += [*provinces, *provinces]
    if sites:
        where.append(f"site in ({','.join('?' * len(sites))})")
        params += sites
    clause = f" where {' and '.join(where)}" if where else ""
    select = ", ".join(EXPORT_EXPRESSIONS.get(c, f"[{c}]") + f" as [{c}]" for c in columns)
    matching = f"select {select}, published_at as _at, id as _id from articles{clause}"
    if one_per_story:
        # The earliest matching copy of each story stands for it.
        matching = (f"select * from (select *, row_number() over (partition by [story_id] "
                    f"order by _at is null, _at, _id) as _nth from ({matching})) where _nth = 1")
    count = db.execute(f"select count(*) from ({matching})", params).fetchone()[0]
    return count, db.query(f"select * from ({matching}) order by _at is null, _at, _id", params)


def open_archive(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the raw page archive, a file of its own that is never published."""
    db = _connect(path)
    with writing(db):
        db["pages"].create(PAGE_COLUMNS, pk="url", not_null={"site", "body"}, if_not_exists=True)
        db["pages"].create_index(["site"], if_not_exists=True)
    return db


# One statement per page, run for every page fetched: the crawl's hottest write.
ARCHIVE_UPSERT = (f"insert into pages ({', '.join(PAGE_COLUMNS)}) "
                  f"values ({', '.join('?' * len(PAGE_COLUMNS))}) on conflict (url) do update set "
                  + ", ".join(f"{c} = excluded.{c}" for c in PAGE_COLUMNS if c != "url")
                  + " where pages.sha256 != excluded.sha256")


def archive_pages(db: sqlite_utils.Database, rows: list[dict]) -> int:
    """Keep the latest fetch of each page; a page fetched again unchanged costs no write."""
    if not rows:
        return 0
    with writing(db):
        before = db.conn.total_changes
        db.conn.executemany(ARCHIVE_UPSERT, [[row.get(c) for c in PAGE_COLUMNS] for row in rows])
        return db.conn.total_changes - before


def archived_pages(db: sqlite_utils.Database, site: str | None = None):
    """Every archived page (of one site), streamed in URL order."""
    if site:
        return db.query("select * from pages where site = ? order by url", [site])
    return db.query("select * from pages order by site, url")


def latest_pages(db: sqlite_utils.Database, site: str, limit: int) -> list[dict]:
    """The site's most recently fetched archived pages."""
    return list(db.query("select * from pages where site = ? order by fetched_at desc, url limit ?",
                         [site, limit]))


def archive_aliases(db: sqlite_utils.Database, site: str) -> dict[str, str]:
    """Addresses that redirected to an archived page: {linked URL: page URL}."""
    return {r["requested_url"]: r["url"] for r in db.query(
        "select requested_url, url from pages where site = ? and requested_url is not null", [site])}


def archived_urls(db: sqlite_utils.Database, site: str, until: str | None = None) -> set[str]:
    """Pages archived (up to `until`, when given), by their URL and the address that redirected there."""
    rows = db.execute("select url, requested_url from pages where site = ? and fetched_at <= ?",
                      [site, until or "9999"])
    return {url for row in rows for url in row if url}


def last_finished(db: sqlite_utils.Database, site: str) -> str | None:
    """When the site's latest crawl that ran to its end and stored its finds finished, if any."""
    return db.execute("select max(finished_at) from crawl_runs where site = ? and "
                      "finish_reason = 'finished' and status in ('ok', 'errors')", [site]).fetchone()[0]


# ---- The journalists' search pages (data/plugins/newsroom.py runs these through Datasette).

SEARCH_FIELDS = ("a.id, a.title, a.published_at, a.date_approximate, a.author, a.author_key, "
                 "a.site, a.province, a.province_now, a.url, a.body, a.first_seen, "
                 "coalesce(s.label, a.site) as source")
FILTERS = {  # the filter's key → its condition on `a` (values are bound, never spliced)
    "since": "a.published_at >= :since",
    "before": "a.published_at < :before",
    "province": "a.province = :province",
    "province_now": "a.province_now = :province_now",
    "site": "a.site = :site",
    "author_key": "a.author_key = :author_key",
}


def _search_where(match: str | None, filters: dict, walk: bool = False) -> tuple[str, dict]:
    """The conditions of a search; `walk` hides the key from the planner (see search_sql)."""
    where = [FILTERS[k] for k, v in filters.items() if v]
    params = {k: v for k, v in filters.items() if v}
    if match:
        key = "+a.id" if walk else "a.id"
        where.append(f"{key} in (select rowid from {SEARCH_TABLE} where {SEARCH_TABLE} match :match)")
        params["match"] = match
    return (" where " + " and ".join(where)) if where else "", params


NEWEST = "a.published_at desc, a.first_seen desc, a.id"  # DESC puts undated articles last


def search_sql(match: str | None, adjacent: list[str], filters: dict, relevant: bool,
               limit: int, offset: int = 0, fields: str = SEARCH_FIELDS,
               common: bool = False) -> tuple[str, dict]:
    """One page of matching articles: newest first (undated last, by when first seen) or by rank.

    By rank, articles holding more of the query's neighbouring word pairs side by side
    (`adjacent`, MATCH expressions) come first, then by bm25. The page's ids are chosen on narrow
    rows, and only its articles are read whole. For a `common` match (thousands of articles),
    newest first walks the published_at index and stops at the page instead of sorting them all.
    """
    if relevant and match:
        where, params = _search_where(None, filters)
        near = " + ".join(f"(h.id in (select rowid from {SEARCH_TABLE} where {SEARCH_TABLE} "
                          f"match :pair{k}))" for k in range(len(adjacent))) or "0"
        # Filters read the filter indexes (they hold the rowid), not the wide article rows; the
        # + keeps SQLite from running the MATCH once per filtered id instead (seconds, not ms).
        joined = f" where +h.id in (select a.id from articles a{where})" if where else ""
        page = (f"with h as (select rowid as id, bm25({SEARCH_TABLE}, {SEARCH_WEIGHTS}) as score "
                f"from {SEARCH_TABLE} where {SEARCH_TABLE} match :match), "
                f"p as (select h.id, {near} as pairs, h.score from h{joined} "
                "order by pairs desc, h.score, h.id limit :limit offset :offset) ")
        order = f"p.pairs desc, p.score, {NEWEST}"
        params.update(match=match, **{f"pair{k}": pair for k, pair in enumerate(adjacent)})
    else:
        where, params = _search_where(match, filters, walk=common)
        page = (f"with p as (select a.id from articles a{where} order by {NEWEST} "
                "limit :limit offset :offset) ")
        order = f"{NEWEST}"
    sql = (f"{page}select {fields} from p join articles a on a.id = p.id "
           f"left join sites s on s.name = a.site order by {order}")
    return sql, {**params, "limit": limit, "offset": offset}


def search_count_sql(match: str | None, filters: dict) -> tuple[str, dict]:
    where, params = _search_where(match, filters)
    if match and not params.keys() - {"match"}:  # the index alone knows the count
        return f"select count(*) from {SEARCH_TABLE} where {SEARCH_TABLE} match :match", params
    return f"select count(*) from articles a{where}", params


def monthly_sql(match: str | None, filters: dict) -> tuple[str, dict]:
    """Articles per month and province at publication, for the chart page."""
    where, params = _search_where(match, filters)
    where = (where + " and" if where else " where") + " a.published_at is not null"
    return (f"select substr(a.published_at, 1, 7) as month, a.province, count(*) as n "
            f"from articles a{where} group by month, a.province order by month, a.province", params)


CHOICES_SQL = {  # what the filter lists offer
    "province": "select distinct province from articles where province is not null order by 1",
    "province_now": "select distinct province_now from articles where province_now is not null "
                    "order by 1",
    "site": "select name, coalesce(label, name) from sites order by 2",
}
AUTHOR_NAME_SQL = "select author from articles where author_key = :key group by author " \
                  "order by count(*) desc limit 1"
HEALTH_SQL = """select r.site, coalesce(s.label, r.site) as label, r.finished_at, r.started_at,
    r.status, r.articles_found, r.articles_new, r.articles_failed, r.message,
    (select count(*) from articles a where a.site = r.site) as stored
  from crawl_runs r left join sites s on s.name = r.site
  where r.id in (select max(id) from crawl_runs group by site) order by label"""
HEALTH_ERRORS_SQL = """select e.site, e.url, e.reason from crawl_errors e
  where e.run_id in (select max(id) from crawl_runs group by site) order by e.site, e.id"""

"""Story clustering speed: 100,000 synthetic articles from scratch, a night's new ones, a re-run."""
from __future__ import annotations

import hashlib
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler import storage, stories  # noqa: E402

SITES = ("tra_vinh", "can_tho", "soc_trang", "lam_dong", "lao_dong")
ONSETS = "b c ch d đ g gh h k kh l m n ng nh p ph qu r s t th tr v x".split()
RHYMES = ("a à á ả ã ạ an ang anh ao âm ân ấp ây e em en ê ên ết i im in inh iu o oa oai oan "
          "oàn ói ong ô ông ơ ơi ờ u uân uy ư ưa ước ương ười").split()
# Phrases every union article repeats, so the synthetic text is as formulaic as the real one.
STOCK = ["đoàn viên, người lao động", "Liên đoàn Lao động tỉnh", "công đoàn cơ sở",
         "có hoàn cảnh khó khăn", "Tháng Công nhân", "chăm lo đời sống vật chất, tinh thần"]


def vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    syllables = [o + r for o in ONSETS for r in RHYMES]
    return [" ".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2)))) for _ in range(size)]


def paragraph(rng: random.Random, words: list[str]) -> str:
    parts = [rng.choice(words) for _ in range(rng.randint(25, 45))]
    parts.insert(rng.randrange(len(parts)), rng.choice(STOCK))
    parts.insert(rng.randrange(len(parts)), str(rng.randint(2, 900)))
    return " ".join(parts).capitalize() + "."


def variant(rng: random.Random, body: list[str]) -> list[str]:
    """A copy as another site prints it: whole, a paragraph dropped, or cut short."""
    kind = rng.choice(("whole", "dropped", "short"))
    if kind == "dropped" and len(body) > 3:
        return body[:1] + body[2:]
    if kind == "short":
        return body[:max(2, len(body) * 2 // 3)]
    return list(body)


def rows(n: int, seed: int, start: int = 0, copies_of: list[dict] = ()):
    """n articles, one in five a copy of an earlier one (or of copies_of) on another site."""
    rng = random.Random(seed)
    words = vocabulary(random.Random(1))
    made: list[dict] = list(copies_of)
    for i in range(start, start + n):
        site = rng.choice(SITES)
        if made and rng.random() < 0.2:
            original = rng.choice(made)
            title, paragraphs, day = original["title"], variant(rng, original["paragraphs"]), original["day"]
        else:
            title = rng.choice(words).capitalize() + " " + " ".join(rng.choice(words) for _ in range(8))
            paragraphs = [paragraph(rng, words) for _ in range(rng.randint(3, 7))]
            day = f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        url = f"https://bench.invalid/{site}/{i}"
        body = "\n".join(paragraphs)
        row = {"id": storage.article_id(url), "url": url, "site": site, "host": "bench.invalid",
               "province": "Cần Thơ", "province_now": "Cần Thơ", "title": title,
               "published_at": f"{day}T{rng.randint(6, 20):02d}:00:00+07:00", "date_approximate": 0,
               "body": body, "images": "[]", "fetched_at": "2025-11-20T09:00:00+07:00",
               "method": "selectors", "parser_version": "bench",
               "content_hash": hashlib.sha256(f"{title}\n{body}".encode()).hexdigest(),
               "title_fold": "", "body_fold": ""}  # search folds play no part here
        made.append({"title": title, "paragraphs": paragraphs, "day": day})
        yield row


def generate(path: Path, n: int, seed: int = 13):
    """Bulk insert without the index triggers, then let ensure_schema build the index in one pass."""
    db = storage.open_db(path)
    db["articles"].disable_fts()
    db["articles"].insert_all(rows(n, seed), batch_size=2000)
    storage.ensure_schema(db)
    return db


def timed(function, *args):
    """(result, wall seconds, CPU seconds of this process): the machine may be shared."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def baseline(db) -> int:
    """The peer: articles grouped by exact title plus exact content hash of the body."""
    groups = defaultdict(list)
    for row in db.query("select id, title, body from articles"):
        groups[(row["title"], hashlib.sha256(row["body"].encode()).digest())].append(row["id"])
    return sum(len(g) > 1 for g in groups.values())


def story_ids(db) -> dict[int, int]:
    return dict(db.execute("select id, story_id from articles"))


def main(n: int = 100_000, night: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        print(f"generating {n:,} articles (one in five a copy on another site)...", flush=True)
        db = generate(Path(folder) / "stories.db", n)
        peer_groups, peer_wall, peer_cpu = timed(baseline, db)
        report, wall, cpu = timed(stories.cluster, db)
        groups = db.execute("select count(*) from (select story_id from articles group by story_id "
                            "having count(*) > 1)").fetchone()[0]
        print(f"from scratch: {n:,} articles clustered in {cpu:.1f} s CPU ({wall:.1f} s wall); "
              f"{report.joined:,} joined {groups:,} stories of 2+ copies   peer, exact title + "
              f"content hash: {peer_cpu:.1f} s CPU, {peer_groups:,} groups")
        before = story_ids(db)
        earlier = [{"title": r["title"], "paragraphs": r["body"].split("\n"), "day": r["published_at"][:10]}
                   for r in db.query("select title, body, published_at from articles limit 2000")]
        with storage.writing(db):
            db["articles"].insert_all(rows(night, seed=99, start=n, copies_of=earlier))
        report, wall, cpu = timed(stories.cluster, db)
        _, peer_wall, peer_cpu = timed(baseline, db)
        print(f"a night: {night:,} new articles in {cpu:.2f} s CPU ({wall:.2f} s wall) = "
              f"{cpu / night * 1000:.2f} s per 1,000; {report.joined} joined a stored story   "
              f"peer: {peer_cpu:.1f} s CPU to regroup everything by exact hash")
        after = story_ids(db)
        report, wall, cpu = timed(stories.cluster, db)
        moved = sum(before[i] != after[i] for i in before)
        changed = sum(story_ids(db)[i] != after[i] for i in after)
        print(f"re-run: {report.hashed} articles hashed, {changed} story ids changed, in {cpu:.2f} s "
              f"CPU; the night moved {moved} stored story ids")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))

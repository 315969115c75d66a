"""Story clusters: MinHash signatures, LSH bands and the containment test that joins copies of a story."""
from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from pathlib import Path
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from crawler import CommandError, storage
from crawler.responses import now_ict

SHINGLE = 4  # words per shingle: long enough that a changed figure or name breaks several
NUM_PERM = 126  # 42 bands of 3 rows: pairs of Jaccard 0.5 meet in a band 99.6% of the time
ROWS = 3
MIN_WORDS = 40  # below this a body is too short to tell a copy from a formula


def _constants(label: str, n: int) -> np.ndarray:
    """n fixed 64-bit numbers derived from a label: signatures stay comparable across versions."""
    return np.array([int.from_bytes(hashlib.sha256(f"{label}{i}".encode()).digest()[:8], "little")
                     for i in range(n)], np.uint64)


# Multiply-shift hashing (an odd multiplier, keep the high 32 bits): one permutation per row,
# three numpy passes over the shingles instead of the prime-modulus family's slower division.
_A, _B = _constants("minhash-a", NUM_PERM) | np.uint64(1), _constants("minhash-b", NUM_PERM)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant for combining hashes
_32 = np.uint64(32)
_WORD_RE = re.compile(r"\w+")
_word_hashes: dict[str, int] = {}  # a body's words are mostly the few thousand common syllables


@dataclass
class Doc:
    """One article as the clustering sees it."""

    id: int
    published: date | None
    story_id: int | None = None
    shingles: np.ndarray | None = None  # sorted unique uint32 shingle hashes; None for a short body
    exact: int | None = None  # key of the whole title and body, for a short body
    specifics: frozenset = field(default_factory=frozenset)  # see specifics()

    @property
    def short(self) -> bool:
        return self.shingles is None


def words(text: str) -> list[str]:
    return _WORD_RE.findall((text or "").lower())


def shingles(tokens: list[str]) -> np.ndarray:
    """Sorted unique 32-bit hashes of every run of SHINGLE consecutive words."""
    hashes = np.array(word_hashes(tokens), np.uint64)
    span = len(tokens) - SHINGLE + 1
    combined = hashes[:span].copy()
    for offset in range(1, SHINGLE):
        combined = combined * _MIX + hashes[offset:offset + span]  # wraps modulo 2**64
    return np.unique((combined >> _32).astype(np.uint32))


def word_hashes(tokens: list[str]) -> list[int]:
    try:
        return list(map(_word_hashes.__getitem__, tokens))
    except KeyError:
        if len(_word_hashes) > 1_000_000:
            _word_hashes.clear()
        _word_hashes.update((w, zlib.crc32(w.encode())) for w in set(tokens))
        return list(map(_word_hashes.__getitem__, tokens))


def make_doc(row: dict) -> Doc:
    """A Doc from an articles row (id, title, body, published_at, story_id)."""
    tokens = words(row["body"])
    doc = Doc(row["id"], published_day(row["published_at"]), row.get("story_id"),
              specifics=specifics(row["body"]))
    if len(tokens) < MIN_WORDS:
        text = " ".join(words(row["title"])) + "\n" + " ".join(tokens)
        doc.exact = int(hashlib.sha256(text.encode()).hexdigest()[:15], 16)
    else:
        doc.shingles = shingles(tokens)
    return doc


def specifics(body: str | None) -> frozenset:
    """Figures and names: the words with a digit or a capital letter, lower-cased."""
    return frozenset(t.lower() for t in set(_WORD_RE.findall(body or "")) if not t.islower())


def published_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def signatures(docs: list[Doc]) -> np.ndarray:
    """MinHash signatures (len(docs) × NUM_PERM, uint32) of long-bodied docs, in bulk."""
    out = np.empty((len(docs), NUM_PERM), np.uint32)
    for start in range(0, len(docs), 2000):  # chunks keep the working arrays small
        chunk = docs[start:start + 2000]
        flat = np.concatenate([d.shingles for d in chunk]).astype(np.uint64)
        offsets = np.cumsum([0] + [len(d.shingles) for d in chunk[:-1]])
        permuted = np.empty_like(flat)
        for row in range(NUM_PERM):
            np.multiply(flat, _A[row], out=permuted)  # wraps modulo 2**64
            permuted += _B[row]
            permuted >>= _32
            out[start:start + len(chunk), row] = np.minimum.reduceat(permuted, offsets)
    return out


def bands(signature: np.ndarray) -> list[int]:
    """LSH band keys of signatures (n × NUM_PERM): two articles sharing a key are candidates."""
    sig = signature.reshape(len(signature), NUM_PERM // ROWS, ROWS).astype(np.uint64)
    keys = np.zeros(sig.shape[:2], np.uint64) + np.arange(sig.shape[1], dtype=np.uint64)
    for row in range(ROWS):
        keys = keys * _MIX + sig[:, :, row]
    return (keys >> np.uint64(1)).astype(np.int64)  # 63 bits: fits SQLite's integer


def required(a: Doc, b: Doc) -> float:
    """The containment two bodies need to count as one story: more the further apart their dates."""
    if a.published is None or b.published is None:
        return 0.8
    gap = abs((a.published - b.published).days)
    return 0.8 if gap <= 31 else 0.9 if gap <= 366 else 0.97


def same_story(a: Doc, b: Doc) -> float:
    """How surely b is a copy of a: the containment of the shorter body in the longer, or 0."""
    if a.short or b.short:
        return float(a.exact is not None and a.exact == b.exact)
    small, large = sorted((a, b), key=lambda d: len(d.shingles))
    shared = np.intersect1d(small.shingles, large.shingles, assume_unique=True).size
    score = shared / len(small.shingles)
    # Yearly reports and formulaic news share sentences, not their figures, places and people.
    mine = small.specifics
    if len(mine) >= 3 and len(mine & large.specifics) < 0.8 * len(mine):
        return 0.0
    return score if score >= required(a, b) else 0.0


def worth_reading(docs: list[Doc], keys: dict[int, list[int]], stored: dict[int, list[int]],
                  signature_of: dict[int, np.ndarray], theirs: dict[int, tuple]) -> set[int]:
    """The stored candidates whose signature leaves room for a copy of a new doc; only their
    bodies are read and shingled. Most shared bands between unrelated articles do not."""
    out: set[int] = set()
    for doc in docs:
        for other in {i for key in keys[doc.id] for i in stored.get(key, ())} - out:
            mine = signature_of.get(doc.id)
            if mine is None or other not in theirs or likely(mine, len(doc.shingles), *theirs[other]):
                out.add(other)
    return out


def likely(a: np.ndarray, size_a: int, b: np.ndarray, size_b: int) -> bool:
    """Whether two signatures leave room for a containment of 0.5 or more (estimated from the
    Jaccard similarity: containment = J (|A| + |B|) / ((1 + J) min(|A|, |B|)))."""
    jaccard = float(np.count_nonzero(a == b)) / NUM_PERM
    return jaccard * (size_a + size_b) >= 0.5 * (1 + jaccard) * min(size_a, size_b)


def assign(docs: list[Doc], keys: dict[int, list[int]], known: dict[int, Doc],
           stored: dict[int, list[int]]) -> dict[int, int]:
    """Give each new doc (oldest first) the story of its surest copy, or its own id.

    keys: each doc's band keys; known: stored docs that may be copies; stored: band key → stored
    ids. A doc that already has a story keeps it (ids never move), as does every stored doc.
    """
    seen: dict[int, list[int]] = {}
    story: dict[int, int] = {}
    for doc in docs:
        candidates = {i for key in keys[doc.id] for i in stored.get(key, []) + seen.get(key, [])}
        best, surest = None, 0.0
        for other in sorted(candidates):
            other_doc = known.get(other)
            score = same_story(other_doc, doc) if other_doc and other != doc.id else 0.0
            if score > surest:
                best, surest = other_doc, score
        doc.story_id = doc.story_id or (best.story_id if best else doc.id)
        story[doc.id] = doc.story_id
        known[doc.id] = doc
        for key in keys[doc.id]:
            seen.setdefault(key, []).append(doc.id)
    return story


@dataclass
class Report:
    """What one clustering run did."""

    run_id: int | None = None
    hashed: int = 0
    joined: int = 0  # articles that joined another article's story
    errors: list[dict] = field(default_factory=list)

    def text(self) -> str:
        failed = f", {len(self.errors)} failed" if self.errors else ""
        lines = [f"stories: {self.hashed} article(s) hashed, {self.joined} joined a story{failed}"]
        lines += [f"  ! {e['url'] or 'stories'}: {e['reason']}" for e in self.errors]
        return "\n".join(lines) + "\n"


def cluster(db, rebuild: bool = False, started_at: str = "") -> Report:
    """Cluster the articles stored or changed since the last run (every article on a rebuild).

    One write transaction from reading to writing, so two crawl processes never cluster the same
    articles at once. An article that cannot be hashed is left for the next run and reported.
    """
    report = Report()
    with storage.writing(db):
        if rebuild:
            storage.clear_stories(db)
        rows, docs = [], []
        for row in storage.story_pending(db):
            try:
                docs.append(make_doc(row))
                rows.append(row)
            except Exception as error:  # noqa: BLE001 (a bad row is reported, never stops the run)
                report.errors.append({"url": row["url"], "reason": f"not clustered: {error!r}"})
        if not rows and not report.errors:
            return report
        long_docs = [d for d in docs if not d.short]
        sigs = signatures(long_docs)
        keys = {d.id: [d.exact] for d in docs if d.short}
        keys.update(zip((d.id for d in long_docs), bands(sigs).tolist()))
        stored = storage.story_band_members(db, {k for ks in keys.values() for k in ks},
                                            set(keys))
        signature_of = dict(zip((d.id for d in long_docs), sigs))
        found = storage.story_signatures(db, {i for ids in stored.values() for i in ids})
        theirs = {i: (np.frombuffer(s, np.uint32), n) for i, (s, n) in found.items()}
        known = {r["id"]: make_doc(r) for r in storage.story_articles(
            db, worth_reading(docs, keys, stored, signature_of, theirs))}
        fresh = {d.id for d in docs if d.story_id is None}
        story = assign(docs, keys, known, stored)
        size = {d.id: None if d.short else len(d.shingles) for d in docs}
        for row in rows:
            mine = signature_of.get(row["id"])
            row.update(signature=None if mine is None else mine.tobytes(), shingles=size[row["id"]],
                       bands=array("q", keys[row["id"]]).tobytes())
        report.hashed = len(rows)
        report.joined = sum(story[i] != i for i in fresh)
        report.run_id = storage.save_stories(db, rows, story, started_at, rebuild, report.joined,
                                             report.errors)
    return report


def cluster_safely(db, rebuild: bool = False, started_at: str = "") -> Report:
    """cluster(), with any failure reported instead of raised: stored articles stay stored."""
    try:
        return cluster(db, rebuild, started_at)
    except Exception as error:  # noqa: BLE001 (clustering must never fail a crawl)
        return Report(errors=[{"url": "", "reason": f"clustering failed: {error!r}"}])


def cluster_file(path, rebuild: bool = False) -> Report:
    """cluster_safely() on the database file at `path`, as a crawl or the nightly run ends."""
    return cluster_safely(storage.open_db(path), rebuild, now_ict().isoformat())


def stories_command(database: str, rebuild: bool = False, run_id: int | None = None) -> int:
    """python -m crawler stories: cluster what is new, then print a clustering run's stories."""
    path = Path(database)
    if not path.exists():
        raise CommandError(f"no database at {path}")
    report = cluster_file(path, rebuild)
    print(report.text(), end="")
    db = storage.open_db(path)
    run = storage.story_run(db, run_id)
    if run is None:
        if run_id:
            raise CommandError(f"no clustering run {run_id}")
        return 0
    rows = storage.story_clusters(db, run["id"])
    count = len({r["story_id"] for r in rows})
    print(f"run {run['id']} ({run['started_at']}): {count} stor{'y' if count == 1 else 'ies'} "
          "with a copy added (+)")
    story = None
    for row in rows:
        if row["story_id"] != story:
            story = row["story_id"]
            print(f"story {story}")
        print(f"  {'+' if row['added'] else ' '} {(row['published_at'] or 'no date')[:10]:<10} "
              f"{row['site']:<10} {row['title']}\n               {row['url']}")
    return 0 if not report.errors else 1

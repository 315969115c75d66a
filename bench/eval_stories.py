"""Story clusters on the mirror's labelled copies and near-misses, after a real crawl, beside a baseline."""
from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

import sqlite_utils

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.mirror import serve  # noqa: E402
from tests.conftest import run_crawl  # noqa: E402
from crawler.mirror.stories import labelled_pairs  # noqa: E402


def story_of(db) -> dict[str, int]:
    return {r["url"]: r["story_id"] for r in db.query("select url, story_id from articles")}


def baseline_of(db) -> dict[str, bytes]:
    """The peer: one story per exact title plus exact body (its content hash)."""
    return {r["url"]: hashlib.sha256(f"{r['title']}\n{r['body']}".encode()).digest()
            for r in db.query("select url, title, body from articles")}


def score(pairs: dict, label: dict) -> dict:
    """Precision and recall of `label` (url → story) over the labelled pairs, and the misses."""
    found = {pair: label[pair[0]] == label[pair[1]] for pair in pairs}
    true_pos = sum(found[p] and truth for p, (truth, _) in pairs.items())
    predicted = sum(found.values())
    positives = sum(truth for truth, _ in pairs.values())
    wrong = sorted((kind, p) for p, (truth, kind) in pairs.items() if found[p] != truth)
    return {"precision": true_pos / predicted if predicted else 1.0,
            "recall": true_pos / positives if positives else 1.0, "wrong": wrong}


def crawl_mirror(path: Path) -> None:
    server = serve(0)
    try:
        result = run_crawl(f"http://127.0.0.1:{server.server_port}", path)
    finally:
        server.shutdown()
    if "stories:" not in result.stdout:
        raise RuntimeError(f"the crawl did not cluster: {result.stdout[-1000:]}{result.stderr[-2000:]}")


def main() -> None:
    pairs = labelled_pairs()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "congdoan.db"
        crawl_mirror(path)
        db = sqlite_utils.Database(path)
        missing = {u for pair in pairs for u in pair} - set(story_of(db))
        if missing:
            raise RuntimeError(f"labelled articles not stored: {sorted(missing)}")
        ours, peer = score(pairs, story_of(db)), score(pairs, baseline_of(db))
    positives = sum(truth for truth, _ in pairs.values())
    print(f"{len(pairs)} labelled pairs after a crawl of the mirror: {positives} copies of one "
          f"story, {len(pairs) - positives} look-alikes that are not")
    print(f"{'method':<44}{'precision':>10}{'recall':>8}")
    print(f"{'MinHash + LSH + containment (crawler/stories)':<44}"
          f"{ours['precision']:>10.3f}{ours['recall']:>8.3f}")
    print(f"{'baseline: exact title + content hash':<44}{peer['precision']:>10.3f}{peer['recall']:>8.3f}")
    for kind, (a, b) in ours["wrong"]:
        print(f"  wrong: {kind}: {a} / {b}")


if __name__ == "__main__":
    main()

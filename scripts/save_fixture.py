"""Save a page as a test case and write its current parse as the expected JSON, for review.

usage: python scripts/save_fixture.py SITE CASE PAGE.html --url URL [--listing] [--fetched-at ISO]
                                     [--evidence FILE]
Adding a case is adding two files (and a meta.json entry): read the JSON before committing it.
"""
import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from crawler.responses import now_ict  # noqa: E402
from tests.fixtures import FILES, write_expected  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site")
    parser.add_argument("case")
    parser.add_argument("page", help="the saved HTML file")
    parser.add_argument("--url", required=True, help="the page's address on the real site")
    parser.add_argument("--listing", action="store_true", help="the page is a listing page")
    parser.add_argument("--listing-date", help="the date the listing row printed for it")
    parser.add_argument("--fetched-at", default=now_ict().isoformat())
    parser.add_argument("--evidence", help="the real-evidence file whose markup the page follows "
                                           "(without it, the page's markup is a guess)")
    args = parser.parse_args()
    folder = FILES / args.site
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(args.page, folder / f"{args.case}.html")
    meta_path = folder / "meta.json"
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    entry = {"url": args.url, "kind": "listing" if args.listing else "article",
             "fetched_at": args.fetched_at}
    if args.listing_date:
        entry["listing_date"] = args.listing_date
    entry["markup"] = "evidence" if args.evidence else "guessed"
    if args.evidence:
        entry["evidence"] = args.evidence
    meta[f"{args.case}.html"] = entry
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    print(f"wrote {write_expected(args.site, args.case)}: review it before committing")


if __name__ == "__main__":
    main()

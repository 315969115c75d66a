"""Write the federation CSV: the same as `python -m crawler export` (see docs/federation-csv.md).

usage: python scripts/export_csv.py [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--province P]
                                    [--site S] [--out FILE.csv] [--db FILE]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from crawler.__main__ import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["export", *sys.argv[1:]]))

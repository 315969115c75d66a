"""Federation CSV export: fixed columns with Vietnamese headers, safe to open in a spreadsheet."""
from __future__ import annotations

import csv
import io
import re
import sys
from datetime import date
from pathlib import Path

from tqdm import tqdm

from crawler import CommandError, storage
from crawler.normalize.provinces import canonical_province

# The column order is a contract with the federation (docs/federation-csv.md): only ever append.
COLUMNS = [
    ("id", "Mã bài"),
    ("published_at", "Ngày đăng"),
    ("date_approximate", "Ngày ước đoán"),
    ("title", "Tiêu đề"),
    ("province", "Tỉnh khi đăng"),
    ("province_now", "Tỉnh hiện nay"),
    ("site", "Trang nguồn"),
    ("category", "Chuyên mục"),
    ("author", "Tác giả"),
    ("photo_credit", "Ảnh"),
    ("source_outlet", "Nguồn đăng lại"),
    ("url", "Địa chỉ bài"),
    ("body", "Nội dung"),
    ("fetched_at", "Thời điểm thu thập"),
    ("story_id", "Mã tin gốc"),
]
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_FROM = 2000  # rows; shorter exports finish before a bar would tell anything


class BadArgument(ValueError):
    """An export option that cannot be right (unknown province or site, impossible date)."""


def cell(column: str, value) -> str:
    if column == "date_approximate":
        return "có" if value else "không"
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def parse_day(option: str, value: str | None) -> str | None:
    if value is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:  # 2024-02-30 and the like
            pass
    raise BadArgument(f"{option} {value!r} is not a real date (YYYY-MM-DD)")


def provinces(names: list[str]) -> list[str]:
    """Canonical spellings of the asked provinces ("tra vinh" → "Trà Vinh")."""
    out = []
    for name in names:
        canon = canonical_province(name)
        if canon is None:
            raise BadArgument(f"unknown province {name!r}")
        out.append(canon)
    return out


def check_sites(db, sites: list[str]) -> list[str]:
    known = storage.site_names(db)
    for site in sites:
        if site not in known:
            raise BadArgument(f"unknown site {site!r} (known: {', '.join(known) or 'none yet'})")
    return sites


def export(db, out, since=None, until=None, province=(), site=(), one_per_story=False) -> int:
    """Write the matching articles to the text stream `out` as CSV; returns the row count.

    one_per_story: only each story's earliest matching copy (crawler/stories.py).

    `out` must be opened with encoding="utf-8-sig" (the BOM spreadsheets need) and newline="".
    """
    since, until = parse_day("--since", since), parse_day("--until", until)
    if since and until and since > until:
        raise BadArgument(f"--since {since} is after --until {until}")
    count, rows = storage.export_rows(db, [c for c, _ in COLUMNS], since, until,
                                      provinces(list(province)), check_sites(db, list(site)),
                                      one_per_story)
    # disable=None hides the bar when stderr is not a terminal (cron logs).
    write_rows(out, tqdm(rows, total=count, unit=" bài", file=sys.stderr,
                         disable=True if count < PROGRESS_FROM else None))
    return count


def write_rows(out, rows) -> None:
    """The header and one line per row (a mapping with every column), CRLF-terminated."""
    writer = csv.writer(out, lineterminator="\r\n")  # minimal quoting, doubled quotes: RFC 4180
    writer.writerow([header for _, header in COLUMNS])
    for row in rows:
        writer.writerow([cell(column, row[column]) for column, _ in COLUMNS])


def export_command(database: str, out: str, since=None, until=None, province=(), site=(),
                   one_per_story=False) -> int:
    """python -m crawler export: to standard output ("-") or to a file a reader never sees half of."""
    path = Path(database)
    if not path.exists():
        raise CommandError(f"no database at {path}")
    db = storage.open_db(path)
    try:
        if out == "-":
            stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8-sig", newline="")
            export(db, stream, since, until, province, site, one_per_story)
            stream.flush()
        else:
            count = export_file(db, Path(out), since, until, province, site, one_per_story)
            print(f"{count} articles written to {out}", file=sys.stderr)
    except (BadArgument, OSError) as error:
        raise CommandError(str(error)) from None
    return 0


def export_file(db, target: Path, since=None, until=None, province=(), site=(),
                one_per_story=False) -> int:
    """Write the CSV beside the target and rename it at the end; nothing is left on a failure."""
    part = target.with_name(target.name + ".part")
    try:
        with part.open("w", encoding="utf-8-sig", newline="") as out:
            count = export(db, out, since, until, province, site, one_per_story)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    part.replace(target)
    return count

"""The federation CSV: exact round trip to the database, spreadsheet-safe cells, filters, bad options."""
from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from crawler import storage
from crawler.export import COLUMNS, FORMULA_START
from crawler.items import Article

ROOT = Path(__file__).resolve().parents[1]
HEADERS = ["Mã bài", "Ngày đăng", "Ngày ước đoán", "Tiêu đề", "Tỉnh khi đăng", "Tỉnh hiện nay",
           "Trang nguồn", "Chuyên mục", "Tác giả", "Ảnh", "Nguồn đăng lại", "Địa chỉ bài",
           "Nội dung", "Thời điểm thu thập"]
SITES = {"tra_vinh": ("Trà Vinh", "Vĩnh Long", "congdoantravinh.com.vn"),
         "can_tho": ("Cần Thơ", "Cần Thơ", "congdoan.cantho.gov.vn"),
         "soc_trang": ("Sóc Trăng", "Cần Thơ", "ldldsoctrang.soctrang.gov.vn")}


def article(site: str, slug: str, title: str, published: str | None, **extra) -> Article:
    province, now, host = SITES[site]
    return Article(url=f"https://{host}/{slug}", site=site, host=host, province=province,
                   province_now=now, title=title, published_at=published,
                   body=extra.pop("body", f"{title}.\nĐoàn viên công đoàn tham dự đông đủ."),
                   fetched_at="2026-11-21T02:20:00+07:00", method="selectors",
                   parser_version="test/1", **extra)


ARTICLES = [
    article("tra_vinh", "trao-qua-tet", 'Trao quà Tết "Sum vầy", tặng 200 suất cho đoàn viên',
            "2024-01-25T08:00:00+07:00", author="BẢO NGÂN", category="Tin tổng hợp",
            body="Sáng 25/01, Liên đoàn Lao động tỉnh trao quà.\nMỗi suất trị giá 500.000 đồng, "
                 "gồm tiền mặt và \"nhu yếu phẩm\"."),
    article("tra_vinh", "cong-thuc", "=HYPERLINK(\"http://vi-du.test\",\"Bấm vào đây\")",
            "2024-03-08T09:00:00+07:00", author="@admin", category="+ Tin nhanh",
            body="-Công đoàn cơ sở họp mặt nhân Ngày Quốc tế Phụ nữ.\n- Tặng hoa và quà."),
    article("can_tho", "ngay-hoi-cong-nhan", "Ngày hội công nhân quận Ninh Kiều",
            "2019-05-02", date_approximate=True, source_outlet="laodong.vn",
            photo_credit="NGỌC TRÂM"),
    article("soc_trang", "hoi-thao", "Hội thao CNVCLĐ tỉnh Sóc Trăng năm 2023",
            "2023-09-10T07:30:00+07:00", category="Hoạt động công đoàn"),
    article("can_tho", "khong-ngay", "Tọa đàm về nhà ở xã hội cho công nhân", None),
]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "congdoan.db"
    db = storage.open_db(path)
    storage.save_articles(db, ARTICLES)
    storage.save_sites(db, [{"name": s, "label": s, "province": p, "province_now": n,
                             "domains": [h], "status": "archive", "notes": ""}
                            for s, (p, n, h) in SITES.items()])
    return path


def export(db_path: Path, *args: str, script: bool = False) -> subprocess.CompletedProcess:
    command = [sys.executable, "scripts/export_csv.py"] if script else [
        sys.executable, "-m", "crawler", "export"]
    return subprocess.run([*command, "--db", str(db_path), *args], cwd=ROOT, capture_output=True,
                          timeout=60)


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, strict=True))


def unguard(cell: str) -> str:
    return cell[1:] if cell[:1] == "'" and cell[1:].startswith(FORMULA_START) else cell


@pytest.fixture(scope="module")
def exported(db_path):
    out = db_path.parent / "lien-doan.csv"
    result = export(db_path, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_file_is_utf8_with_bom_and_crlf_records(exported):
    raw = exported.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.split(b"\r\n")[0].decode("utf-8-sig") == ",".join(HEADERS)
    assert raw.endswith(b"\r\n") and raw.count(b"\r\n") == len(ARTICLES) + 1


def test_read_back_with_csv_equals_the_database_rows(exported, db_path):
    header, *records = read(exported)
    assert header == HEADERS
    db = storage.open_db(db_path)
    columns = [c for c, _ in COLUMNS]
    expected = [[("có" if v else "không") if c == "date_approximate" else "" if v is None else str(v)
                 for c, v in zip(columns, row)]
                for row in db.execute(f"select {', '.join(columns)} from articles "
                                      "order by published_at is null, published_at, id")]
    assert [[unguard(cell) for cell in record] for record in records] == expected
    assert [r[1][:10] for r in records] == ["2019-05-02", "2023-09-10", "2024-01-25", "2024-03-08", ""]


def test_cells_a_spreadsheet_would_run_as_formulas_are_guarded(exported):
    record = next(r for r in read(exported)[1:] if "cong-thuc" in r[11])
    assert record[3] == "'=HYPERLINK(\"http://vi-du.test\",\"Bấm vào đây\")"
    assert (record[8], record[7]) == ("'@admin", "'+ Tin nhanh")
    assert record[12].startswith("'-Công đoàn") and "\n- Tặng hoa" in record[12]
    assert not [cell for r in read(exported) for cell in r if cell.startswith(FORMULA_START)]


@pytest.mark.parametrize("args,slugs", [
    (["--since", "2023-09-10", "--until", "2024-01-25"], ["hoi-thao", "trao-qua-tet"]),
    (["--province", "Sóc Trăng"], ["hoi-thao"]),
    # Cần Thơ now covers Sóc Trăng.
    (["--province", "can tho"], ["ngay-hoi-cong-nhan", "hoi-thao", "khong-ngay"]),
    (["--province", "Trà Vinh", "--province", "Vĩnh Long"], ["trao-qua-tet", "cong-thuc"]),
    (["--site", "can_tho"], ["ngay-hoi-cong-nhan", "khong-ngay"]),
])
def test_filters(db_path, tmp_path, args, slugs):
    out = tmp_path / "loc.csv"
    assert export(db_path, *args, "--out", str(out)).returncode == 0
    assert [r[11].rsplit("/", 1)[1] for r in read(out)[1:]] == slugs


@pytest.mark.parametrize("args,message", [
    (["--province", "Hà Nội"], "error: unknown province 'Hà Nội'"),
    (["--since", "2024-02-30"], "error: --since '2024-02-30' is not a real date (YYYY-MM-DD)"),
    (["--until", "25/01/2024"], "error: --until '25/01/2024' is not a real date (YYYY-MM-DD)"),
    (["--since", "2024-05-01", "--until", "2024-01-01"],
     "error: --since 2024-05-01 is after --until 2024-01-01"),
    (["--site", "ha_noi"], "error: unknown site 'ha_noi' (known: can_tho, soc_trang, tra_vinh)"),
])
def test_bad_arguments_give_one_line_and_no_file(db_path, tmp_path, args, message):
    out = tmp_path / "sai.csv"
    result = export(db_path, *args, "--out", str(out))
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [message]
    assert list(tmp_path.iterdir()) == []


def test_script_and_standard_output_give_the_same_bytes(db_path, exported):
    assert export(db_path, script=True).stdout == exported.read_bytes()


def test_libreoffice_opens_it_with_vietnamese_intact(exported, tmp_path):
    # Comma, double quote, UTF-8 (76), from row 1: the Text Import dialog's choices for this file.
    # Headless LibreOffice 7.4 would otherwise assume Windows-1252 and ignore the BOM.
    result = subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,76,1", "--convert-to",
                             "xlsx", "--outdir", str(tmp_path), str(exported)], capture_output=True,
                            text=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)})
    book = tmp_path / "lien-doan.xlsx"
    assert book.exists(), result.stdout + result.stderr
    with zipfile.ZipFile(book) as z:
        shared = z.read("xl/sharedStrings.xml").decode("utf-8")
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    strings = [unescape(s) for s in re.findall(r"<t[^>]*>(.*?)</t>", shared, re.S)]
    for header in HEADERS:
        assert header in strings
    for item in ARTICLES:  # a guarded cell stays text, apostrophe and all
        assert ("'" if item.title.startswith(FORMULA_START) else "") + item.title in strings
    assert "Ngày hội công nhân quận Ninh Kiều" in strings and "Cần Thơ" in strings
    assert "<f>" not in sheet  # no cell became a formula
    assert len(re.findall(r"<row ", sheet)) == len(ARTICLES) + 1


def unescape(text: str) -> str:
    return (text.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<")
            .replace("&gt;", ">").replace("&amp;", "&"))

"""Rules that are one site's, kept in its spider and applied by its extract_page: Lao Động's byline
row, Lâm Đồng's print link on the title line, Liferay's page chrome around a Sóc Trăng article."""
from __future__ import annotations

import pytest

from crawler.items import RawArticle
from crawler.normalize import normalize_article
from spiders.lam_dong import PRINT_LINK, without_print_link
from spiders.lao_dong import split_byline
from spiders.soc_trang import liferay_chrome

LEAD = "Công đoàn cơ sở tổ chức ngày hội gia đình công nhân với nhiều trò chơi dân gian."


def raw(**fields) -> RawArticle:
    return RawArticle(**{"url": "u", "site": "s", "host": "h", "fetched_at": "2024-01-01T00:00:00+07:00",
                         "method": "selectors", "title": "Tiêu đề",
                         "blocks": [{"kind": "text", "text": LEAD}], **fields})


def test_lao_dong_byline_row_gives_the_writer_and_the_date():
    row = "HOÀI THƯƠNG LDO | 22/12/2023 18:17"
    article = normalize_article(split_byline(raw(credit=row, dateline=row)), province="Cần Thơ",
                                parser_version="v")
    assert (article.author, article.photo_credit, article.source_outlet) == ("HOÀI THƯƠNG", None, None)
    assert (article.published_at, article.date_approximate) == ("2023-12-22T18:17:00+07:00", False)


def test_lao_dong_byline_row_repeated_in_the_body_goes():
    blocks = [{"kind": "text", "text": "NGỌC TRÂM LDO | 05/11/2023 07:30"}, {"kind": "text", "text": LEAD}]
    assert split_byline(raw(blocks=blocks)).blocks == [{"kind": "text", "text": LEAD}]


def test_a_credit_without_the_byline_row_is_left_alone():
    assert split_byline(raw(credit="KHÁNH AN - MỸ DUYÊN")).credit == "KHÁNH AN - MỸ DUYÊN"


@pytest.mark.parametrize("title,expected", [
    ("Đổi mới hoạt động nữ công ở cơ sở In trang", "Đổi mới hoạt động nữ công ở cơ sở"),
    ("Đổi mới hoạt động nữ công ở cơ sở | In trang", "Đổi mới hoạt động nữ công ở cơ sở"),
    ("Đổi mới hoạt động nữ công ở cơ sở", "Đổi mới hoạt động nữ công ở cơ sở"),
    ("Nhà máy In trang phục", "Nhà máy In trang phục"),
])
def test_lam_dong_print_link_leaves_the_title(title, expected):
    assert without_print_link(raw(title=title)).title == expected
    assert PRINT_LINK.sub("", title) == expected


def test_lam_dong_print_line_in_the_body_goes_and_real_text_stays():
    text = "In trang phục truyền thống, các vận động viên diễu hành quanh sân."
    blocks = [{"kind": "text", "text": "Tiêu đề In trang"}, {"kind": "text", "text": text}]
    assert without_print_link(raw(blocks=blocks)).blocks == [{"kind": "text", "text": text}]


@pytest.mark.parametrize("line,expected", [
    ("TIN HOẠT ĐỘNG TIN HOẠT ĐỘNG", True),
    ("TIN TỨC SỰ KIỆN TIN TỨC SỰ KIỆN", True),
    ("Các tin liên quan | Ngày đăng |", True),
    ("---|---|", True),
    ("Hội thao công nhân lao động năm 2025 | 29/05/2025 |", True),
    ("Công đoàn tỉnh tổ chức hội thao", False),
    ("Hát vang hát vang", False),  # a doubled phrase in lower case is text
])
def test_soc_trang_liferay_chrome(line, expected):
    assert liferay_chrome(line) is expected

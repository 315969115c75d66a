"""Captions: which line under a photo is its caption; the photo credit split out of it."""
from __future__ import annotations

import pytest

from crawler.items import RawArticle
from crawler.normalize import normalize_article
from crawler.normalize.captions import is_placeholder, looks_like_caption, usable_alt
from spiders.lam_dong import without_print_link

TITLE = "Công đoàn huyện trao mái ấm cho đoàn viên"
BEFORE = "Sáng 12/3, Công đoàn huyện phối hợp với chính quyền xã trao tặng mái ấm cho một đoàn viên khó khăn."
AFTER = "Căn nhà được xây dựng trong hai tháng với tổng kinh phí 60 triệu đồng, do công đoàn và người thân cùng góp."
IMG = "https://example.vn/media/anh-1.jpg"


def _run(lines_after_image, alt=None, caption=None):
    blocks = [{"kind": "text", "text": BEFORE},
              {"kind": "image", "src": IMG, "alt": alt, "caption": caption}]
    blocks += [{"kind": "text", "text": t} for t in lines_after_image]
    blocks.append({"kind": "text", "text": AFTER})
    raw = RawArticle(url="https://example.vn/a", site="t", host="example.vn",
                     fetched_at="2024-03-20T09:00:00+07:00", method="selectors", title=TITLE, blocks=blocks)
    art = normalize_article(raw, province="Cần Thơ", parser_version="test")
    return art.images, art.body.split("\n")


# (lines under the image, alt, figcaption, expected caption, expected credit, lines that stay in the body)
CASES = [
    (["Đ/c Trần Văn Bảy (bên phải) trao quyết định cho gia đình anh Tâm"], None, None,
     "Đ/c Trần Văn Bảy (bên phải) trao quyết định cho gia đình anh Tâm", None, []),
    (["Đồng chí Lý Thu Hà phát biểu tại buổi lễ."], None, None,
     "Đồng chí Lý Thu Hà phát biểu tại buổi lễ.", None, []),
    (["Quang cảnh buổi lễ bàn giao"], None, None, "Quang cảnh buổi lễ bàn giao", None, []),
    (["Lãnh đạo huyện cắt băng khánh thành."], None, None, "Lãnh đạo huyện cắt băng khánh thành.", None, []),
    (["Các đại biểu tham quan căn nhà mới."], None, None, "Các đại biểu tham quan căn nhà mới.", None, []),
    (["Gia đình anh Tâm vui mừng nhận nhà mới. Ảnh: Ngọc Hân"], None, None,
     "Gia đình anh Tâm vui mừng nhận nhà mới.", "Ngọc Hân", []),
    (["Niềm vui của gia đình đoàn viên"], None, None, "Niềm vui của gia đình đoàn viên", None, []),
    ([TITLE + " - Ảnh 1.", "Đại diện công đoàn trao chìa khóa nhà"], None, None,
     "Đại diện công đoàn trao chìa khóa nhà", None, []),
    ([TITLE + " - Ảnh 2.", "Đại diện công đoàn trao chìa khóa nhà cho chị Hoa."], None, None,
     "Đại diện công đoàn trao chìa khóa nhà cho chị Hoa.", None, []),
    ([TITLE + " - Ảnh 3."], "Cán bộ công đoàn thăm hỏi gia đình", None,
     "Cán bộ công đoàn thăm hỏi gia đình", None, []),
    (["Ảnh: Minh Khang"], None, None, None, "Minh Khang", []),
    # no caption line: the image's own texts
    ([], "Trao mái ấm công đoàn tại xã Thạnh Phú", None, "Trao mái ấm công đoàn tại xã Thạnh Phú", None, []),
    ([], "Ảnh minh họa khác", "Đoàn viên nhận chìa khóa. Ảnh: Hữu Tài", "Đoàn viên nhận chìa khóa.", "Hữu Tài", []),
    ([], TITLE, None, None, None, []),  # alt repeating the title is no caption
    ([], "IMG_20240312_0915.jpg", None, None, None, []),  # nor is a file name
    (["Đoàn viên nhận chìa khóa"], None, "Đoàn viên nhận chìa khóa", "Đoàn viên nhận chìa khóa", None, []),
    # a marked-up figcaption wins; a short line after it is text (a sub-heading here)
    (["Nhiều hoạt động ý nghĩa"], None, "Đoàn viên nhận chìa khóa", "Đoàn viên nhận chìa khóa", None,
     ["Nhiều hoạt động ý nghĩa"]),
    (["(Ảnh: Bảo Trân)"], None, None, None, "Bảo Trân", []),
    ([TITLE], None, None, None, None, []),  # a caption repeating the title is dropped
    # real paragraphs after a photo stay in the body
    (["Theo ông Bảy, từ đầu năm đến nay công đoàn huyện đã vận động xây dựng ba căn nhà cho đoàn viên."],
     None, None, None, None,
     ["Theo ông Bảy, từ đầu năm đến nay công đoàn huyện đã vận động xây dựng ba căn nhà cho đoàn viên."]),
    (["Được biết, đây là căn nhà thứ năm trong năm."], None, None, None, None,
     ["Được biết, đây là căn nhà thứ năm trong năm."]),
    (["Chị Hoa xúc động chia sẻ:"], None, None, None, None, ["Chị Hoa xúc động chia sẻ:"]),
]


@pytest.mark.parametrize("after,alt,figcap,caption,credit,kept", CASES, ids=[str(i) for i in range(len(CASES))])
def test_caption(after, alt, figcap, caption, credit, kept):
    images, body = _run(after, alt=alt, caption=figcap)
    assert images == [{"url": IMG, "caption": caption, "credit": credit}]
    assert body == [BEFORE, *kept, AFTER]


def test_placeholder_without_image_takes_its_caption_along():
    raw = RawArticle(url="u", site="t", host="h", fetched_at="2024-03-20T09:00:00+07:00", method="selectors",
                     title=TITLE, blocks=[{"kind": "text", "text": t} for t in
                                          (BEFORE, TITLE + " - Ảnh 1.", "Đại biểu dự lễ", AFTER)])
    art = normalize_article(raw, province="Cần Thơ", parser_version="test")
    assert art.body == BEFORE + "\n" + AFTER
    assert art.images == []


def test_images_are_deduplicated_in_order():
    blocks = [{"kind": "image", "src": "https://e.vn/1.jpg", "alt": None, "caption": None},
              {"kind": "text", "text": BEFORE},
              {"kind": "image", "src": "https://e.vn/2.jpg", "alt": "Đoàn viên nhận quà", "caption": None},
              {"kind": "image", "src": "https://e.vn/1.jpg", "alt": "Quang cảnh lễ trao", "caption": None},
              {"kind": "text", "text": AFTER}]
    raw = RawArticle(url="u", site="t", host="h", fetched_at="2024-03-20T09:00:00+07:00", method="selectors",
                     title=TITLE, blocks=blocks)
    art = normalize_article(raw, province="Cần Thơ", parser_version="test")
    assert art.images == [
        {"url": "https://e.vn/1.jpg", "caption": "Quang cảnh lễ trao", "credit": None},
        {"url": "https://e.vn/2.jpg", "caption": "Đoàn viên nhận quà", "credit": None},
    ]


@pytest.mark.parametrize("line,expected", [
    ("Cần Thơ bồi dưỡng cán bộ - Ảnh 1.", True),
    ("Cần Thơ bồi dưỡng cán bộ - Ảnh 12", True),
    ("Ảnh 1 cho thấy điều đó", False),
    ("Hội thao - Ảnh: Minh Khang", False),
])
def test_is_placeholder(line, expected):
    assert is_placeholder(line) is expected


@pytest.mark.parametrize("line,expected", [
    ("Quang cảnh hội nghị", True),
    ("Đ/c Nguyễn Văn Tâm trao quà.", True),
    ("Các vận động viên thi đấu sôi nổi. Ảnh: Bảo Trân", True),
    ("Hội nghị đã thông qua nghị quyết.", False),
    ("Anh Tuấn kể:", False),
    (" ".join(["chữ"] * 31), False),
])
def test_looks_like_caption(line, expected):
    assert looks_like_caption(line) is expected


@pytest.mark.parametrize("alt,expected", [
    ("Trao quà cho công nhân", True),
    (TITLE, False),
    ("anh-hoi-nghi.JPG", False),
    ("20240312_091500", False),
    ("Ảnh 3", False),
    ("", False),
    (None, False),
])
def test_usable_alt(alt, expected):
    assert usable_alt(alt, TITLE) is expected


def test_name_on_the_last_line_under_a_photo_is_the_byline():
    blocks = [{"kind": "text", "text": BEFORE}, *_img_block(), {"kind": "text", "text": "HOÀI THƯƠNG"}]
    raw = RawArticle(url="u", site="t", host="h", fetched_at="2024-03-20T09:00:00+07:00", method="selectors",
                     title=TITLE, blocks=blocks)
    art = normalize_article(raw, province="Sóc Trăng", parser_version="test")
    assert (art.body, art.author, art.images) == (BEFORE, "HOÀI THƯƠNG", [{"url": IMG, "caption": None, "credit": None}])


def test_print_line_stands_in_for_a_missing_title():
    # No title from extraction: Lâm Đồng's "<title> In trang" line gives it, so the caption lines
    # that repeat the title are recognised.
    blocks = [{"kind": "text", "text": TITLE + " In trang"}, {"kind": "text", "text": BEFORE}, *_img_block(),
              {"kind": "text", "text": TITLE}, {"kind": "text", "text": TITLE}, {"kind": "text", "text": AFTER}]
    raw = RawArticle(url="u", site="t", host="h", fetched_at="2024-03-20T09:00:00+07:00", method="trafilatura",
                     title=None, blocks=blocks)
    art = normalize_article(without_print_link(raw), province="Lâm Đồng", parser_version="test")
    assert (art.title, art.body) == (TITLE, BEFORE + "\n" + AFTER)
    assert art.images == [{"url": IMG, "caption": None, "credit": None}]


def _img_block():
    return [{"kind": "image", "src": IMG, "alt": None, "caption": None}]

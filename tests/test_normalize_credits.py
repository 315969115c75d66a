"""Credit lines, byline names and photo credits in captions."""
from __future__ import annotations

import pytest

from crawler.normalize.credits import credit_line, is_name, split_photo_credit, trailing_credits

# (line, author, photo_credit, source_outlet); None in all three means "not a credit line"
CREDIT_LINES = [
    ("Tin, ảnh: Liên đoàn Lao động quận Ô Môn", "Liên đoàn Lao động quận Ô Môn",
     "Liên đoàn Lao động quận Ô Môn", None),
    ("Tin, ảnh : Công đoàn ngành Y tế.", "Công đoàn ngành Y tế", "Công đoàn ngành Y tế", None),
    ("Tin và ảnh: Bảo Ngọc", "Bảo Ngọc", "Bảo Ngọc", None),
    ("Tin-ảnh: HOÀNG LONG", "HOÀNG LONG", "HOÀNG LONG", None),
    ("Bài, ảnh: Thanh Tâm", "Thanh Tâm", "Thanh Tâm", None),
    ("Bài và ảnh: NHẬT HUY", "NHẬT HUY", "NHẬT HUY", None),
    ("Tin: Kim Ngân - Ảnh: Hữu Phước", "Kim Ngân", "Hữu Phước", None),
    ("Tin: Kim Ngân – Ảnh: Hữu Phước.", "Kim Ngân", "Hữu Phước", None),
    ("Bài: Lê Hoàng", "Lê Hoàng", None, None),
    ("Ảnh: Quốc Việt", None, "Quốc Việt", None),
    ("Tin, ảnh: Xuân Mai - Liên đoàn Lao động huyện Cờ Đỏ", "Xuân Mai - Liên đoàn Lao động huyện Cờ Đỏ",
     "Xuân Mai - Liên đoàn Lao động huyện Cờ Đỏ", None),
    ("Tin, ảnh: Ban Tổ chức - Kiểm tra LĐLĐ tỉnh", "Ban Tổ chức - Kiểm tra LĐLĐ tỉnh",
     "Ban Tổ chức - Kiểm tra LĐLĐ tỉnh", None),
    ("Tin, ảnh: Thuý Hằng", "Thuý Hằng", "Thuý Hằng", None),  # clean_text is the caller's job
    ("Tin, ảnh: Hữu Tài (LĐLĐ huyện Châu Thành)", "Hữu Tài (LĐLĐ huyện Châu Thành)",
     "Hữu Tài (LĐLĐ huyện Châu Thành)", None),
    ("(Tin, ảnh: Hữu Tài)", "Hữu Tài", "Hữu Tài", None),
    ("Theo laodong.vn", None, None, "laodong.vn"),
    ("Theo Báo Lao Động", None, None, "laodong.vn"),
    ("(Theo Người Lao Động)", None, None, "nld.com.vn"),
    ("Theo Minh Tú", "Minh Tú", None, None),
    ("(Theo TTXVN)", None, None, "TTXVN"),
    ("Nguồn: Báo Sóc Trăng", None, None, "baosoctrang.org.vn"),
    ("Nguồn: https://baocantho.com.vn/khoi-cong-mai-am-a1234.html", None, None, "baocantho.com.vn"),
    ("Nguồn: Cổng thông tin điện tử tỉnh", None, None, "Cổng thông tin điện tử tỉnh"),
    ("https://laodong.vn/ldld-soc-trang/hoi-thao-mung-xuan-123456.ldo", None, None, "laodong.vn"),
    ("https://amp.laodong.vn/cong-doan/bai-viet-1.ldo", None, None, "laodong.vn"),
    ("http://www.congdoan.vn/tin-tuc/doi-song-cong-nhan-503/bai-952.tld", None, None, "congdoan.vn"),
    # not credits
    ("Theo đó, các công đoàn cơ sở sẽ rà soát danh sách đoàn viên khó khăn.", None, None, None),
    ("Theo kế hoạch, hội thao kéo dài ba ngày.", None, None, None),
    ("Tin vui đến với 30 đoàn viên được nhận mái ấm công đoàn.", None, None, None),
    ("Ảnh hưởng của bão khiến nhiều công nhân mất việc.", None, None, None),
]


@pytest.mark.parametrize("line,author,photo,outlet", CREDIT_LINES, ids=[c[0][:40] for c in CREDIT_LINES])
def test_credit_line(line, author, photo, outlet):
    got = credit_line(line)
    if author is photo is outlet is None:
        assert got is None
    else:
        want = {k: v for k, v in (("author", author), ("photo_credit", photo), ("source_outlet", outlet)) if v}
        assert {k: v for k, v in got.items() if v} == want


NAMES = [
    ("HOÀI THƯƠNG", True),
    ("BẢO NGÂN", True),
    ("QUỐC HƯNG", True),
    ("KHÁNH AN - MỸ DUYÊN", True),
    ("Diệu Hiền", True),
    ("Lý Thảo", True),
    ("Ngọc Trâm", True),
    ("Nguyễn Thị Hữu Lộc", True),
    ("Hội nghị kết thúc thành công.", False),  # a sentence
    ("Các đại biểu chụp ảnh lưu niệm", False),  # lower-case words
    ("LĐLĐ TỈNH TRÀ VINH", False),  # a unit, not a person
    ("Năm 2024", False),
    ("Back", False),
    ("Nguyễn Văn A B C D E", False),  # too many words for a name
    ("HẾT", False),
    ("Hội Nghị Thành Công", False),
]


@pytest.mark.parametrize("line,expected", NAMES)
def test_is_name(line, expected):
    assert is_name(line) is expected


PHOTO_CREDITS = [
    ("Trao quà cho đoàn viên tại tỉnh Sóc Trăng. Ảnh: Hoài Thương", "Trao quà cho đoàn viên tại tỉnh Sóc Trăng.",
     "Hoài Thương"),
    ("Lãnh đạo LĐLĐ huyện trao cúp vô địch. Ảnh: Công đoàn huyện Mỹ Tú",
     "Lãnh đạo LĐLĐ huyện trao cúp vô địch.", "Công đoàn huyện Mỹ Tú"),
    ("Các đội thi kéo co sôi nổi (Ảnh: Hải Đăng)", "Các đội thi kéo co sôi nổi", "Hải Đăng"),
    ("Quang cảnh hội nghị - Ảnh: T.L", "Quang cảnh hội nghị", "T.L"),
    ("Ảnh: Hồng Nhung", None, "Hồng Nhung"),
    ("Quang cảnh hội nghị", "Quang cảnh hội nghị", None),
    ("Đồng chí Tư phát biểu. ảnh: Ngọc Hân.", "Đồng chí Tư phát biểu.", "Ngọc Hân"),
    ("Ảnh hưởng của mưa lớn tới buổi lễ", "Ảnh hưởng của mưa lớn tới buổi lễ", None),
    ("Trao học bổng cho con đoàn viên. Ảnh: LĐLĐ", "Trao học bổng cho con đoàn viên.", "LĐLĐ"),
    ("Người lao động nhận quà Tết, Ảnh: Minh Khôi", "Người lao động nhận quà Tết", "Minh Khôi"),
    ("Họa sĩ tặng ảnh: chân dung công nhân", "Họa sĩ tặng ảnh: chân dung công nhân", None),
]


@pytest.mark.parametrize("caption,text,credit", PHOTO_CREDITS, ids=[c[0][:40] for c in PHOTO_CREDITS])
def test_split_photo_credit(caption, text, credit):
    assert split_photo_credit(caption) == (text, credit)


BODY = "Buổi lễ diễn ra trong không khí ấm cúng, thể hiện tình cảm của tổ chức công đoàn."
TRAILING = [
    ([BODY, "Tin, ảnh: BẢO NGÂN"], {"author": "BẢO NGÂN", "photo_credit": "BẢO NGÂN"}),
    ([BODY, "Lý Thảo"], {"author": "Lý Thảo"}),
    ([BODY, "HOÀI THƯƠNG", "Theo laodong.vn"], {"author": "HOÀI THƯƠNG", "source_outlet": "laodong.vn"}),
    ([BODY, "Tin: Hà Vy - Ảnh: Gia Bảo"], {"author": "Hà Vy", "photo_credit": "Gia Bảo"}),
    ([BODY, "Ảnh: Gia Bảo"], {"photo_credit": "Gia Bảo"}),
    ([BODY, "Nguồn: Báo Sóc Trăng"], {"source_outlet": "baosoctrang.org.vn"}),
    ([BODY, "Diệu Hiền", "https://laodong.vn/x-1.ldo"], {"author": "Diệu Hiền", "source_outlet": "laodong.vn"}),
    ([BODY], {}),
    ([BODY, "Hội nghị đã bế mạc sau một ngày làm việc."], {}),
    (["Lý Thảo"], {}),  # a lone name line is kept: nothing else would be left of the body
]


@pytest.mark.parametrize("lines,fields", TRAILING, ids=[" / ".join(c[0][1:]) or "body-only" for c in TRAILING])
def test_trailing_credits(lines, fields):
    rest, found = trailing_credits(lines)
    assert found == fields
    assert rest == lines[: len(rest)]
    assert all(not line.startswith(("Tin,", "Tin:", "Ảnh:", "Theo ", "Nguồn", "http")) for line in rest)

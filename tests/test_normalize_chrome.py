"""Chrome-line predicates: what is page furniture, and real sentences that only look like it."""
from __future__ import annotations

import pytest

from crawler.normalize.chrome import is_banner, is_chrome, is_stop, is_teaser_of

CHROME = [
    # banners
    "NHIỆT LIỆT CHÀO MỪNG ĐẠI HỘI CÔNG ĐOÀN TỈNH LẦN THỨ XI",
    "TOÀN ĐẢNG, TOÀN DÂN ĐOÀN KẾT XÂY DỰNG QUÊ HƯƠNG",
    "ĐẢNG CỘNG SẢN VIỆT NAM QUANG VINH MUÔN NĂM!",
    "THI ĐUA LẬP THÀNH TÍCH CHÀO MỪNG NGÀY QUỐC KHÁNH 2/9 !",
    # navigation, portlets
    "In trang",
    "Back",
    "Quay lại",
    "TIN HOẠT ĐỘNG",
    # counters and visitor widgets
    "Lượt xem: 264",
    "Lượt xem:1.204",
    "Thống kê truy cập",
    "  •  Đang online: 19",
    "• Trong tuần: 4.127",
    "Trong tháng: 21.836",
    "Trong năm: 318.245",
    "  • 001357924",
    "•",
    "Liên kết website",
    # footer widgets
    "7701234500098765",
    "0909000147",
    "0918 544 418",
    "02943.862.456",
    "congdoantravinh",
    "Điện thoại: 0290 3 822 111",
    "Email: bbt@congdoan.example.vn",
    # related news
    "Tin liên quan",
    "Tin khác",
    "Các tin khác:",
    # read-more, copyright, share and print
    "Đọc toàn bộ bài viết",
    "@2024",
    "© 2024 Bản quyền thuộc LĐLĐ tỉnh",
    "Chia sẻ",
    "Facebook",
    "Zalo",
    "Twitter",
    "Chia sẻ: Facebook | Zalo | Twitter",
    "Bản in",
    "Gửi email",
    # datelines repeated inside the body
    "30/04/2023 10:20 CH",
    "Thứ hai, 05/06/2023 - 08:15",
    "Cập nhật: 08:15 26/04/2023 (GMT+7)",
    "1 tuần trước",
    "3 giờ trước kia 2",
    # stray image markup
    "/Portals/4/media/newsimage/2023/anh-tap-huan.jpg)",
    "![](https://example.vn/a.png)",
]


@pytest.mark.parametrize("line", CHROME)
def test_chrome_line(line):
    assert is_chrome(line)


NOT_CHROME = [
    "Lượt xem các video tuyên truyền trên mạng xã hội tăng gấp đôi so với năm trước.",
    "Chia sẻ tại buổi gặp mặt, chị Lan mong công đoàn tiếp tục hỗ trợ công nhân nữ.",
    "Tin liên quan đến chế độ nghỉ phép được Ban Nữ công giải đáp ngay tại hội nghị.",
    "Facebook và Zalo là hai kênh tuyên truyền chính của công đoàn cơ sở năm nay.",
    "Đại hội thành công tốt đẹp!",
    "Ông Tâm cho biết: “Chúng tôi sẽ tiếp tục cố gắng!”",
    "Back to school là chủ đề của chương trình dành cho con công nhân.",
    "Trong năm, công đoàn đã thăm hỏi 120 đoàn viên có hoàn cảnh khó khăn.",
    "In trang phục truyền thống, các vận động viên diễu hành quanh sân.",
    "Tin, ảnh: BẢO NGÂN",
    "Lý Thảo",
    "Hội thao công nhân lao động",
    "Ngày 20/01/2022, LĐLĐ tỉnh trao 200 phần quà cho đoàn viên.",
    "Số điện thoại đường dây nóng của công đoàn là 1900 0000.",
    "Lễ ra quân được tổ chức tại trụ sở Liên đoàn Lao động tỉnh.",
    "Ngày 24-9, LĐLĐ thành phố khai mạc lớp bồi dưỡng cán bộ.",
    "Nhiệm kỳ 2023 - 2028",
    "Người dự thi gửi ảnh định dạng .jpg hoặc .png",
    "3 giờ trước khi khai mạc, các đội đã có mặt đông đủ tại sân vận động huyện.",
]


@pytest.mark.parametrize("line", NOT_CHROME)
def test_real_sentence_is_not_chrome(line):
    assert not is_chrome(line)


def test_banner_needs_capitals():
    assert is_banner("CHÀO MỪNG NĂM MỚI 2024!")
    assert not is_banner("Chào mừng năm mới 2024!")
    assert not is_banner("LĐLĐ TỈNH TỔ CHỨC HỘI NGHỊ TẬP HUẤN")  # an all-caps title, no "!"


STOPS = [
    ("Các tin liên quan | Ngày đăng |", True),
    ("Tin liên quan", True),
    ("TIN KHÁC", True),
    ("Liên kết website", True),
    ("Tin khác về công tác nữ công được đăng tải trên trang.", False),
]


@pytest.mark.parametrize("line,expected", STOPS)
def test_stop_headers(line, expected):
    assert is_stop(line) is expected


LEAD = "Sáng ngày 5/3/2024, LĐLĐ huyện Thới Lai tổ chức lễ trao mái ấm công đoàn cho đoàn viên"
TEASERS = [
    (LEAD[:60] + "...", LEAD + ".", True),
    (LEAD[:60] + "…", LEAD + ".", True),
    (LEAD + ".", LEAD + ".", True),
    (LEAD, LEAD + ", với tổng kinh phí 60 triệu đồng.", True),
    ("Ngắn...", "Ngắn gọn là tốt.", False),
    (LEAD + ".", "Buổi lễ có sự tham dự của lãnh đạo địa phương.", False),
]


@pytest.mark.parametrize("line,following,expected", TEASERS)
def test_teaser(line, following, expected):
    assert is_teaser_of(line, following) is expected

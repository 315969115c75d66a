"""Benchmark: normalize_article on a typical ~3,000-character article, and parse_date on the dateline
shapes the sites print, each beside dateparser alone on a dateline."""
from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from crawler.items import RawArticle  # noqa: E402
from crawler.normalize import fold, normalize_article  # noqa: E402
from crawler.normalize.dates import parse_date  # noqa: E402

FETCHED_AT = "2024-05-02T08:00:00+07:00"
DATELINE = "Thứ ba, 30/04/2023 10:20 CH"
# One of each shape the regex paths read (dateparser is the fallback for none of them).
DATELINES = ["30/04/2023 10:20 CH", "Thứ ba, 25 Tháng 1 2022 16:22", "Ngày 24-9", "2 giờ trước",
             "HOÀI THƯƠNG LDO | 22/12/2023 18:17", "2023-04-30T22:20:00+07:00", "Tin, ảnh: HỮU TÂM"]
PARSE_DATE_TARGET_US = 50  # per call

# Our own text, written in the sites' style (not taken from any page).
PARAGRAPHS = [
    "Sáng ngày 25/4/2023, Liên đoàn Lao động huyện tổ chức hội nghị tập huấn nghiệp vụ công tác tuyên truyền "
    "cho gần 100 cán bộ công đoàn cơ sở trên địa bàn; dự hội nghị có đồng chí Uỷ viên Ban Thường vụ huyện uỷ.",
    "Tại hội nghị, các học viên được giới thiệu những điểm mới trong Điều lệ Công đoàn Việt Nam, kỹ năng "
    "nắm bắt tâm tư, nguyện vọng của đoàn viên, người lao động và cách phối hợp với chuyên môn để giải "
    "quyết kịp thời các kiến nghị chính đáng ngay tại cơ sở.",
    "Phát biểu khai mạc, đồng chí Chủ tịch LĐLĐ huyện đề nghị các học viên tích cực trao đổi kinh nghiệm, "
    "vận dụng linh hoạt kiến thức đã học vào thực tiễn, nhất là trong công tác phát triển đoàn viên ở khu "
    "vực ngoài nhà nước, nơi số lao động trẻ ngày càng đông.",
    "Bên cạnh phần lý thuyết, ban tổ chức dành nhiều thời gian cho thảo luận nhóm, xử lý tình huống và "
    "thực hành viết tin, chụp ảnh bằng điện thoại để đăng trên trang thông tin điện tử của công đoàn.",
    "Theo kế hoạch, trong năm nay Liên đoàn Lao động huyện sẽ còn mở thêm hai lớp bồi dưỡng dành cho "
    "ủy viên ban chấp hành, ủy ban kiểm tra và ban nữ công quần chúng của các công đoàn cơ sở.",
    "Dịp này, LĐLĐ huyện cũng khen thưởng 12 tập thể, 25 cá nhân có thành tích xuất sắc trong phong trào "
    "thi đua lao động giỏi, lao động sáng tạo năm 2022, đồng thời trao 30 phần quà cho đoàn viên khó khăn.",
    "Trao đổi bên lề hội nghị, nhiều chủ tịch công đoàn cơ sở cho biết khó khăn lớn nhất hiện nay là "
    "thu hút công nhân trẻ tham gia sinh hoạt, vì phần đông làm việc theo ca và thường xuyên thay đổi "
    "chỗ ở; vì vậy cần đổi mới hình thức sinh hoạt, tăng cường gặp gỡ trực tuyến qua các nhóm Zalo.",
    "Một số ý kiến đề xuất LĐLĐ huyện phối hợp với phòng Lao động – Thương binh và Xã hội kiểm tra việc "
    "thực hiện chế độ bảo hiểm xã hội, bảo hiểm y tế tại các doanh nghiệp nhỏ, nơi người lao động còn "
    "thiếu thông tin về quyền lợi của mình và ngại phản ánh khi bị chậm đóng.",
    "Ghi nhận các ý kiến, lãnh đạo LĐLĐ huyện cho biết sẽ tổng hợp, báo cáo cấp trên và đưa vào chương "
    "trình công tác năm tới, trong đó chú trọng hỗ trợ công đoàn cơ sở ở doanh nghiệp ngoài nhà nước "
    "về tài liệu, kinh phí và cán bộ hướng dẫn nghiệp vụ thường xuyên.",
    "Cũng tại hội nghị, đại diện Ban Nữ công giới thiệu mô hình nhóm trẻ tại khu nhà trọ công nhân, "
    "giúp các gia đình trẻ yên tâm gửi con khi đi làm ca đêm; mô hình đã được nhân rộng ra ba xã và "
    "nhận được sự ủng hộ của chủ nhà trọ cũng như chính quyền địa phương.",
    "Kết thúc lớp học, 100% học viên đạt yêu cầu và được cấp giấy chứng nhận; nhiều ý kiến mong muốn lớp "
    "tập huấn được tổ chức thường xuyên hơn, với thời lượng dài hơn và thêm nội dung về chuyển đổi số.",
]


def build_raw() -> RawArticle:
    title = "Tập huấn nghiệp vụ tuyên truyền cho cán bộ công đoàn cơ sở"
    blocks = [{"kind": "text", "text": "TOÀN ĐẢNG, TOÀN DÂN THI ĐUA LẬP THÀNH TÍCH CHÀO MỪNG ĐẠI HỘI !"},
              {"kind": "text", "text": title + " In trang"}]
    for i, p in enumerate(PARAGRAPHS):
        blocks.append({"kind": "text", "text": "  " + p.replace(", ", ",\u00a0", 1)})
        if i in (1, 4):
            blocks.append({"kind": "image", "src": f"https://example.vn/media/anh-{i}.jpg", "alt": title,
                           "caption": None})
            blocks.append({"kind": "text", "text": "Quang cảnh lớp tập huấn. Ảnh: Minh Khang"})
    blocks += [{"kind": "text", "text": t} for t in
               ("Tin, ảnh: Phạm Thu", "Lượt xem: 264", "Liên kết website", "Thống kê truy cập",
                "  • 001357924", "  •  Đang online: 19")]
    return RawArticle(url="https://example.vn/a", site="lam_dong", host="example.vn", fetched_at=FETCHED_AT,
                      method="selectors", title=title + " In trang", dateline=DATELINE, blocks=blocks)


def _rate(fn, n: int) -> float:
    fn()  # warm caches and lazy imports outside the timing
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return n / (time.perf_counter() - start)


def main(n: int = 3000) -> dict:
    """Run both timings, print articles/second and the ratio; returns the numbers."""
    raw = build_raw()
    chars = sum(len(b.get("text") or "") for b in raw.blocks)
    ours = _rate(lambda: normalize_article(raw, province="Lâm Đồng", parser_version="bench"), n)

    import dateparser

    base = datetime.fromisoformat(FETCHED_AT).replace(tzinfo=None)
    settings = {"DATE_ORDER": "DMY", "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    baseline = _rate(lambda: dateparser.parse(DATELINE, languages=["vi"], settings=settings), max(n // 3, 100))
    print(f"article: {chars} characters of text in {len(raw.blocks)} blocks")
    print(f"normalize_article:            {ours:10,.0f} articles/s")
    print(f"dateparser.parse on dateline: {baseline:10,.0f} articles/s")
    print(f"ratio: {ours / baseline:.2f}x  (target >= 2,000 articles/s: {'met' if ours >= 2000 else 'NOT met'})")
    fetched = datetime.fromisoformat(FETCHED_AT)
    per_call = 1e6 / (_rate(lambda: [parse_date(s, fetched_at=fetched) for s in DATELINES], n)
                      * len(DATELINES))
    met = "met" if per_call <= PARSE_DATE_TARGET_US else "NOT met"
    print(f"parse_date, {len(DATELINES)} dateline shapes: {per_call:8.1f} µs per call"
          f"  (dateparser.parse: {1e6 / baseline:.1f} µs; target <= {PARSE_DATE_TARGET_US} µs: {met})")
    body = normalize_article(raw, province="Lâm Đồng", parser_version="bench").body
    folds = _rate(lambda: fold(body), n)
    print(f"fold(body), {len(body)} characters:  {folds:10,.0f} bodies/s")
    return {"normalize_per_s": ours, "dateparser_per_s": baseline, "fold_per_s": folds,
            "parse_date_us": per_call}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=3000, help="articles to normalize (default 3000)")
    main(ap.parse_args().n)

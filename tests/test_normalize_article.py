"""normalize_article end to end: hand-built RawArticles in each site's style (through the site's own
rule in its spider where it has one), complete Articles out."""
from __future__ import annotations

import re

import pytest

from crawler.items import Article, RawArticle
from crawler.normalize import normalize_article
from spiders.lam_dong import without_print_link
from spiders.lao_dong import split_byline
from spiders.soc_trang import without_liferay_chrome


def _t(*lines: str) -> list[dict]:
    return [{"kind": "text", "text": line} for line in lines]


def _img(src: str, alt: str | None = None, caption: str | None = None) -> list[dict]:
    return [{"kind": "image", "src": src, "alt": alt, "caption": caption}]


def test_can_tho_banner_caps_title_teaser_and_credit():
    lead = ("Chiều ngày 6/3/2025, Liên đoàn Lao động quận Bình Thủy phối hợp với Ủy ban nhân dân phường "
            "An Thới tổ chức lễ trao mái ấm công đoàn cho đoàn viên Lê Văn Tám, công nhân Công ty May Tây Đô.")
    second = ("Căn nhà có diện tích 60 m2, kinh phí xây dựng 120 triệu đồng, trong đó Quỹ xã hội của\u00a0"
              "LĐLĐ thành phố hỗ trợ 60 triệu đồng, phần còn lại do gia đình và người thân đóng góp.")
    raw = RawArticle(
        url="https://congdoan.cantho.gov.vn/lien-doan-lao-dong-quan-binh-thuy-trao-mai-am",
        site="can_tho", host="congdoan.cantho.gov.vn", fetched_at="2025-03-10T09:15:00+07:00",
        method="selectors", title="LIÊN ĐOÀN LAO ĐỘNG QUẬN BÌNH THUỶ TRAO MÁI ẤM CÔNG ĐOÀN",
        listing_date="06/03/2025", category="Tin hoạt động",
        blocks=_t(
            "NHIỆT LIỆT CHÀO MỪNG ĐẠI HỘI CÔNG ĐOÀN THÀNH PHỐ CẦN THƠ LẦN THỨ I",
            "LIÊN ĐOÀN LAO ĐỘNG QUẬN BÌNH THUỶ TRAO MÁI ẤM CÔNG ĐOÀN",
            lead[:90] + "...",
            "   " + lead,
            second,
        ) + _img("https://congdoan.cantho.gov.vn/uploads/mai-am-binh-thuy.jpg", alt="mai-am-binh-thuy.jpg")
        + _t("Đồng chí Trần Thị Hoà, Chủ tịch LĐLĐ quận trao quyết định cho gia đình anh Tám",
             "Dịp này, đơn vị cũng trao 10 phần quà cho công nhân có hoàn cảnh khó khăn.",
             "Tin, ảnh : Liên đoàn Lao động quận Bình Thủy."),
    )
    art = normalize_article(raw, province="Cần Thơ", parser_version="v-test")
    assert art == Article(
        url="https://congdoan.cantho.gov.vn/lien-doan-lao-dong-quan-binh-thuy-trao-mai-am",
        site="can_tho", host="congdoan.cantho.gov.vn", province="Cần Thơ", province_now="Cần Thơ",
        title="LIÊN ĐOÀN LAO ĐỘNG QUẬN BÌNH THỦY TRAO MÁI ẤM CÔNG ĐOÀN",
        body="\n".join([lead, second.replace("\u00a0", " "),
                        "Dịp này, đơn vị cũng trao 10 phần quà cho công nhân có hoàn cảnh khó khăn."]),
        fetched_at="2025-03-10T09:15:00+07:00", method="selectors", parser_version="v-test",
        published_at="2025-03-06", date_approximate=False,
        author="Liên đoàn Lao động quận Bình Thủy", photo_credit="Liên đoàn Lao động quận Bình Thủy",
        source_outlet=None, category="Tin hoạt động",
        images=[{"url": "https://congdoan.cantho.gov.vn/uploads/mai-am-binh-thuy.jpg",
                 "caption": "Đồng chí Trần Thị Hòa, Chủ tịch LĐLĐ quận trao quyết định cho gia đình anh Tám",
                 "credit": None}],
    )


def test_tra_vinh_lead_first_inline_captions_and_footer_numbers():
    p1 = ("Ngày 14/01/2022, Liên đoàn Lao động tỉnh tổ chức trao quà Tết cho 150 đoàn viên, người lao động "
          "có hoàn cảnh khó khăn tại thị xã Duyên Hải, mỗi phần quà trị giá 700.000 đồng.")
    p2 = ("Phát biểu tại buổi trao quà, đồng chí Phó Chủ tịch LĐLĐ tỉnh mong các đoàn viên vượt qua khó khăn, "
          "yên tâm lao động sản xuất và đón một cái Tết đầm ấm.")
    p3 = "Dịp này, công đoàn cơ sở cũng tổ chức chương trình văn nghệ chào Xuân cho công nhân."
    raw = RawArticle(
        url="https://congdoantravinh.com.vn/tin-tuc/hoat-dong-cua-ldld-tinh/trao-qua-tet-duyen-hai",
        site="tra_vinh", host="congdoantravinh.com.vn", fetched_at="2022-02-01T20:00:00+07:00",
        method="selectors", title="Trao quà Tết cho đoàn viên tại thị xã Duyên Hải",
        meta_date="2022-01-15T01:30:00Z", category=None,
        blocks=_t(p1) + _img("https://congdoantravinh.com.vn/upload/1.jpg")
        + _t("Đ/c Phó Chủ tịch LĐLĐ tỉnh (bên phải) trao quà cho công nhân", p2)
        + _img("https://congdoantravinh.com.vn/upload/2.jpg")
        + _t("Quang cảnh buổi trao quà", p3, "Tin, ảnh: BẢO NGÂN",
             "7701234500098765", "0909000147", "0909000147", "congdoantravinh", "02940001357"),
    )
    art = normalize_article(raw, province="Trà Vinh", parser_version="v-test")
    assert art == Article(
        url="https://congdoantravinh.com.vn/tin-tuc/hoat-dong-cua-ldld-tinh/trao-qua-tet-duyen-hai",
        site="tra_vinh", host="congdoantravinh.com.vn", province="Trà Vinh", province_now="Vĩnh Long",
        title="Trao quà Tết cho đoàn viên tại thị xã Duyên Hải", body="\n".join([p1, p2, p3]),
        fetched_at="2022-02-01T20:00:00+07:00", method="selectors", parser_version="v-test",
        published_at="2022-01-15T08:30:00+07:00", date_approximate=False,
        author="BẢO NGÂN", photo_credit="BẢO NGÂN", source_outlet=None, category=None,
        images=[
            {"url": "https://congdoantravinh.com.vn/upload/1.jpg",
             "caption": "Đ/c Phó Chủ tịch LĐLĐ tỉnh (bên phải) trao quà cho công nhân", "credit": None},
            {"url": "https://congdoantravinh.com.vn/upload/2.jpg", "caption": "Quang cảnh buổi trao quà",
             "credit": None},
        ],
    )


def test_soc_trang_portlet_back_captions_and_trailing_name():
    title = "Sôi nổi giải bóng chuyền hơi công nhân lao động huyện Mỹ Tú"
    p1 = ("Ngày 18.7, Công đoàn huyện Mỹ Tú tổ chức giải bóng chuyền hơi công nhân, viên chức, lao động "
          "năm 2024 với sự tham gia của 12 đội đến từ các công đoàn cơ sở trên địa bàn.")
    p2 = ("Sau hai ngày thi đấu, đội Công đoàn ngành Giáo dục giành giải nhất, giải nhì thuộc về đội "
          "Công đoàn xã Long Hưng.")
    raw = RawArticle(
        url="https://ldldsoctrang.soctrang.gov.vn/-/soi-noi-giai-bong-chuyen-hoi",
        site="soc_trang", host="ldldsoctrang.soctrang.gov.vn", fetched_at="2025-01-05T07:00:00+07:00",
        method="selectors", title=title, listing_date="Ngày 18.7", year_hint=2024,
        blocks=_t("TIN HOẠT ĐỘNG TIN HOẠT ĐỘNG", "Back", title, p1)
        + _img("https://ldldsoctrang.soctrang.gov.vn/documents/a.jpg")
        + _t("Lãnh đạo Công đoàn huyện trao cúp cho đội vô địch. Ảnh: Công đoàn huyện Mỹ Tú", p2)
        + _img("https://ldldsoctrang.soctrang.gov.vn/documents/b.jpg")
        + _t("Các vận động viên tranh tài sôi nổi", "HOÀI THƯƠNG",
             "Các tin liên quan | Ngày đăng |", "---|---|",
             "Hội thao chào mừng Tháng Công nhân | 29/05/2025 |",
             "Trao mái ấm công đoàn tại Vĩnh Châu | 12/05/2025 |"),
    )
    art = normalize_article(without_liferay_chrome(raw), province="Sóc Trăng", parser_version="v-test")
    assert art == Article(
        url="https://ldldsoctrang.soctrang.gov.vn/-/soi-noi-giai-bong-chuyen-hoi",
        site="soc_trang", host="ldldsoctrang.soctrang.gov.vn", province="Sóc Trăng", province_now="Cần Thơ",
        title=title, body=p1 + "\n" + p2, fetched_at="2025-01-05T07:00:00+07:00", method="selectors",
        parser_version="v-test", published_at="2024-07-18", date_approximate=True,
        author="HOÀI THƯƠNG", photo_credit=None, source_outlet=None, category=None,
        images=[
            {"url": "https://ldldsoctrang.soctrang.gov.vn/documents/a.jpg",
             "caption": "Lãnh đạo Công đoàn huyện trao cúp cho đội vô địch.", "credit": "Công đoàn huyện Mỹ Tú"},
            {"url": "https://ldldsoctrang.soctrang.gov.vn/documents/b.jpg",
             "caption": "Các vận động viên tranh tài sôi nổi", "credit": None},
        ],
    )


def test_lam_dong_slogan_print_suffix_sa_ch_date_and_counters():
    title = "Nâng cao kỹ năng truyền thông cho cán bộ Công đoàn cơ sở"
    p1 = ("Ngày 25/4/2023, LĐLĐ huyện Đạ Tẻh tổ chức lớp tập huấn kỹ năng truyền thông cho 90 cán bộ công đoàn "
          "cơ sở; dự lớp học có đồng chí Hồ Văn Tư – Uỷ viên Ban Thường vụ huyện uỷ.")
    p2 = ("Các học viên được hướng dẫn cách viết tin ngắn, chụp ảnh bằng điện thoại và xử lý những thông tin "
          "sai lệch trên mạng xã hội.")
    raw = RawArticle(
        url="https://dateh.lamdong.dcs.vn/thong-tin-hoat-dong/mat-tran-doan-the/type/detail/id/40001/task/1616",
        site="lam_dong", host="dateh.lamdong.dcs.vn", fetched_at="2023-05-02T10:00:00+07:00",
        method="trafilatura", title=title + " In trang", dateline="30/04/2023 10:20 CH",
        blocks=_t("TOÀN ĐẢNG, TOÀN DÂN, TOÀN QUÂN THI ĐUA LẬP THÀNH TÍCH CHÀO MỪNG ĐẠI HỘI !",
                  title + " In trang", "30/04/2023 10:20 CH", p1)
        + _img("https://dateh.lamdong.dcs.vn/Portals/21/media/newsimage/a.jpg", alt=title)
        + _t(title, title, p2, "Lý Thảo", "Lượt xem: 264", "Tin khác",
             "Công đoàn huyện trao học bổng cho con đoàn viên", "Liên kết website", "Thống kê truy cập",
             "  • 001357924", "  •  Đang online: 19", "  •  Trong tuần: 4.127"),
    )
    art = normalize_article(without_print_link(raw), province="Lâm Đồng", parser_version="v-test")
    assert art == Article(
        url="https://dateh.lamdong.dcs.vn/thong-tin-hoat-dong/mat-tran-doan-the/type/detail/id/40001/task/1616",
        site="lam_dong", host="dateh.lamdong.dcs.vn", province="Lâm Đồng", province_now="Lâm Đồng",
        title=title, body=p1.replace("Uỷ", "Ủy").replace("uỷ", "ủy") + "\n" + p2,
        fetched_at="2023-05-02T10:00:00+07:00", method="trafilatura", parser_version="v-test",
        published_at="2023-04-30T22:20:00+07:00", date_approximate=False,
        author="Lý Thảo", photo_credit=None, source_outlet=None, category=None,
        images=[{"url": "https://dateh.lamdong.dcs.vn/Portals/21/media/newsimage/a.jpg", "caption": None,
                 "credit": None}],
    )


def test_newspaper_preview_placeholders_read_more_and_relative_date():
    title = "Cần Thơ tập huấn nghiệp vụ cho cán bộ Công đoàn"
    p1 = ("(NLĐO) - Ngày 24-9, LĐLĐ TP Cần Thơ khai giảng lớp bồi dưỡng nghiệp vụ cho hơn 100 cán bộ Công đoàn "
          "chuyên trách và chủ tịch công đoàn cơ sở.")
    p2 = "Lớp học kéo dài bốn ngày, tập trung vào kỹ năng thương lượng tập thể và phát triển đoàn viên."
    p3 = "Theo Ban tổ chức, đây là lớp đầu tiên trong năm 2024 và sẽ còn hai lớp nữa vào cuối năm."
    raw = RawArticle(
        url="https://nld.com.vn/can-tho-tap-huan-nghiep-vu-cho-can-bo-cong-doan-2024092718000000.htm",
        site="lao_dong", host="nld.com.vn", fetched_at="2024-10-02T12:00:00+07:00", method="trafilatura",
        title=title, dateline="1 tuần trước", province="Cần Thơ",
        blocks=_t(title, p1) + _img("https://nld.mediacdn.vn/2024/9/27/anh-1.jpg", alt=title + " - Ảnh 1.")
        + _t(title + " - Ảnh 1.", "Bà Chủ tịch LĐLĐ TP Cần Thơ phát biểu khai giảng lớp học", p2)
        + _img("https://nld.mediacdn.vn/2024/9/27/anh-2.jpg", alt=title + " - Ảnh 2.")
        + _t(title + " - Ảnh 2.", "Các học viên chụp ảnh lưu niệm", p3, "HẢI ĐĂNG",
             "Đọc toàn bộ bài viết", "@2024"),
    )
    art = normalize_article(raw, province="Sóc Trăng", parser_version="v-test")
    assert art == Article(
        url="https://nld.com.vn/can-tho-tap-huan-nghiep-vu-cho-can-bo-cong-doan-2024092718000000.htm",
        site="lao_dong", host="nld.com.vn", province="Cần Thơ", province_now="Cần Thơ", title=title,
        body="\n".join([p1.removeprefix("(NLĐO) - "), p2, p3]),
        fetched_at="2024-10-02T12:00:00+07:00", method="trafilatura", parser_version="v-test",
        published_at="2024-09-25T12:00:00+07:00", date_approximate=True,
        author="HẢI ĐĂNG", photo_credit=None, source_outlet=None, category=None,  # its own prefix
        images=[
            {"url": "https://nld.mediacdn.vn/2024/9/27/anh-1.jpg",
             "caption": "Bà Chủ tịch LĐLĐ TP Cần Thơ phát biểu khai giảng lớp học", "credit": None},
            {"url": "https://nld.mediacdn.vn/2024/9/27/anh-2.jpg", "caption": "Các học viên chụp ảnh lưu niệm",
             "credit": None},
        ],
    )


def test_lao_dong_section_byline_with_date_after_pipe():
    p1 = ("Ngày 4.11, LĐLĐ tỉnh Trà Vinh phối hợp với các doanh nghiệp tổ chức phiên chợ Công đoàn, bán hàng "
          "giảm giá cho hơn 2.000 công nhân lao động.")
    p2 = "Mỗi công nhân được tặng một phiếu mua hàng trị giá 200.000 đồng."
    raw = RawArticle(
        url="https://laodong.vn/ldld-tra-vinh/phien-cho-cong-doan-tra-vinh-1260000.ldo",
        site="lao_dong", host="laodong.vn", fetched_at="2023-11-06T06:00:00+07:00", method="selectors",
        title="Phiên chợ Công đoàn cho công nhân Trà Vinh", dateline="NGỌC TRÂM LDO | 05/11/2023 07:30",
        credit="NGỌC TRÂM LDO | 05/11/2023 07:30", category="LĐLĐ Trà Vinh", province="Trà Vinh",
        blocks=_t(p1, p2, "Chia sẻ", "Tin liên quan", "Trà Vinh trao mái ấm cho đoàn viên"),
    )
    art = normalize_article(split_byline(raw), province="Cần Thơ", parser_version="v-test")
    assert art == Article(
        url="https://laodong.vn/ldld-tra-vinh/phien-cho-cong-doan-tra-vinh-1260000.ldo",
        site="lao_dong", host="laodong.vn", province="Trà Vinh", province_now="Vĩnh Long",
        title="Phiên chợ Công đoàn cho công nhân Trà Vinh", body=p1 + "\n" + p2,
        fetched_at="2023-11-06T06:00:00+07:00", method="selectors", parser_version="v-test",
        published_at="2023-11-05T07:30:00+07:00", date_approximate=False,
        author="NGỌC TRÂM", photo_credit=None, source_outlet=None, category="LĐLĐ Trà Vinh", images=[],
    )


def test_odd_input_never_raises():
    raw = RawArticle(url="https://e.vn/x", site="t", host="e.vn", fetched_at="not a date", method="selectors",
                     title=None, meta_date="2023-13-45", dateline="", credit="  ", year_hint=-5,
                     blocks=[None, 5, {"kind": "text", "text": None}, {"kind": "image", "src": None},
                             {"kind": "video"}, {"kind": "text", "text": "Lượt xem: 12"}])
    art = normalize_article(raw, province="Nơi Khác", parser_version="v-test")
    assert art == Article(url="https://e.vn/x", site="t", host="e.vn", province="Nơi Khác",
                          province_now="Nơi Khác", title="", body="", fetched_at="not a date",
                          method="selectors", parser_version="v-test")


def test_broken_object_gives_minimal_article():
    raw = RawArticle(url="u", site="s", host="h", fetched_at="2024-01-01T00:00:00+07:00", method="selectors",
                     title="Tiêu đề", blocks="not a list")  # type: ignore[arg-type]
    raw.title = object()  # type: ignore[assignment]
    art = normalize_article(raw, province="Cần Thơ", parser_version="v")
    assert (art.title, art.body, art.province_now) == ("", "", "Cần Thơ")


def test_credit_element_variants():
    def author_fields(credit):
        raw = RawArticle(url="u", site="s", host="h", fetched_at="2024-01-01T00:00:00+07:00", method="selectors",
                         title="Tiêu đề", credit=credit,
                         blocks=_t("Công đoàn cơ sở tổ chức ngày hội gia đình công nhân với nhiều trò chơi dân gian."))
        a = normalize_article(raw, province="Cần Thơ", parser_version="v")
        return a.author, a.photo_credit, a.source_outlet

    assert author_fields("Tin, ảnh: Thuý Vy.") == ("Thúy Vy", "Thúy Vy", None)
    assert author_fields("KHÁNH AN - MỸ DUYÊN") == ("KHÁNH AN - MỸ DUYÊN", None, None)
    assert author_fields("Báo Lao Động") == (None, None, "laodong.vn")
    assert author_fields("  Hữu Phước  ") == ("Hữu Phước", None, None)
    assert author_fields("") == (None, None, None)


def test_random_pages_normalize_without_hitting_the_safety_net():
    # The public function catches everything; the inner one must not need to.
    import random

    from crawler.normalize.article import _normalize
    from crawler.normalize.text import clean_text

    rng = random.Random(11)
    pieces = ["Tin, ảnh: ", "Ảnh: ", "Theo ", "Nguồn: ", "(NLĐO) - ", "STO - ", " - Ảnh 1.", "In trang", "Lượt xem: 9",
              "HOÀ", "thuý", "Ð", "\u00a0", "\u200b", "\u00ad", "\t", "\n", "…", "...", "!", "|", "29/02/2023", "24-9",
              "Đ/c ", "Quang cảnh", "HOÀI THƯƠNG", "https://laodong.vn/a.ldo", "0918 544 418", "a\u0301", "x" * 40]
    for _ in range(300):
        blocks = []
        for _ in range(rng.randint(0, 8)):
            if rng.random() < 0.25:
                blocks.append({"kind": "image", "src": rng.choice(["https://e.vn/1.jpg", "https://e.vn/2.jpg", ""]),
                               "alt": rng.choice([None, "", "Ảnh 1", "Quang cảnh"]),
                               "caption": rng.choice([None, "Đ/c A"])})
            else:
                blocks.append({"kind": "text", "text": "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))})
        text = lambda: "".join(rng.choice(pieces) for _ in range(rng.randint(0, 3)))  # noqa: E731
        raw = RawArticle(url="u", site="s", host="h", fetched_at="2024-02-29T23:59:59+07:00", method="selectors",
                         title=text(), dateline=text(), listing_date=text(), credit=text(), category=text(),
                         year_hint=rng.choice([None, 2023, 2024]), blocks=blocks)
        art = _normalize(raw, "Trà Vinh", "v")
        assert art.province_now == "Vĩnh Long"
        for field in (art.title, art.body, art.author or "", art.photo_credit or "", art.category or ""):
            assert clean_text(field) == field
            assert "\u00a0" not in field and "\u200b" not in field and "\t" not in field
        assert all(line and line == line.strip() for line in art.body.split("\n")) or art.body == ""
        assert len({img["url"] for img in art.images}) == len(art.images)
        assert art.published_at is None or re.fullmatch(
            r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d\+07:00)?", art.published_at)


@pytest.mark.parametrize("url,listing_date,expected", [
    ("https://laodong.vn/ldld-can-tho/bai-1.ldo", "24/09/2024 08:00", ("2024-09-24", True)),
    ("https://baocantho.com.vn/2023/09/bai", None, ("2023-09-24", True)),
    ("https://laodong.vn/ldld-can-tho/bai-1.ldo", None, ("2025-09-24", True)),
])
def test_year_less_dateline_takes_its_year_from_the_listing_or_url(url, listing_date, expected):
    raw = RawArticle(url=url, site="lao_dong", host="laodong.vn", method="selectors",
                     fetched_at="2026-03-01T09:00:00+07:00", title="Tập huấn cán bộ Công đoàn",
                     dateline="Ngày 24-9", listing_date=listing_date)
    article = normalize_article(raw, province="Cần Thơ", parser_version="test")
    assert (article.published_at, article.date_approximate) == expected


def test_a_year_in_a_slug_is_a_topic_not_the_date():
    # A review of 2020 published in January 2021: the slug's "nam-2020" must not date it.
    raw = RawArticle(url="https://ldldct.org.vn/ldld-tong-ket-hoat-dong-nam-2020-va-trien-khai-nhiem-vu-nam-2021",
                     site="can_tho", host="ldldct.org.vn", method="selectors",
                     fetched_at="2021-03-01T09:00:00+07:00", title="Tổng kết hoạt động năm 2020",
                     dateline="Ngày 15-1")
    article = normalize_article(raw, province="Cần Thơ", parser_version="test")
    assert (article.published_at, article.date_approximate) == ("2021-01-15", True)

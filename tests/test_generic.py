"""The generic extractor: every layout family of tests/layouts, the project's saved pages, the tricky
parts of each layout one by one, pages with no article, and pages nested too deep for a parser."""
import json
import subprocess
import sys

import pytest

from bench.eval_extraction import CORPUS, NO_ARTICLE, families, leaked, token_f1
from crawler.decoding import decode_html
from crawler.extract import Selectors, extract, extract_with_reason
from crawler.items import Page
from crawler.normalize import normalize_article
from spiders.lam_dong import without_print_link
from tests.conftest import ROOT
from tests.fixtures import FILES, cases, meta

# Tolerance against ground truth: the body's token F1 at least this, title, day and author exact,
# not one chrome line in the body.
MIN_BODY_F1 = 0.97
FETCHED_AT = "2026-11-21T09:00:00+07:00"
URL = "https://ldld.example-probe.vn/tin-tuc/bai-viet"
P1 = ("Liên đoàn Lao động huyện phối hợp với chính quyền địa phương tổ chức buổi gặp mặt công nhân lao động "
      "nhân dịp cuối năm, lắng nghe tâm tư nguyện vọng của người lao động.")
P2 = ("Tại buổi gặp mặt, nhiều công nhân bày tỏ mong muốn được hỗ trợ nhà ở, nơi gửi trẻ và các lớp học "
      "nâng cao tay nghề để ổn định cuộc sống lâu dài.")
P3 = ("Lãnh đạo huyện ghi nhận các ý kiến và giao các phòng ban chuyên môn nghiên cứu, đề xuất giải pháp "
      "phù hợp trong thời gian tới.")
TITLE = "Gặp mặt công nhân lao động nhân dịp cuối năm"
ABOUT = ("Liên đoàn Lao động tỉnh là tổ chức chính trị - xã hội rộng lớn của giai cấp công nhân và người lao "
         "động, được thành lập trên cơ sở tự nguyện, đại diện cho cán bộ, công chức, viên chức, công nhân và "
         "những người lao động khác, chăm lo và bảo vệ quyền lợi hợp pháp của đoàn viên.")


def generic(html: str, url: str = URL):
    """(stored article, refusal reason) for a page read by the generic extractor."""
    raw, reason = extract_with_reason(Page(url=url, html=html, fetched_at=FETCHED_AT), None, generic=True)
    return normalize_article(raw, province="Cần Thơ", parser_version="test"), reason


CORPUS_PAGES = [(family, lp) for family, pages in families().items() for lp in pages]


def test_the_corpus_has_eight_families_of_ten_pages_or_more():
    sizes = {family: len(pages) for family, pages in families().items()}
    assert len(sizes) >= 8 and min(sizes.values()) >= 10, sizes


@pytest.mark.parametrize("family,lp", CORPUS_PAGES, ids=[f"{f}-{lp.path.stem}" for f, lp in CORPUS_PAGES])
def test_corpus_page_matches_its_ground_truth(family, lp):
    article, reason = generic(lp.html, lp.truth["url"])
    assert reason is None and article.method == "generic"
    assert article.title == lp.truth["title"]
    assert (article.published_at or "")[:10] == lp.truth["date"]
    assert article.author == lp.truth["author"]
    assert token_f1(article.body, "\n".join(lp.truth["body"])) >= MIN_BODY_F1, article.body
    assert leaked(article.body, lp.truth) == 0, article.body
    assert [(i["url"], i["caption"]) for i in article.images] == \
        [(i["src"], i["caption"]) for i in lp.truth["images"]]


def one_article(site: str, case: str) -> dict | None:
    """The saved page's single expected article (not listings, filtered or multi-article pages)."""
    if meta(site, case)["kind"] == "listing":
        return None
    expected = json.loads((FILES / site / f"{case}.json").read_text(encoding="utf-8"))
    return expected[0] if len(expected) == 1 else None


ARTICLE_CASES = [(site, case) for site, case in cases() if one_article(site, case)]


@pytest.mark.parametrize("site,case", ARTICLE_CASES)
def test_generic_reads_the_saved_pages_as_their_site_selectors_do(site, case):
    """Pages written by the mirror's templates, which the generic extractor was not tuned on."""
    info, expected = meta(site, case), one_article(site, case)
    page = Page(url=info["url"], html=decode_html((FILES / site / f"{case}.html").read_bytes(), None),
                fetched_at=info["fetched_at"], site=site)
    raw = extract(page, None, listing_date=info.get("listing_date"), generic=True)
    if site == "lam_dong":  # the site's own rule, which its spider applies to whatever it reads
        raw = without_print_link(raw)
    article = normalize_article(raw, province=expected["province"], parser_version="test").to_dict()
    assert {k: article[k] for k in ("title", "published_at", "author")} == \
        {k: expected[k] for k in ("title", "published_at", "author")}
    assert token_f1(article["body"], expected["body"]) >= MIN_BODY_F1


def test_br_runs_in_one_table_cell_give_title_date_paragraphs_and_credit():
    html = (f"<html><body><table><tr><td width=200><a href=#>Trang chủ</a><br><a href=#>Tin tức</a></td><td>"
            f"<b>{TITLE}</b><br><i>(05/06/2023)</i><br><br>{P1}<br><br>{P2}<br><br>{P3}<br><br>"
            "<b>Tin, ảnh: VĂN LỘC</b><br><br><b>Các tin khác:</b><br><a href=#>Hội nghị sơ kết công tác "
            "công đoàn sáu tháng đầu năm</a> (01/06/2023)</td></tr></table></body></html>")
    article, _ = generic(html)
    assert (article.title, article.published_at, article.author) == (TITLE, "2023-06-05", "VĂN LỘC")
    assert article.body.split("\n") == [P1, P2, P3]


def test_unclosed_cells_and_font_across_paragraphs():
    html = (f"<html><body><table><tr><td><font size=4><b>{TITLE}</b></font><tr><td>Cập nhật: 08:15 26/04/2023"
            f"<tr><td><font face=Arial><p>{P1}<p>{P2}</font><p>{P3}<p align=right><b>THU HÀ</b></table></body></html>")
    article, _ = generic(html)
    assert (article.title, article.published_at, article.author) == (TITLE, "2023-04-26T08:15:00+07:00", "THU HÀ")
    assert article.body.split("\n") == [P1, P2, P3]


def test_photo_in_its_own_cell_takes_the_caption_from_the_next_row():
    html = (f"<html><body><h2>{TITLE}</h2><div>20/06/2023 09:12</div><div class=nd><p>{P1}</p>"
            '<table align=center><tr><td><img src="/anh/1.jpg"></td></tr><tr><td><font size=1>Quang cảnh '
            f"buổi gặp mặt</font></td></tr></table><p>{P2}</p><p>{P3}</p></div></body></html>")
    article, _ = generic(html)
    assert article.images == [{"url": "https://ldld.example-probe.vn/anh/1.jpg",
                               "caption": "Quang cảnh buổi gặp mặt", "credit": None}]
    assert article.body.split("\n") == [P1, P2, P3]


def test_a_portlet_heading_or_slogan_is_never_the_title():
    html = (f"<html><head><title>Cổng thông tin điện tử</title></head><body><marquee>NHIỆT LIỆT CHÀO MỪNG "
            "ĐẠI HỘI CÔNG ĐOÀN CÁC CẤP TIẾN TỚI ĐẠI HỘI CÔNG ĐOÀN VIỆT NAM LẦN THỨ XIII THÀNH CÔNG!</marquee>"
            f"<div class=left><h3>TIN HOẠT ĐỘNG</h3><a href=#>Trao quà cho đoàn viên</a></div><div class=main>"
            f"<h3 class=header-title><span>{TITLE}</span></h3><div class=nd><p>{P1}</p><p>{P2}</p></div>"
            "</div></body></html>")
    article, _ = generic(html)
    assert article.title == TITLE
    assert "CHÀO MỪNG" not in article.body


def test_without_a_heading_the_title_is_the_page_title_without_the_site_name():
    html = (f"<html><head><title>{TITLE} | Công đoàn huyện</title></head><body><div class=menu><a>Trang chủ</a>"
            f"</div><div class=noidung><p>{P1}</p><p>{P2}</p></div></body></html>")
    assert generic(html)[0].title == TITLE


def test_the_dateline_under_the_title_wins_over_event_dates_in_the_body():
    lead = "Ngày 12/6/2021, " + P1
    html = (f"<html><body><h1>{TITLE}</h1><div class=meta>Thứ Năm, 12/10/2023 | 08:30</div>"
            f"<div><p>{lead}</p><p>{P2}</p><p>Nghị quyết số 02-NQ/TW ngày 12/6/2021 được triển khai.</p></div>"
            "</body></html>")
    assert generic(html)[0].published_at == "2023-10-12T08:30:00+07:00"


def test_a_date_closing_the_article_is_the_dateline_and_leaves_the_body():
    html = (f"<html><body><div class=t><b>{TITLE}</b></div><div class=body><p>Ngày 2/6/2023, {P1}</p>"
            f"<p>{P2}</p></div><div class=ngay>(Ngày cập nhật: 05/06/2023)</div></body></html>")
    article, _ = generic(html)
    assert article.published_at == "2023-06-05"
    assert "cập nhật" not in article.body


def test_metadata_gives_the_date_when_the_page_prints_none():
    html = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
            f'"datePublished": "2024-03-08T07:30:00+07:00"}}</script></head><body><h1>{TITLE}</h1>'
            f"<div><p>{P1}</p><p>{P2}</p></div></body></html>")
    assert generic(html)[0].published_at == "2024-03-08T07:30:00+07:00"


def test_a_byline_element_above_the_body_is_the_author_when_the_body_has_no_credit():
    html = (f'<html><body><h1 class="post-title">{TITLE}</h1><div class="post-meta"><span class="post-author">'
            'Tác giả: Nguyễn Thị Hồng</span> - <span class="post-date">Cập nhật lúc: 10:15 - 12/10/2023</span>'
            f'</div><div class="post-body"><p>{P1}</p><p>{P2}</p></div></body></html>')
    article, _ = generic(html)
    assert (article.author, article.published_at) == ("Nguyễn Thị Hồng", "2023-10-12T10:15:00+07:00")
    assert article.body.split("\n") == [P1, P2]


def test_a_bold_name_closing_the_story_is_its_author():
    html = (f"<html><body><h1>{TITLE}</h1><div><p>{P1}</p><p>{P2}</p>"
            '<p style="text-align:right"><strong>Kim Liên</strong></p></div></body></html>')
    article, _ = generic(html)
    assert (article.author, article.body.split("\n")) == ("Kim Liên", [P1, P2])


def test_a_longer_about_box_beside_a_short_story_stays_out():
    html = (f"<html><head><title>{TITLE}</title></head><body><div class=row><div class=col-8><h2>{TITLE}</h2>"
            f"<div class=time>05/06/2023 10:00</div><div class=detail><p>{P1}</p><p>{P2}</p></div></div>"
            f"<div class=col-4><div class=box><h3>Giới thiệu</h3><p>{ABOUT}</p><p>{ABOUT}</p></div></div></div>"
            "</body></html>")
    assert generic(html)[0].body.split("\n") == [P1, P2]


def test_questions_and_short_answers_are_kept_whole():
    qa = ["Hỏi: Tôi làm việc được 8 tháng thì có được hưởng chế độ thai sản không?",
          "Trả lời: Theo quy định, lao động nữ phải đóng bảo hiểm xã hội từ đủ 6 tháng trở lên trong thời "
          "gian 12 tháng trước khi sinh con.",
          "Như vậy chị đủ điều kiện hưởng chế độ thai sản theo quy định.",
          "Hỏi: Thời gian nghỉ là bao lâu?", "Trả lời: Lao động nữ sinh con được nghỉ 6 tháng."]
    html = (f"<html><body><h1>Hỏi đáp về chế độ thai sản</h1><div class=date>Ngày 3.4.2024</div>"
            f"<div class=content>{''.join(f'<p>{q}</p>' for q in qa)}</div></body></html>")
    assert generic(html)[0].body.split("\n") == qa


def test_related_boxes_and_comments_inside_the_article_are_cut():
    html = (f"<html><body><div class=article><h1>{TITLE}</h1><div class=time>05/06/2023</div><div class=body>"
            f"<p>{P1}</p><div class=box-related><b>Tin liên quan</b><ul><li><a href=#>Trao quà Tết cho đoàn "
            f"viên khó khăn</a></li></ul></div><p>{P2}</p><p><b>Xem thêm:</b> <a href=#>Hội thao công nhân "
            f"lao động năm 2023</a></p><p>{P3}</p></div><div class=comments><div class=c-text>{ABOUT}</div>"
            "</div></div></body></html>")
    assert generic(html)[0].body.split("\n") == [P1, P2, P3]


def test_an_aspnet_page_wrapped_in_one_form_is_read():
    html = (f"<html><body><form id=Form><div class='DnnModule DnnModule-News DnnModule-1616'><a name=1616></a>"
            f"<h2 class=News_Title>{TITLE}</h2><div class=News_Date>30/04/2023 10:20 CH</div>"
            f"<div class=News_Content><p>{P1}</p><p>{P2}</p></div></div></form></body></html>")
    article, _ = generic(html)
    assert (article.title, article.published_at) == (TITLE, "2023-04-30T22:20:00+07:00")


@pytest.mark.parametrize("page", sorted((CORPUS / NO_ARTICLE).glob("*.html")), ids=lambda p: p.stem)
def test_a_page_without_an_article_is_refused_with_its_reason(page):
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))["reason"]
    article, reason = generic(page.read_text(encoding="utf-8"))
    assert reason and expected in reason
    assert article.body == ""


def test_a_page_nested_100000_levels_deep_is_refused_by_name():
    html = f"<html><body><h1>{TITLE}</h1>" + "<div>" * 100_000 + f"<p>{P1}</p><p>{P2}</p>" + "</div>" * 100_000
    raw, reason = extract_with_reason(Page(url=URL, html=html, fetched_at=FETCHED_AT),
                                      Selectors(body=".content"))
    assert raw.blocks == [] and "nested 2047+ levels deep" in reason


def test_a_page_nested_1500_levels_deep_is_read_by_selectors_and_generic_alike():
    html = ("<html><body><div class=content>" + "<div>" * 1500 + f"<p>{P1}</p><p>{P2}</p>" + "</div>" * 1500
            + "</div></body></html>")
    page = Page(url=URL, html=html, fetched_at=FETCHED_AT)
    by_selectors = extract(page, Selectors(body=".content"))
    assert by_selectors.method == "selectors" and [b["text"] for b in by_selectors.blocks] == [P1, P2]
    assert [b["text"] for b in extract(page, None, generic=True).blocks] == [P1, P2]


def run_extract(*args):
    return subprocess.run([sys.executable, "-m", "crawler", "extract", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_cli_generic_reads_a_page_of_a_site_no_spider_knows():
    lp = families()["table_legacy"][0]
    result = run_extract(str(lp.path), "--url", lp.truth["url"], "--generic")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert (printed["method"], printed["title"], printed["published_at"][:10]) == \
        ("generic", lp.truth["title"], lp.truth["date"])


def test_cli_generic_names_the_reason_there_is_no_article():
    page = CORPUS / NO_ARTICLE / "pdf_renamed.html"
    result = run_extract(str(page), "--url", URL, "--generic")
    assert result.returncode == 2 and result.stdout == ""
    assert "no article found" in result.stderr and "PDF" in result.stderr


def test_teasers_boxed_under_their_own_heading_after_the_story_are_not_a_listing():
    teasers = "".join(f"<div class=it><a href=#>Tiêu đề tin khác số {i} về công đoàn cơ sở</a><p>{ABOUT}</p>"
                      f"<span>0{i}/10/2024</span></div>" for i in range(1, 6))
    html = (f"<html><head><title>{TITLE}</title></head><body><div class=detail><h1>{TITLE}</h1>"
            f"<div class=info>Thứ hai, 07/10/2024 - 14:30</div><div class=content><p>{P1}</p><p>{P2}</p>"
            f"<p>{P3}</p><p>HỒNG NHUNG</p></div><div class=box><h3>Tin cùng loại</h3>{teasers}</div></div>"
            "</body></html>")
    article, reason = generic(html)
    assert reason is None and article.body.split("\n") == [P1, P2, P3]
    assert (article.author, article.published_at) == ("HỒNG NHUNG", "2024-10-07T14:30:00+07:00")


def test_the_header_bars_date_of_today_is_not_the_dateline():
    html = (f"<html><body><div id=top>Thứ Hai, ngày 25/11/2026</div><div class=main><h2>{TITLE}</h2>"
            f"<span class=date>Cập nhật: 09:10 02/11/2026</span><div class=ct>{P1}<br><br>{P2}</div></div>"
            "</body></html>")
    assert generic(html)[0].published_at == "2026-11-02T09:10:00+07:00"


def test_the_cms_account_in_a_byline_is_not_the_author():
    html = (f"<html><body><div class=item-page><h2>{TITLE}</h2><div><span class=createdby>Viết bởi Super User"
            f"</span></div><p>{P1}</p><p>{P2}</p></div></body></html>")
    assert generic(html)[0].author is None


def test_a_row_of_photos_takes_its_captions_from_the_row_below():
    html = (f"<html><body><h1>{TITLE}</h1><div class=date>05/06/2023</div><div class=nd><p>{P1}</p><table><tr>"
            "<td><img src=/1.jpg></td><td><img src=/2.jpg></td></tr><tr><td>Đại biểu dự hội nghị</td>"
            f"<td>Trao quà cho công nhân</td></tr></table><p>{P2}</p></div></body></html>")
    article, _ = generic(html)
    assert [i["caption"] for i in article.images] == ["Đại biểu dự hội nghị", "Trao quà cho công nhân"]
    assert article.body.split("\n") == [P1, P2]


def test_a_list_header_after_the_credit_is_neither_body_nor_author():
    links = "".join(f"<br><a href=#>Tin khác số {i} về hoạt động công đoàn</a>" for i in range(3))
    html = (f"<html><body><h1>{TITLE}</h1><div class=date>12/03/2024</div><div class=content><span>{P1}</span>"
            f"<br><br><span>{P2}</span><br><br><b>Tin, ảnh: HẢI YẾN</b><br><br><b>Các tin khác</b>{links}"
            "</div></body></html>")
    article, _ = generic(html)
    assert (article.author, article.body.split("\n")) == ("HẢI YẾN", [P1, P2])


def test_reader_comments_without_telling_class_names_end_at_their_timestamps():
    comments = "".join(f"<div class=bl-item><b>Bạn đọc {i}</b> - {i + 1} giờ trước<p>{ABOUT}</p></div>"
                       for i in range(6))
    html = (f"<html><head><title>{TITLE}</title></head><body><div class=main><h1>{TITLE}</h1>"
            f"<div class=tg>12/03/2024</div><div class=nd><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>"
            f"<div class=bl>{comments}</div></div></body></html>")
    assert generic(html)[0].body.split("\n") == [P1, P2, P3]


def test_a_credit_under_the_title_names_the_author():
    html = (f"<html><body><h1>{TITLE}</h1><div class=info>Bài, ảnh: Lê Phương</div><div class=date>12/03/2024"
            f"</div><div class=c><p>{P1}</p><p>{P2}</p></div></body></html>")
    article, _ = generic(html)
    assert (article.author, article.body.split("\n")) == ("Lê Phương", [P1, P2])


def test_a_title_broken_by_br_is_one_title():
    html = ("<html><body><h1>Đoàn viên công đoàn tỉnh<br>hưởng ứng Tháng Công nhân năm 2024</h1>"
            f"<div class=date>12/03/2024</div><div class=c><p>{P1}</p><p>{P2}</p></div></body></html>")
    assert generic(html)[0].title == "Đoàn viên công đoàn tỉnh hưởng ứng Tháng Công nhân năm 2024"


def test_a_story_inside_a_widget_named_box_is_still_read():
    html = (f"<html><body><div class='widget Blog' id=Blog1><h3 class=post-title>{TITLE}</h3>"
            f"<div class=post-body><p>{P1}</p><p>{P2}</p></div></div></body></html>")
    article, reason = generic(html)
    assert reason is None and (article.title, article.body.split("\n")) == (TITLE, [P1, P2])

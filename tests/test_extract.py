"""Extraction on hand-made pages: blocks in reading order, captions, the generic fallback."""
from crawler.extract import Selectors, extract
from crawler.items import Page

URL = "https://congdoantravinh.com.vn/tin-tuc/tin-tong-hop/bai-viet"
PARAGRAPH = ("Liên đoàn Lao động tỉnh phối hợp với Sở Lao động tổ chức phiên giao dịch việc làm cho "
             "hơn năm trăm lao động trẻ đang tìm kiếm cơ hội tại các doanh nghiệp trong khu công nghiệp.")
SECOND = ("Tại phiên giao dịch, các doanh nghiệp may mặc, chế biến thủy sản và điện tử đã phỏng vấn trực "
          "tiếp người lao động, nhiều bạn trẻ được nhận vào làm việc ngay trong buổi sáng cùng ngày.")
SELECTORS = Selectors(title="h1", dateline=".date", body=".content")


def page(body: str) -> Page:
    html = f"<html><head><title>Trang tin</title></head><body><h1>Tiêu đề</h1>{body}</body></html>"
    return Page(url=URL, html=html, fetched_at="2026-11-21T09:00:00+07:00", site="tra_vinh")


def test_blocks_keep_order_line_breaks_and_absolute_image_urls():
    raw = extract(page(f'<div class="content"><p>{PARAGRAPH}</p><p><img src="/a.jpg" alt="A"></p>'
                       '<p>Dòng một<br>Dòng hai</p><script>alert(1)</script></div>'), SELECTORS)
    assert raw.method == "selectors"
    assert raw.blocks == [
        {"kind": "text", "text": PARAGRAPH},
        {"kind": "image", "src": "https://congdoantravinh.com.vn/a.jpg", "alt": "A", "caption": None},
        {"kind": "text", "text": "Dòng một\nDòng hai"}]


def test_italic_paragraph_under_an_image_is_its_caption_even_with_a_full_stop():
    raw = extract(page(f'<div class="content"><p>{PARAGRAPH}</p><p><img src="/b.jpg"></p>'
                       '<p><em>Các đoàn viên nhận quà tại hội trường.</em></p><p>{PARAGRAPH}</p></div>'
                       .replace("{PARAGRAPH}", PARAGRAPH)), SELECTORS)
    assert raw.blocks[1]["caption"] == "Các đoàn viên nhận quà tại hội trường."
    assert [b["kind"] for b in raw.blocks] == ["text", "image", "text"]


def test_figcaption_belongs_to_its_image():
    raw = extract(page(f'<div class="content"><p>{PARAGRAPH}</p><p>{SECOND}</p><figure><img src="/c.jpg">'
                       '<figcaption>Quang cảnh hội nghị</figcaption></figure></div>'), SELECTORS)
    assert raw.blocks[-1] == {"kind": "image", "src": "https://congdoantravinh.com.vn/c.jpg",
                              "alt": None, "caption": "Quang cảnh hội nghị"}


def test_wrong_body_selector_falls_back_to_the_generic_extractor_and_says_so():
    raw = extract(page(f'<div class="main"><article><p>{PARAGRAPH}</p><p>{SECOND}</p>'
                       f'<p>{PARAGRAPH} {SECOND}</p></article></div>'), SELECTORS)
    assert raw.method == "generic"
    assert PARAGRAPH in [b["text"] for b in raw.blocks]


def test_selector_matching_only_chrome_is_not_taken_for_an_article():
    chrome = '<div class="content"><ul><li>Lượt xem: 120</li><li>Liên kết website</li></ul></div>'
    raw = extract(page(chrome + '<div class="footer"><p>Điện thoại: 0294 3700 815</p></div>'), SELECTORS)
    assert raw.method == "generic" and raw.blocks == []


def test_metadata_date_comes_first():
    html = ('<meta property="article:published_time" content="2023-04-30T22:20:00+07:00">'
            f'<div class="date">Ngày 24-9</div><div class="content"><p>{PARAGRAPH}</p><p>{SECOND}</p></div>')
    raw = extract(page(html), SELECTORS)
    assert (raw.meta_date, raw.dateline) == ("2023-04-30T22:20:00+07:00", "Ngày 24-9")

"""Line-level tests for page chrome: banners, widgets, counters, share links, related-news lists."""
from __future__ import annotations

import re

# Whole lines that are navigation or widget labels on the sites we crawl.  Compared
# after lower-casing and trimming bullets and trailing colons.
_LABELS = frozenset("""
in trang|back|quay lại|trở về|trở lại|về đầu trang|lên đầu trang|đầu trang|bản in|in bài|in bài viết
|gửi email|gửi bài viết|gửi cho bạn bè|chia sẻ|chia sẻ bài viết|đọc toàn bộ bài viết|đọc tiếp
|xem tiếp|xem thêm|xem chi tiết|liên kết website|liên kết web|liên kết|thống kê truy cập
|lượt truy cập|đánh giá bài viết|bình luận|ý kiến bạn đọc|từ khóa|tags|tag|tin hoạt động|tin tức
|tin tức - sự kiện|tin tức sự kiện|tin mới|tin mới nhất|tin nổi bật|tin đọc nhiều|tin xem nhiều
|tin ảnh|thông báo|văn bản|video|hình ảnh|print|share|tweet|like""".replace("\n", "").split("|"))

# Headers after which everything is a list of other articles or a sidebar.
_STOPS = frozenset("""
các tin liên quan|tin liên quan|tin khác|các tin khác|tin cùng chuyên mục|bài viết liên quan
|các bài viết liên quan|bài liên quan|tin đã đưa|các tin đã đưa|tin bài liên quan|tin bài khác
|liên kết website|liên kết web|thống kê truy cập""".replace("\n", "").split("|"))

_TRIM = " \t•·●▪◦►▶»«*-–—:|"
_SHARE_RE = re.compile(
    r"^(?:(?:chia sẻ|bản in|in bài(?: viết)?|in trang|gửi email|gửi bài|email|facebook|zalo|twitter"
    r"|tweet|like|share|print|linkedin|copy link|sao chép liên kết)\s*[:|,•·/\-]*\s*)+$"
)
_COUNTER_RE = re.compile(
    r"^(?:lượt xem|số lượt xem|lượt đọc|lượt truy cập|số lượt truy cập|tổng lượt truy cập|đang online"
    r"|đang truy cập|trực tuyến|online|hôm nay|hôm qua|trong tuần|tuần này|tuần trước|trong tháng"
    r"|tháng này|tháng trước|trong năm|năm nay|tất cả|tổng|tổng số|tổng cộng|khách|thành viên)"
    r"\s*:?\s*[\d.,\s]+$"
)
# Contact widgets: a label then a number or address, and nothing else.
_CONTACT_RE = re.compile(
    r"^(?:điện thoại|đt|đtdđ|tel|hotline|fax|email|e-mail|số tài khoản|stk)\s*:?\s*"
    r"(?:[\d\s.()+\-]{6,}|\S+@\S+)$"
)
_NO_LETTER_RE = re.compile(r"^[^\w]*(?:[\d_][^\w]*)*$")  # digits, bullets, rules: no words at all
_HANDLE_RE = re.compile(r"^[a-z][a-z0-9_.]{3,}$")  # a bare ASCII account name ("congdoantravinh")
_COPYRIGHT_RE = re.compile(r"^(?:[@©]\s*\d{4}\b|\(c\)\s*\d{4}|copyright\b|bản quyền\b)", re.I)
# Broken Markdown or a bare file path: "![", "](", "….jpg)", "/media/a.jpg".
_IMAGE_MARKUP_RE = re.compile(r"!\[|\]\(|\.(?:jpe?g|png|gif|webp|bmp)\)\s*$|^\S+\.(?:jpe?g|png|gif|webp|bmp)$", re.I)
_BANNER_START_RE = re.compile(r"^(?:NHIỆT LIỆT CHÀO MỪNG|TOÀN ĐẢNG, TOÀN DÂN)")
# A dateline printed inside the body: only date words, numbers and separators.
_DATE_WORDS_RE = re.compile(
    r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|cập\s+nhật|ngày\s+đăng|đăng\s+ngày|ngày|tháng|năm|lúc"
    r"|giờ|phút|sáng|chiều|tối|trưa|\b(?:sa|ch|am|pm|gmt)\b|[\d/.:,()+|\-–]"
)
_HAS_DATE_RE = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}|\d\s+tháng\s+\d")
# "1 tuần trước", "5 phút trước kia 5": a relative time stamp left over from a listing.
_RELATIVE_LINE_RE = re.compile(r"^\d+\s*(?:giây|phút|giờ|ngày|tuần|tháng|năm)\s+trước\b.{0,12}$")


def _key(line: str) -> str:
    return line.strip(_TRIM).lower()


def is_all_caps(line: str) -> bool:
    """True when the line has letters and none of them is lower case."""
    return line.upper() == line and any(c.isalpha() for c in line)


def is_banner(line: str) -> bool:
    """A site-wide slogan: capitals ending in "!", or one of the fixed slogan openings."""
    if _BANNER_START_RE.match(line):
        return True
    return line.rstrip().endswith("!") and is_all_caps(line) and len(line.split()) >= 3


def is_stop(line: str) -> bool:
    """A related-news or sidebar header: what follows it is not the article."""
    if len(line) > 80:
        return False
    k = _key(line)
    return k in _STOPS or ("|" in k and _key(k.split("|", 1)[0]) in _STOPS)


def is_chrome(line: str) -> bool:
    """A whole line that belongs to the page around the article, never to the article."""
    if _NO_LETTER_RE.match(line):
        return True  # counters, phone and account numbers, rules, lone bullets
    if len(line) > 130:
        return is_banner(line)  # every other pattern describes a short line; a paragraph is never chrome
    k = _key(line)
    if not k or k in _LABELS or k in _STOPS:
        return True
    if _COUNTER_RE.match(k) or _SHARE_RE.match(k) or _CONTACT_RE.match(k):
        return True
    if _HANDLE_RE.match(k) and k == line.strip():
        return True
    if _COPYRIGHT_RE.match(k) or _IMAGE_MARKUP_RE.search(k):
        return True
    if is_banner(line) or is_date_line(k) or _RELATIVE_LINE_RE.match(k):
        return True
    return False


def is_date_line(line: str) -> bool:
    """A line that is only a date and time ("30/04/2023 10:20 CH", "Thứ hai, 5/6/2023")."""
    k = line.lower()
    if len(k) > 60 or not _HAS_DATE_RE.search(k):
        return False
    return not _DATE_WORDS_RE.sub("", k).strip()


def _same_key(s: str) -> str:
    return " ".join(s.split()).lower().rstrip(" .")


def same_text(a: str, b: str) -> bool:
    """Equal apart from case and spacing (for "line equals the title")."""
    if not a or not b or abs(len(a) - len(b)) > 16:  # lengths settle most comparisons
        return False
    return _same_key(a) == _same_key(b)


def is_teaser_of(line: str, following: str) -> bool:
    """Line n is a teaser when line n+1 repeats it in full or continues its cut-off text."""
    if line == following:
        return True
    stem = line.rstrip()
    cut = stem.endswith(("...", "…"))
    stem = stem.rstrip(".… ").rstrip()
    if len(stem) < 20:
        return False
    return (cut or len(stem) >= 40) and following.startswith(stem) and len(following) > len(stem)

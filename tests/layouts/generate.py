"""Writes the layout corpus: each family's page template around the stories, with ground truth.

Run `python -m tests.layouts.generate` after changing a template or a story; commit what it writes.
Every page varies chrome, class names, date, credit and caption formats, so a family is a kind
of page, not one page.
"""
from __future__ import annotations

import html
import json
import random
from pathlib import Path

from tests.layouts.stories import NAMES, make_story

HERE = Path(__file__).parent
PAGES_PER_FAMILY = 12
SLOGANS = ["TOÀN ĐẢNG, TOÀN DÂN, TOÀN QUÂN THI ĐUA LẬP THÀNH TÍCH CHÀO MỪNG ĐẠI HỘI",
           "CÔNG ĐOÀN VIỆT NAM - VÌ QUYỀN LỢI ĐOÀN VIÊN VÀ NGƯỜI LAO ĐỘNG",
           "NHIỆT LIỆT CHÀO MỪNG KỶ NIỆM NGÀY THÀNH LẬP CÔNG ĐOÀN VIỆT NAM"]
MENU = ["Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Hoạt động công đoàn", "Chính sách pháp luật",
        "Văn bản", "Thư viện ảnh", "Liên hệ"]
PORTLETS = ["TIN HOẠT ĐỘNG", "TIN MỚI NHẤT", "Tin đọc nhiều", "THÔNG BÁO", "Văn bản mới"]
OTHER_TITLES = [
    "Liên đoàn Lao động tỉnh sơ kết công tác sáu tháng đầu năm",
    "Công đoàn ngành Y tế thăm hỏi đoàn viên bị tai nạn lao động",
    "Hội nghị đối thoại giữa lãnh đạo tỉnh với công nhân lao động",
    "Phát động Tháng Công nhân với nhiều hoạt động thiết thực",
    "Ra mắt Câu lạc bộ nữ công nhân tại khu công nghiệp",
    "Kiểm tra việc thực hiện chính sách pháp luật tại doanh nghiệp",
    "Giải bóng đá mini công nhân lao động khép lại thành công",
    "Trao học bổng cho con đoàn viên vượt khó học giỏi",
]
SUMMARIES = [
    "Hội nghị đánh giá kết quả thực hiện nhiệm vụ, chỉ ra những hạn chế và đề ra giải pháp trọng tâm "
    "cho thời gian tới nhằm chăm lo tốt hơn cho đoàn viên, người lao động trên địa bàn tỉnh.",
    "Chương trình thu hút đông đảo đoàn viên tham gia, tạo không khí vui tươi, phấn khởi trong công "
    "nhân lao động tại các doanh nghiệp, khu công nghiệp và cụm công nghiệp.",
]
COMMENTS = [
    "Chương trình rất ý nghĩa, mong công đoàn tiếp tục quan tâm nhiều hơn đến công nhân ở các khu "
    "nhà trọ xa trung tâm, nhất là những gia đình có con nhỏ đang đi học.",
    "Tôi là công nhân ở khu công nghiệp, đọc bài thấy rất xúc động, cảm ơn tổ chức công đoàn đã luôn "
    "đồng hành cùng người lao động trong những lúc khó khăn nhất.",
    "Đề nghị ban tổ chức thông báo sớm hơn để anh chị em công nhân làm ca đêm cũng có thể sắp xếp "
    "thời gian tham gia các hoạt động bổ ích như thế này.",
]


class Page:
    """One page being written: its parts and the ground truth they add up to."""

    def __init__(self, family: str, index: int):
        self.rng = random.Random(f"{family}-{index}")
        self.story = make_story(self.rng, index + hash_of(family))
        self.family, self.index = family, index
        self.chrome: list[str] = []
        self.images: list[dict] = []
        self.author: str | None = None
        self.body: list[str] = []

    def c(self, text: str) -> str:
        """A chrome line: recorded, so a leak into the body is counted, and escaped."""
        self.chrome.append(text)
        return html.escape(text)

    def pick(self, options):
        return self.rng.choice(options)

    def date_text(self, formats=None) -> str:
        p = self.story["published"]
        formats = formats or ["{d:02d}/{m:02d}/{y} {H:02d}:{M:02d}", "Cập nhật: {H:02d}:{M:02d} {d:02d}/{m:02d}/{y}",
                              "{wd}, {d:02d}/{m:02d}/{y} {H:02d}:{M:02d} (GMT+7)", "Ngày đăng: {d:02d}-{m:02d}-{y}",
                              "Ngày {d}.{m}.{y}", "ngày {d} tháng {m} năm {y}", "{d12}/{m:02d}/{y} {h12}:{M:02d} {ap}",
                              "Đăng lúc {H:02d}:{M:02d} ngày {d:02d}/{m:02d}/{y}", "{wd}, {d}/{m}/{y} - {H:02d}:{M:02d}"]
        weekday = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"][p.weekday()]
        return self.pick(formats).format(d=p.day, m=p.month, y=p.year, H=p.hour, M=p.minute, wd=weekday,
                                         d12=f"{p.day:02d}", h12=(p.hour % 12) or 12,
                                         ap="CH" if p.hour >= 12 else "SA")

    def credit(self, kinds=("both", "caps", "unit", "split", "plain", "bai")) -> str:
        """A credit line as the site prints it; records the author it names."""
        name = self.pick([n for n in NAMES if n != self.story["name"]])
        short = " ".join(name.split()[-2:])
        kind = self.pick(kinds)
        if kind == "both":
            self.author = short.upper()
            return f"Tin, ảnh: {self.author}"
        if kind == "caps":
            self.author = short.upper()
            return self.author
        if kind == "unit":
            self.author = self.story["unit"]
            return f"Tin, ảnh : {self.author}."
        if kind == "split":
            self.author = short
            return f"Tin: {short} - Ảnh: {self.pick(NAMES).split()[-1]} {self.pick(['Nhi', 'Tâm', 'Sơn'])}"
        if kind == "bai":
            self.author = short
            return f"Bài và ảnh: {short}"
        self.author = short
        return short

    def paragraphs(self) -> list[str]:
        self.body = list(self.story["paras"])
        return [html.escape(p) for p in self.body]

    def image(self, n: int) -> tuple[str, str]:
        """(src, caption) of the n-th photo; recorded in the truth."""
        src = f"/upload/news/{self.story['published']:%Y/%m}/anh-{self.index}-{n}.jpg"
        caption = self.story["captions"][n % len(self.story["captions"])]
        self.images.append({"src": src, "caption": caption})
        return src, html.escape(caption)

    def other_news(self, k: int = 5, dated: bool = True) -> list[str]:
        rows = self.rng.sample(OTHER_TITLES, k)
        out = []
        for t in rows:
            date = f" ({self.rng.randrange(1, 28):02d}/{self.rng.randrange(1, 12):02d}/2023)" if dated else ""
            out.append(self.c(t + date) if dated else self.c(t))
        return out

    def truth(self, url: str, title: str | None = None) -> dict:
        return {"family": self.family, "url": url, "title": title or self.story["title"],
                "date": self.story["published"].strftime("%Y-%m-%d"), "author": self.author,
                "body": self.body, "images": self.images, "chrome": self.chrome}


def hash_of(text: str) -> int:
    return sum(map(ord, text))


def e(text: str) -> str:
    return html.escape(text)


def footer(p: Page) -> str:
    return (f'{p.c("Bản quyền thuộc về Liên đoàn Lao động tỉnh")}<br>'
            f'{p.c("Địa chỉ: số " + str(p.rng.randrange(2, 90)) + " đường Trần Phú, phường 7")}<br>'
            f'{p.c("Điện thoại: 0292 38" + str(p.rng.randrange(10000, 99999)))}')


def counters(p: Page) -> str:
    return (f'<div class="{p.pick(["thongke", "counter", "stats"])}"><b>{p.c("Thống kê truy cập")}</b><br>'
            f'{p.c("Đang online: " + str(p.rng.randrange(5, 90)))}<br>'
            f'{p.c("Tổng lượt truy cập: " + str(p.rng.randrange(100000, 2000000)))}</div>')


def menu(p: Page, cls: str = "menu") -> str:
    items = "".join(f'<li><a href="/{i}">{p.c(m)}</a></li>' for i, m in enumerate(MENU))
    return f'<ul class="{cls}">{items}</ul>'


# ---------------------------------------------------------------- families

def div_portal(p: Page) -> tuple[str, str]:
    url = f"https://congdoan.example-ct.vn/tin-tuc/bai-{p.index}.html"
    s = p.story
    cls = p.pick([("news-title", "news-date", "news-content"), ("title-detail", "date-detail", "content-detail"),
                  ("tieude", "ngaydang", "noidung")])
    htag = p.pick(["h1", "h2"])
    paras = p.paragraphs()
    src, cap = p.image(0)
    cap_html = p.pick([f'<p style="text-align:center"><em>{cap}</em></p>',
                       f'<p class="image-caption">{cap}</p>'])
    credit = p.credit()
    body = (f"<p>{paras[0]}</p><p>{paras[1]}</p><p style=\"text-align:center\"><img src=\"{src}\" alt=\"\"></p>"
            f"{cap_html}<p>{paras[2]}</p><p>{paras[3]}</p>"
            f'<p style="text-align:right"><strong>{e(credit)}</strong></p>')
    date = p.date_text()
    date_html = f'<div class="{cls[1]}">{e(date)}</div>'
    title_html = f'<{htag} class="{cls[0]}">{e(s["title"])}</{htag}>'
    head = title_html + date_html if p.rng.random() < 0.7 else date_html + title_html
    sidebar = (f'<div class="box"><h3>{p.c(p.pick(PORTLETS))}</h3><ul>'
               + "".join(f"<li><a href='#'>{t}</a></li>" for t in p.other_news(4, dated=False))
               + f"</ul></div>{counters(p)}")
    page = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{p.pick([e(s["title"]) + " - Công đoàn Cần Thơ", "Liên đoàn Lao động thành phố"])}</title></head><body>
<div id="header"><div class="banner"><marquee>{p.c(p.pick(SLOGANS))}</marquee></div>{menu(p)}</div>
<div class="container"><div class="col-main">
<div class="breadcrumb"><a href="/">{p.c("Trang chủ")}</a> » <a href="/tin-tuc">{p.c("Tin tức")}</a></div>
{head}
<div class="tools"><a href="#">{p.c("In trang")}</a> <a href="#">{p.c("Gửi email")}</a></div>
<div class="{cls[2]}">{body}</div>
<div class="views">{p.c("Lượt xem: " + str(p.rng.randrange(20, 900)))}</div>
<div class="other-news"><h3>{p.c("Tin khác")}</h3><ul>{"".join(f"<li><a href='#'>{t}</a></li>" for t in p.other_news())}</ul></div>
</div><div class="col-side">{sidebar}</div></div>
<div id="footer">{footer(p)}</div></body></html>"""
    return url, page


def table_legacy(p: Page) -> tuple[str, str]:
    url = f"https://ldld.example-tv.vn/Default.aspx?tabid=12&newsid={1000 + p.index}"
    s = p.story
    paras = p.paragraphs()
    src, cap = p.image(0)
    src2, cap2 = p.image(1)
    credit = p.credit()
    # Tag soup as legacy editors wrote it: <font> across paragraphs, unclosed <p> and <td>.
    sep = p.pick(["<br><br>", "<br />\n<br />", "<br>&nbsp;<br>"])
    photo = (f'<table align="center" border="0" cellpadding="2"><tr><td align="center"><img src="{src}" '
             f'width="450" border="0"></td></tr><tr><td align="center"><font size="1" color="#333333">'
             f'{p.pick(["<i>" + cap + "</i>", cap])}</font></td></tr></table>')
    photo2 = (f'<table align="center"><tr><td><img src="{src2}"></td></tr><tr><td class="caption">{cap2}'
              '</td></tr></table>')
    text = (f'<font face="Arial" size="2">{paras[0]}{sep}{paras[1]}{sep}</font>{photo}'
            f'<font face="Arial" size="2">{paras[2]}{sep}{photo2}{paras[3]}{sep}'
            f'<p align="right"><b>{e(credit)}</b></font>')
    date = p.date_text(["Cập nhật: {H:02d}:{M:02d} {d:02d}/{m:02d}/{y}", "{d:02d}/{m:02d}/{y} {H:02d}:{M:02d}",
                        "Ngày cập nhật: {d:02d}/{m:02d}/{y}", "({d:02d}/{m:02d}/{y})", "{d12}/{m:02d}/{y} {h12}:{M:02d} {ap}"])
    title_html = p.pick([f'<font face="Arial" size="4" color="#003399"><b>{e(s["title"])}</b></font>',
                         f'<span class="title"><strong>{e(s["title"])}</strong></span>',
                         f'<b><font size="3" color="#0000CC">{e(s["title"]).upper()}</font></b>'])
    title = s["title"].upper() if "size=\"3\"" in title_html else s["title"]
    links = "".join(f'<tr><td><img src="/images/arrow.gif"> <a href="/m{i}">{t}</a></td></tr>'
                    for i, t in enumerate(p.c(m) for m in MENU))
    others = "".join(f'<tr><td><img src="/images/dot.gif"> <a href="#">{t}</a>' for t in p.other_news())
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{p.c("LIEN DOAN LAO DONG TINH - Trang thông tin điện tử")}</title></head>
<body bgcolor="#FFFFFF" topmargin="0"><table width="980" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td colspan="2"><img src="/images/banner.jpg" width="980"><br><font color="red" size="4"><b>{p.c(p.pick(SLOGANS))}</b></font></td></tr>
<tr><td width="200" valign="top" bgcolor="#EEF3FA"><table width="100%">{links}</table>
<p><b>{p.c("Liên kết website")}</b><br><select><option>{p.c("Tổng Liên đoàn Lao động Việt Nam")}</option></select>
{counters(p)}</td>
<td valign="top" width="780"><table width="100%" cellpadding="4">
<tr><td class="{p.pick(["tieude", "newstitle", "t"])}">{title_html}</td></tr>
<tr><td><font size="1" color="#666666"><i>{e(date)}</i></font>
<tr><td class="{p.pick(["noidung", "newscontent", "c"])}">{text}</td></tr>
<tr><td><a href="javascript:window.print()">{p.c("In bài viết")}</a> | <a href="#">{p.c("Về đầu trang")}</a></td></tr>
</table><table width="100%"><tr><td bgcolor="#CCDDEE"><b>{p.c("Các tin khác")}</b></td></tr>{others}</table>
</td></tr><tr><td colspan="2" align="center" bgcolor="#003399"><font color="white">{footer(p)}</font></td></tr>
</table></body></html>"""
    return url, page, title


def liferay62(p: Page) -> tuple[str, str]:
    entry = 50000 + p.index * 37
    url = f"https://ldld.example-st.gov.vn/web/guest/tin-tuc/-/asset_publisher/aBc12/content/bai-{p.index}"
    s = p.story
    paras = p.paragraphs()
    src, cap = p.image(0)
    credit = p.credit(("both", "caps", "unit", "plain"))
    caption = p.pick([f"<p style=\"text-align: center;\"><em>{cap}</em></p>",
                      f"<p style=\"text-align: center;\"><span style=\"font-size:12px;\"><em>{cap}</em></span></p>"])
    article = (f'<p style="text-align: justify;">{paras[0]}</p><p style="text-align: justify;">{paras[1]}</p>'
               f'<p style="text-align: center;"><img alt="" src="{src}" style="width: 600px;" /></p>{caption}'
               f'<p style="text-align: justify;">{paras[2]}</p><p style="text-align: justify;">{paras[3]}</p>'
               f'<p style="text-align: right;"><strong>{e(credit)}</strong></p>')
    date = p.date_text(["{d:02d}/{m:02d}/{y}", "{d:02d}/{m:02d}/{y} {H:02d}:{M:02d}"])
    abstracts = "".join(
        f'<div class="asset-abstract default-asset-publisher"><h3 class="asset-title"><a href="/x/{i}">{t}</a></h3>'
        f'<div class="asset-content"><div class="asset-summary">{p.c(p.pick(SUMMARIES))}</div>'
        f'<div class="asset-more"><a href="/x/{i}">{p.c("Xem thêm »")}</a></div></div></div>'
        for i, t in enumerate(p.other_news(3, dated=False)))
    page = f"""<!DOCTYPE html><html class="aui ltr" dir="ltr" lang="vi-VN"><head>
<title>{p.pick([e(s["title"]) + " - Liên đoàn Lao động tỉnh", "Tin tức - Liên đoàn Lao động tỉnh"])}</title>
<meta content="text/html; charset=UTF-8" http-equiv="content-type" /></head>
<body class="yui3-skin-sam controls-visible guest-site signed-out public-page site">
<div class="container-fluid" id="wrapper"><header id="banner" role="banner"><div id="heading">
<h1 class="site-title"><a class="logo default-logo" href="/"><img alt="" src="/image/logo.png" /></a>
<span class="site-name">{p.c("LIÊN ĐOÀN LAO ĐỘNG TỈNH")}</span></h1></div>
<nav class="sort-pages modify-pages" id="navigation" role="navigation">{menu(p, "nav")}</nav></header>
<div id="content"><div class="portlet-layout row-fluid"><div class="portlet-column span8" id="column-1">
<div class="portlet-boundary portlet-boundary_101_ portlet-asset-publisher" id="p_p_id_101_INSTANCE_aBc12_">
<section class="portlet"><div class="portlet-content"><div class="portlet-body">
<div class="taglib-header "><span class="header-back-to"><a class="icon-circle-arrow-left previous-level" href="/web/guest/tin-tuc">
<span class="helper-hidden-accessible">{p.c("Quay lại")}</span></a></span>
<h3 class="header-title"><span>{e(s["title"])}</span></h3></div>
<div class="asset-full-content default-asset-publisher show-asset-title">
<div class="asset-content" id="_101_INSTANCE_aBc12_{entry}"><div class="journal-content-article">{article}</div></div>
<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">{e(date)}</span>
<span class="metadata-entry metadata-view-count">{p.c(str(p.rng.randrange(30, 999)) + " Lượt xem")}</span></div>
</div></div></div></section></div></div>
<div class="portlet-column span4" id="column-2"><div class="portlet-boundary portlet-asset-publisher">
<section class="portlet"><header class="portlet-topper"><h1 class="portlet-title"><span class="portlet-title-text">{p.c(p.pick(PORTLETS))}</span></h1></header>
<div class="portlet-content">{abstracts}
<ul class="pager lfr-pagination-buttons"><li class="disabled first"><a href="javascript:;">{p.c("← Đầu")}</a></li>
<li class="disabled"><a href="javascript:;">{p.c("Trước")}</a></li><li><a href="?p=2">{p.c("Tiếp")}</a></li>
<li class="last"><a href="?p=9">{p.c("Cuối →")}</a></li></ul></div></section></div></div></div></div>
<footer id="footer" role="contentinfo"><p>{footer(p)}</p></footer></div></body></html>"""
    return url, page


def dnn(p: Page) -> tuple[str, str]:
    mid = 1600 + p.index
    url = f"https://dateh.example-ld.vn/thong-tin-hoat-dong/type/detail/id/{38000 + p.index}/task/{mid}"
    s = p.story
    paras = p.paragraphs()
    src, cap = p.image(0)
    credit = p.credit(("plain", "caps", "both", "bai"))
    date = p.date_text(["{d12}/{m:02d}/{y} {h12}:{M:02d} {ap}", "{d:02d}/{m:02d}/{y} {H:02d}:{M:02d}",
                        "Ngày {d:02d}/{m:02d}/{y}"])
    content = (f"<p>{paras[0]}</p><p>{paras[1]}</p><div style=\"text-align:center\"><img src=\"{src}\" "
               f"width=\"500\"><br><em>{cap}</em></div><p>{paras[2]}</p><p>{paras[3]}</p>"
               f'<p style="text-align:right"><strong>{e(credit)}</strong></p>')
    others = "".join(f"<li><a href='#'>{t}</a></li>" for t in p.other_news())
    page = f"""<!DOCTYPE html><html><head><title>{p.c("Đảng bộ huyện - Thông tin hoạt động")}</title></head>
<body><form method="post" action="/" id="Form"><div id="dnn_wrapper">
<div class="skin-banner"><marquee scrollamount="3">{p.c(p.pick(SLOGANS))}</marquee></div>
<div id="dnn_MenuPane">{menu(p, "dnnmenu")}</div>
<div class="row"><div id="dnn_LeftPane" class="leftpane"><div class="DnnModule DnnModule-DNN_HTML DnnModule-{mid - 7}">
<a name="{mid - 7}"></a><div class="c_container"><h2><span id="dnn_ctr{mid - 7}_dnnTITLE_titleLabel">{p.c("Liên kết website")}</span></h2>
<div id="dnn_ctr{mid - 7}_ContentPane"><div id="dnn_ctr{mid - 7}_ModuleContent">{counters(p)}</div></div></div></div></div>
<div id="dnn_ContentPane" class="contentpane"><div class="DnnModule DnnModule-NewsDetail DnnModule-{mid}"><a name="{mid}"></a>
<div class="c_container"><div id="dnn_ctr{mid}_ContentPane"><div id="dnn_ctr{mid}_ModuleContent" class="DNNModuleContent">
<div class="News_Detail"><h2 class="{p.pick(["News_Title", "newsTitle"])}">{e(s["title"])}</h2>
<a class="print" href="#">{p.c("In trang")}</a>
<div class="{p.pick(["News_Date", "newsDate"])}">{e(date)}</div>
<div class="{p.pick(["News_Content", "newsContent"])}">{content}</div>
<div class="News_Views">{p.c("Lượt xem: " + str(p.rng.randrange(50, 800)))}</div>
<div class="News_Other"><span class="other-title">{p.c("Tin khác")}</span><ul>{others}</ul></div>
</div></div></div></div></div></div></div>
<div id="dnn_FooterPane">{footer(p)}</div></div></form></body></html>"""
    return url, page


def laodong(p: Page) -> tuple[str, str]:
    aid = 1200000 + p.index * 13
    url = f"https://laodong.vn/ldld-can-tho/bai-{p.index}-{aid}.ldo"
    s = p.story
    paras = p.paragraphs()
    src, cap = p.image(0)
    name = p.pick([n for n in NAMES if n != s["name"]])
    p.author = " ".join(name.split()[-2:]).upper()
    pub = s["published"]
    weekday = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"][pub.weekday()]
    time_text = f"{weekday}, {pub:%d/%m/%Y %H:%M} (GMT+7)"
    related = "".join(f'<li><a href="/x-{i}.ldo" class="link-title">{t}</a></li>'
                      for i, t in enumerate(p.other_news(3, dated=False)))
    jsonld = json.dumps([{"@context": "https://schema.org", "@type": "BreadcrumbList"},
                         {"@type": "NewsArticle", "headline": s["title"],
                          "datePublished": pub.strftime("%Y-%m-%dT%H:%M:%S+07:00")}], ensure_ascii=False)
    use_jsonld = p.rng.random() < 0.6
    figure = (f'<figure class="{p.pick(["insert-center-image", "image"])}"><img src="{src}" alt="{cap}">'
              f'<figcaption>{cap}</figcaption></figure>')
    page = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{e(s["title"])} | {p.c("Báo Lao Động")}</title><meta property="og:title" content="{e(s["title"])}">
{f'<script type="application/ld+json">{jsonld}</script>' if use_jsonld else ""}
<meta property="article:section" content="LĐLĐ Cần Thơ"></head><body>
<header class="header"><div class="logo"><a href="/">{p.c("Lao Động")}</a></div>{menu(p, "main-menu")}</header>
<div class="body-content"><div class="wrapper"><div itemprop="articleBody" articleid="{aid}" ng-controller="ChiTietTinCtrl as vm">
<article class="article-detail"><div class="breadcrumbs"><a class="main-cat-lnk" href="/ldld-can-tho">{p.c("LĐLĐ Cần Thơ")}</a></div>
<h1 class="title">{e(s["title"])}</h1>
<div class="meta"><span class="{p.pick(["author", "authors"])}">{e(p.author)}</span> <span class="time">{e(time_text)}</span></div>
<div class="chappeau"><p>{paras[0]}</p></div>
<div id="gallery-ctt" class="art-body" itemprop="articleBody"><p>{paras[1]}</p>
<div class="tin-lien-quan"><div class="title">{p.c("Tin liên quan")}</div><ul>{related}</ul></div>
{figure}<p>{paras[2]}</p><p>{paras[3]}</p></div>
<div class="lst-tags"><span>{p.c("Tags:")}</span><a href="/tags/1">{p.c("Công đoàn")}</a><a href="/tags/2">{p.c("Người lao động")}</a></div>
</article></div>
<div class="box-cung-chuyen-muc"><h2>{p.c("Tin cùng chuyên mục")}</h2><ul>{"".join(f"<li><a href='#'>{t}</a><p>{p.c(p.pick(SUMMARIES))}</p></li>" for t in p.other_news(2, dated=False))}</ul></div>
</div></div><footer>{footer(p)}</footer></body></html>"""
    return url, page


def wordpress(p: Page) -> tuple[str, str]:
    pid = 3000 + p.index
    url = f"https://congdoan.example-wp.vn/{p.story['published']:%Y/%m}/bai-{p.index}/"
    s = p.story
    paras = p.paragraphs()
    src, cap = p.image(0)
    credit = p.credit()
    pub = s["published"]
    months = ["Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Mười Hai"]
    shown = p.pick([f"{pub.day} Tháng {months[pub.month - 1]}, {pub.year}", f"{pub:%d/%m/%Y}"])
    iso = pub.strftime("%Y-%m-%dT%H:%M:%S+07:00")
    comments = "".join(
        f'<li class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">'
        f'{p.c(p.pick(NAMES))}</b> <time>{p.c(f"{pub.day:02d}/{pub.month:02d}/{pub.year} lúc 2{i}:15")}</time></footer>'
        f'<div class="comment-content"><p>{p.c(COMMENTS[i])}</p></div><div class="reply"><a>{p.c("Trả lời")}</a></div></article></li>'
        for i in range(p.rng.randrange(1, 4)))
    recent = "".join(f"<li><a href='#'>{t}</a></li>" for t in p.other_news(5, dated=False))
    related = "".join(f'<div class="jp-relatedposts-post"><h4><a href="#">{t}</a></h4><p>{p.c(p.pick(SUMMARIES))}</p></div>'
                      for t in p.other_news(2, dated=False))
    page = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="UTF-8">
<title>{e(s["title"])} &#8211; {p.c("Công đoàn tỉnh")}</title>
<meta property="og:title" content="{e(s["title"])}" /><meta property="article:published_time" content="{iso}" />
</head><body class="post-template-default single single-post postid-{pid}">
<div id="page" class="site"><header id="masthead" class="site-header"><p class="site-title"><a href="/">{p.c("Công đoàn tỉnh")}</a></p>
<p class="site-description">{p.c(p.pick(SLOGANS).capitalize())}</p><nav id="site-navigation" class="main-navigation">{menu(p, "menu")}</nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-{pid}" class="post-{pid} post type-post status-publish format-standard hentry">
<header class="entry-header"><h1 class="entry-title">{e(s["title"])}</h1>
<div class="entry-meta"><span class="posted-on">{p.c("Đăng ngày")} <a href="#" rel="bookmark"><time class="entry-date published" datetime="{iso}">{e(shown)}</time></a></span>
<span class="byline"> {p.c("bởi")} <span class="author vcard"><a class="url fn n" href="/author/bientap/">{p.c("Ban biên tập")}</a></span></span></div></header>
<div class="entry-content"><p>{paras[0]}</p><p>{paras[1]}</p>
<div id="attachment_{pid}" class="wp-caption aligncenter"><img class="size-large wp-image-{pid}" src="{src}" alt="" width="800" height="533" />
<p class="wp-caption-text">{cap}</p></div><p>{paras[2]}</p><p>{paras[3]}</p><p style="text-align: right;"><strong>{e(credit)}</strong></p>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">{p.c("Chia sẻ:")}</h3><ul><li><a>{p.c("Facebook")}</a></li><li><a>{p.c("Zalo")}</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>{p.c("Liên quan")}</em></h3>{related}</div>
</div><footer class="entry-footer"><span class="cat-links">{p.c("Chuyên mục: Hoạt động công đoàn")}</span></footer></article>
<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous"><a href="#">{p.c(p.pick(OTHER_TITLES))}</a></div></div></nav>
<div id="comments" class="comments-area"><h2 class="comments-title">{p.c("Bình luận")}</h2><ol class="comment-list">{comments}</ol>
<div id="respond" class="comment-respond"><h3>{p.c("Để lại một bình luận")}</h3></div></div>
</main></div><aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">{p.c("Bài viết mới")}</h2><ul>{recent}</ul></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">{footer(p)}</div></footer></div></body></html>"""
    return url, page


def joomla(p: Page) -> tuple[str, str]:
    url = f"https://ldld.example-jm.vn/index.php/tin-tuc/{200 + p.index}-bai-viet"
    s = p.story
    paras = p.paragraphs()
    src, cap = p.image(0)
    credit = p.credit()
    pub = s["published"]
    weekday = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"][pub.weekday()]
    shown = p.pick([f"{weekday}, {pub.day:02d} Tháng {pub.month} {pub.year} {pub:%H:%M}",
                    f"{pub:%d/%m/%Y %H:%M}", f"{weekday}, {pub.day} Tháng {pub.month} {pub.year}"])
    iso = pub.strftime("%Y-%m-%dT%H:%M:%S+07:00")
    heading = p.pick([f'<div class="page-header"><h2 itemprop="headline">{e(s["title"])}</h2></div>',
                      f'<div class="page-header"><h2 itemprop="name"><a href="{url}" itemprop="url">{e(s["title"])}</a></h2></div>'])
    latest = "".join(f"<li><a href='#'>{t}</a></li>" for t in p.other_news(5, dated=False))
    image = p.pick([f'<p style="text-align: center;"><img src="{src}" alt="{cap}" /></p><p style="text-align: center;"><em>{cap}</em></p>',
                    f'<figure class="pull-center"><img src="{src}" alt="" /><figcaption>{cap}</figcaption></figure>'])
    page = f"""<!DOCTYPE html><html lang="vi-vn" dir="ltr"><head><meta charset="utf-8" />
<title>{p.pick([e(s["title"]), "Liên đoàn Lao động tỉnh - " + e(s["title"])])}</title></head>
<body class="site com_content view-article itemid-{101 + p.index}"><div class="body"><div class="container">
<header class="header"><a class="brand pull-left" href="/"><span class="site-title">{p.c("LIÊN ĐOÀN LAO ĐỘNG TỈNH")}</span></a>
<div class="header-search pull-right"><div class="moduletable"><p>{p.c(p.pick(SLOGANS))}</p></div></div></header>
<nav class="navigation" role="navigation">{menu(p, "nav menu nav-pills")}</nav>
<div class="row-fluid"><main id="content" role="main" class="span9">
<ul itemprop="breadcrumb" class="breadcrumb"><li><a href="/">{p.c("Trang chủ")}</a></li><li>{p.c("Tin tức")}</li></ul>
<div class="item-page" itemscope itemtype="https://schema.org/Article">{heading}
<dl class="article-info muted"><dt class="article-info-term">{p.c("Chi tiết")}</dt>
<dd class="createdby">{p.c("Viết bởi Quản trị")}</dd>
<dd class="published"><span class="icon-calendar"></span> <time datetime="{iso}" itemprop="datePublished">{p.c("Ngày đăng:")} {e(shown)}</time></dd>
<dd class="hits"><span class="icon-eye-open"></span> <meta itemprop="interactionCount" content="UserPageVisits:{p.index}" />{p.c("Lượt xem: " + str(p.rng.randrange(100, 3000)))}</dd></dl>
<div itemprop="articleBody"><p>{paras[0]}</p><p>{paras[1]}</p>{image}<p>{paras[2]}</p><p>{paras[3]}</p><p style="text-align: right;"><strong>{e(credit)}</strong></p></div>
<ul class="pager pagenav"><li class="previous"><a href="#" rel="prev">{p.c("< Trước")}</a></li><li class="next"><a href="#" rel="next">{p.c("Sau >")}</a></li></ul>
</div></main><div id="aside" class="span3"><div class="well "><h3 class="page-header">{p.c("Tin mới nhất")}</h3><ul class="latestnews">{latest}</ul></div>
{counters(p)}</div></div></div></div>
<footer class="footer" role="contentinfo"><div class="container"><p>{footer(p)}</p></div></footer></body></html>"""
    return url, page


def comments_related(p: Page) -> tuple[str, str]:
    url = f"https://tin.example-nd.vn/cong-doan/bai-{p.index}-{7000 + p.index}.html"
    s = p.story
    paras = p.paragraphs()
    src, cap = p.image(0)
    credit = p.credit(("caps", "both", "split", "plain"))
    date = p.date_text(["{wd}, {d}/{m}/{y} - {H:02d}:{M:02d}", "{d:02d}/{m:02d}/{y} {H:02d}:{M:02d}",
                        "{wd}, {d:02d}/{m:02d}/{y}, {H:02d}:{M:02d} (GMT+7)"])
    inline = "".join(f"<li><a href='#'>{t}</a></li>" for t in p.other_news(2, dated=False))
    see_also = p.pick(OTHER_TITLES)
    comments = "".join(
        f'<div class="comment-item"><div class="c-name">{p.c(p.pick(NAMES))}</div>'
        f'<div class="c-time">{p.c(str(i + 2) + " giờ trước")}</div><div class="c-text">{p.c(COMMENTS[i])}</div>'
        f'<a class="c-like">{p.c("Thích")}</a> <a class="c-reply">{p.c("Trả lời")}</a></div>'
        for i in range(p.rng.randrange(2, 4)))
    same = "".join(f'<div class="item"><a href="#">{t}</a><p class="sapo">{p.c(SUMMARIES[i % 2])}</p></div>'
                   for i, t in enumerate(p.other_news(3, dated=False)))
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(s["title"])}</title>
<meta name="description" content="{e(s["paras"][0][:150])}"></head><body>
<div class="top-bar">{p.c("Hotline: 0901 234 567")}</div><div class="header">{menu(p, "nav")}</div>
<div class="main"><div class="article">
<div class="cate"><a href="/cong-doan">{p.c("Công đoàn")}</a></div>
<h1 class="{p.pick(["article-title", "detail-title"])}">{e(s["title"])}</h1>
<div class="{p.pick(["article-meta", "detail-time"])}">{e(date)}</div>
<div class="{p.pick(["article-body", "detail-content"])}"><p class="sapo"><strong>{paras[0]}</strong></p>
<div class="box-related-inline"><strong>{p.c("Tin liên quan")}</strong><ul>{inline}</ul></div>
<p>{paras[1]}</p><figure class="image"><img src="{src}" alt=""><figcaption><em>{cap}</em></figcaption></figure>
<p>{paras[2]}</p><p><strong>{p.c("Xem thêm:")}</strong> <a href="#">{p.c(see_also)}</a></p><p>{paras[3]}</p>
<p class="author" style="text-align:right"><strong>{e(credit)}</strong></p></div>
<div class="share">{p.c("Chia sẻ bài viết")}</div>
<div class="comments"><h3>{p.c("Ý kiến bạn đọc")}</h3>{comments}
<form><textarea placeholder="Viết bình luận"></textarea><button>Gửi</button></form></div>
<div class="same-category"><h3>{p.c("Tin cùng chuyên mục")}</h3>{same}</div></div>
<div class="sidebar"><h3>{p.c("Đọc nhiều")}</h3><ol>{"".join(f"<li><a href='#'>{t}</a></li>" for t in p.other_news(4, dated=False))}</ol></div></div>
<div class="footer">{footer(p)}</div></body></html>"""
    return url, page


def word_paste(p: Page) -> tuple[str, str]:
    """A portal whose editors paste from a word processor: spans everywhere, date closing the article."""
    url = f"https://congdoan.example-wd.vn/Home/Detail/{900 + p.index}"
    s = p.story
    paras = p.paragraphs()
    src, cap = p.image(0)
    credit = p.credit(("both", "unit", "bai"))
    span = 'style="font-size:13.0pt;line-height:115%;font-family:&quot;Times New Roman&quot;,serif"'
    body = "".join(f'<p class="MsoNormal" style="text-align:justify;text-indent:.5in"><span {span}>'
                   f'<span lang="VI">{x}</span></span></p>' for x in paras[:2])
    body += (f'<p class="MsoNormal" align="center" style="text-align:center"><span {span}><img width="520" src="{src}">'
             f'</span></p><p class="MsoNormal" align="center" style="text-align:center"><i><span {span}>{cap}</span></i></p>')
    body += "".join(f'<p class="MsoNormal" style="text-align:justify"><span {span}>{x}</span></p>' for x in paras[2:])
    body += f'<p class="MsoNormal" align="right" style="text-align:right"><b><span {span}>{e(credit)}</span></b></p>'
    date = p.date_text(["Ngày đăng: {d:02d}/{m:02d}/{y}", "(Ngày cập nhật: {d:02d}/{m:02d}/{y})",
                        "Đăng lúc {H:02d}:{M:02d} ngày {d:02d}/{m:02d}/{y}"])
    top = p.rng.random() < 0.5
    date_html = f'<div class="{p.pick(["post-date", "ngay"])}"><span>{e(date)}</span></div>'
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{p.c("CỔNG THÔNG TIN CÔNG ĐOÀN")}</title></head><body>
<div class="wrap"><div class="head"><img src="/img/banner.png"><div class="slogan"><span>{p.c(p.pick(SLOGANS))}</span></div></div>
<div class="nav">{menu(p, "mn")}</div><div class="left">
<div class="block"><div class="block-title">{p.c(p.pick(PORTLETS))}</div>{"".join(f"<div class='it'><a href='#'>{t}</a></div>" for t in p.other_news(4))}</div>
{counters(p)}</div><div class="center"><div class="detail">
<div class="{p.pick(["detail-title", "post-title"])}"><span style="font-size:18px"><b>{e(s["title"])}</b></span></div>
{date_html if top else ""}<div class="detail-body">{body}</div>{"" if top else date_html}
<div class="tags">{p.c("Từ khóa: công đoàn, người lao động")}</div>
<div class="relate"><div class="block-title">{p.c("Bài viết liên quan")}</div>{"".join(f"<div class='it'><a href='#'>{t}</a></div>" for t in p.other_news(3))}</div>
</div></div><div class="foot">{footer(p)}</div></div></body></html>"""
    return url, page


def news_portal(p: Page) -> tuple[str, str]:
    """A provincial news portal: today's date in the header bar, a logo heading, an "about" box
    longer than some stories, a photo row with captions below, teasers boxed after the story."""
    url = f"https://baotinh.example-np.vn/cong-doan/{p.story['published']:%Y%m%d}-bai-{p.index}.htm"
    s = p.story
    paras = p.paragraphs()
    (src, cap), (src2, cap2) = p.image(0), p.image(1)
    credit = p.credit(("both", "caps", "split"))
    date = p.date_text(["{wd}, {d:02d}/{m:02d}/{y} {H:02d}:{M:02d}", "Cập nhật: {H:02d}:{M:02d} {d:02d}/{m:02d}/{y}",
                        "{d:02d}/{m:02d}/{y} - {H:02d}:{M:02d}"])
    about = ("Liên đoàn Lao động tỉnh là tổ chức chính trị - xã hội của giai cấp công nhân và người lao động, "
             "đại diện, chăm lo và bảo vệ quyền, lợi ích hợp pháp, chính đáng của đoàn viên, người lao động; "
             "tham gia quản lý nhà nước, kiểm tra, giám sát hoạt động của cơ quan, tổ chức, doanh nghiệp.")
    photos = (f'<table class="{p.pick(["gallery", "anh"])}"><tr><td><img src="{src}"></td><td><img src="{src2}"></td></tr>'
              f"<tr><td>{cap}</td><td>{cap2}</td></tr></table>")
    teasers = "".join(f'<div class="{p.pick(["item", "tin"])}"><a href="#">{t}</a><p>{p.c(SUMMARIES[i % 2])}</p></div>'
                      for i, t in enumerate(p.other_news(4, dated=False)))
    box_title = p.pick(["Tin cùng chuyên mục", "Các tin đã đưa", "Tin khác"])
    page = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{e(s["title"])}</title></head><body>
<div class="topbar">{p.c(p.pick(["Thứ Hai, ngày 25/11/2026", "Hôm nay: Thứ Tư, 19/11/2026"]))}</div>
<h1 class="logo"><a href="/">{p.c("BÁO ĐIỆN TỬ TỈNH")}</a></h1>{menu(p, "mainnav")}
<div class="page"><div class="{p.pick(["col-8", "main-col", "trai"])}">
<h2 class="{p.pick(["headline", "tieude", "ttl"])}">{e(s["title"])}</h2>
<div class="{p.pick(["dateline", "thoigian", "meta"])}">{e(date)}</div>
<div class="{p.pick(["story", "noidung", "detail"])}"><p>{paras[0]}</p><p>{paras[1]}</p>{photos}<p>{paras[2]}</p><p>{paras[3]}</p>
<p style="text-align:right"><b>{e(credit)}</b></p></div>
<div class="{p.pick(["box", "khoi"])}"><h3>{p.c(box_title)}</h3>{teasers}</div></div>
<div class="{p.pick(["col-4", "phai"])}"><div class="khoi"><h3>{p.c("Giới thiệu")}</h3><p>{p.c(about)}</p></div>
<div class="khoi"><h3>{p.c("Liên hệ")}</h3><p>{p.c("Đường dây nóng: 0290 3 812 345")}</p></div></div></div>
<div class="bottom">{footer(p)}</div></body></html>"""
    return url, page


FAMILIES = {"div_portal": div_portal, "table_legacy": table_legacy, "liferay62": liferay62, "dnn": dnn,
            "laodong": laodong, "wordpress": wordpress, "joomla": joomla,
            "comments_related": comments_related, "word_paste": word_paste, "news_portal": news_portal}


def no_article_pages() -> dict[str, tuple[str, str]]:
    """Pages that hold no article, each with the words its refusal must give (file name: (page, reason))."""
    rng = random.Random("no-article")
    rows = "".join(
        f'<div class="news-item"><h3><a href="/tin-tuc/bai-{i}.html">{e(t)}</a></h3>'
        f'<div class="date">{rng.randrange(1, 28):02d}/{rng.randrange(1, 12):02d}/2024</div>'
        f'<p class="sapo">{e(SUMMARIES[i % 2])}</p></div>' for i, t in enumerate(OTHER_TITLES))
    listing = (f"<html><head><title>Tin tức - Công đoàn tỉnh</title></head><body><ul class='menu'>"
               f"{''.join(f'<li><a href=#>{m}</a></li>' for m in MENU)}</ul><h1>Tin hoạt động</h1>"
               f"<div class='list'>{rows}</div><div class='paging'><a href='?p=2'>Trang sau</a></div></body></html>")
    teasers = "".join(f'<tr><td><a href="/t/{i}"><b>{e(t)}</b></a><br>{e(SUMMARIES[i % 2])}</td></tr>'
                      for i, t in enumerate(OTHER_TITLES[:6]))
    table_listing = (f"<html><body><table><tr><td><font size=4>TIN TỨC - SỰ KIỆN</font></td></tr>{teasers}"
                     "</table></body></html>")
    login = ("<html><head><title>Đăng nhập</title></head><body><div class='menu'><a href='/'>Trang chủ</a></div>"
             "<div class='login'><h2>Đăng nhập hệ thống</h2><p>Bạn cần đăng nhập để xem nội dung này.</p>"
             "<form method='post'><label>Tên đăng nhập</label><input name='u'><label>Mật khẩu</label>"
             "<input type='password' name='p'><button>Đăng nhập</button></form>"
             "<p><a href='/quen-mat-khau'>Quên mật khẩu?</a></p></div><div class='footer'>Bản quyền thuộc về "
             "Liên đoàn Lao động tỉnh</div></body></html>")
    gate = ('<html><body><script>document.cookie="D1N=00000000000000000000000000000000"+"; expires=Thu, '
            '31 Dec 2099 23:59:59 GMT; path=/";window.location.reload(true);</script></body></html>')
    pdf = "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    missing = ("<html><head><title>Không tìm thấy trang</title></head><body><ul class='nav'>"
               f"{''.join(f'<li><a href=#>{m}</a></li>' for m in MENU)}</ul><div class='content'><h1>404</h1>"
               "<p>Trang bạn tìm không tồn tại hoặc đã được chuyển đi.</p></div></body></html>")
    return {"listing": (listing, "listing"), "table_listing": (table_listing, "listing"),
            "login_wall": (login, "no article text"), "cookie_gate": (gate, "interstitial"),
            "pdf_renamed": (pdf, "PDF"), "not_found": (missing, "no article text")}


def write() -> int:
    count = 0
    for family, template in FAMILIES.items():
        folder = HERE / family
        folder.mkdir(exist_ok=True)
        for index in range(PAGES_PER_FAMILY):
            p = Page(family, index)
            url, page, *title = template(p)
            truth = p.truth(url, title[0] if title else None)
            # Image URLs in the truth are absolute, as extraction resolves them against the page.
            base = url.split("/", 3)
            for image in truth["images"]:
                image["src"] = f"{base[0]}//{base[2]}{image['src']}"
            (folder / f"{index:03d}.html").write_text(page, encoding="utf-8")
            (folder / f"{index:03d}.json").write_text(
                json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            count += 1
    folder = HERE / "no_article"
    folder.mkdir(exist_ok=True)
    for name, (page, reason) in no_article_pages().items():
        (folder / f"{name}.html").write_text(page, encoding="utf-8")
        (folder / f"{name}.json").write_text(json.dumps({"reason": reason}) + "\n", encoding="utf-8")
        count += 1
    return count


if __name__ == "__main__":
    print(f"wrote {write()} pages")

"""Syndication: lead prefixes, source lines and URLs → source_outlet, removed from the body."""
from __future__ import annotations

import pytest

from crawler.items import RawArticle
from crawler.normalize import normalize_article
from crawler.normalize.sources import host_of_url, outlet_of, split_lead_prefix

REST = "Sáng 8-3, LĐLĐ tỉnh tổ chức gặp mặt nữ cán bộ công đoàn tiêu biểu."

LEADS = [
    ("(NLĐO) - " + REST, "nld.com.vn"),
    ("(NLĐO)- " + REST, "nld.com.vn"),
    ("(CTO) - " + REST, "baocantho.com.vn"),
    ("(CT) - " + REST, "baocantho.com.vn"),
    ("(LĐ online) - " + REST, "baolamdong.vn"),
    ("(LĐ Online) – " + REST, "baolamdong.vn"),
    ("STO - " + REST, "baosoctrang.org.vn"),
    ("(LĐO) - " + REST, "laodong.vn"),
    ("LĐO - " + REST, "laodong.vn"),
    ("(NLĐ) — " + REST, "nld.com.vn"),
]


@pytest.mark.parametrize("paragraph,outlet", LEADS, ids=[c[0][:14] for c in LEADS])
def test_lead_prefix(paragraph, outlet):
    assert split_lead_prefix(paragraph) == (outlet, REST)


@pytest.mark.parametrize("paragraph", [
    REST,
    "CTO của công ty cho biết sẽ tăng lương cho công nhân.",
    "(Ảnh minh họa) - " + REST,
    "STOP là khẩu hiệu của chiến dịch.",
])
def test_no_lead_prefix(paragraph):
    assert split_lead_prefix(paragraph) == (None, paragraph)


HOSTS = [
    ("https://laodong.vn/ldld-can-tho/bai-1.ldo", "laodong.vn"),
    ("https://amp.laodong.vn/ldld-tra-vinh/bai-2.ldo", "laodong.vn"),
    ("https://news.laodong.vn/ldld-lam-dong/bai-3.ldo", "laodong.vn"),
    ("https://ja.laodong.vn/cong-doan/bai-4.ldo", "laodong.vn"),
    ("http://www.congdoan.vn/tin-tuc/a-1.tld", "congdoan.vn"),
    ("https://baocantho.com.vn/a-1.html", "baocantho.com.vn"),
    ("https://www.baosoctrang.org.vn/doan-the/a.html", "baosoctrang.org.vn"),
    ("https://bxh.laodong.vn/tin-tuc-su-kien/a.html", "bxh.laodong.vn"),
    ("laodong.vn", "laodong.vn"),
    ("https://m.nld.com.vn/a.htm", "nld.com.vn"),
]


@pytest.mark.parametrize("url,host", HOSTS)
def test_host_of_url(url, host):
    assert host_of_url(url) == host


OUTLETS = [
    ("Báo Lao Động", "laodong.vn"),
    ("Lao Động", "laodong.vn"),
    ("laodong.vn", "laodong.vn"),
    ("Báo Người Lao Động", "nld.com.vn"),
    ("Báo Cần Thơ", "baocantho.com.vn"),
    ("Báo Sóc Trăng", "baosoctrang.org.vn"),
    ("BÁO LÂM ĐỒNG", "baolamdong.vn"),
    ("Báo Nhân Dân", "Báo Nhân Dân"),
    ("TTXVN", "TTXVN"),
    ("Minh Tú", None),
]


@pytest.mark.parametrize("name,outlet", OUTLETS)
def test_outlet_of(name, outlet):
    assert outlet_of(name) == outlet


BODY = ["Công đoàn các khu công nghiệp tổ chức ngày hội thể thao cho hơn 500 công nhân, kéo dài hai ngày.",
        "Các nội dung thi gồm kéo co, bóng chuyền hơi và chạy tiếp sức."]

# (first paragraph, trailing lines, expected source_outlet, expected author)
ARTICLE_CASES = [
    ("(NLĐO) - " + BODY[0], ["KHÁNH AN - MỸ DUYÊN"], "nld.com.vn", "KHÁNH AN - MỸ DUYÊN"),
    ("STO - " + BODY[0], ["Nguồn: Báo Sóc Trăng"], "baosoctrang.org.vn", None),
    (BODY[0], ["HOÀI THƯƠNG", "Theo laodong.vn"], "laodong.vn", "HOÀI THƯƠNG"),
    (BODY[0], ["Theo Báo Lao Động"], "laodong.vn", None),
    (BODY[0], ["https://laodong.vn/ldld-soc-trang/ngay-hoi-the-thao-1234567.ldo"], "laodong.vn", None),
    ("(LĐ online) - " + BODY[0], ["THẢO VY"], "baolamdong.vn", "THẢO VY"),
    ("(CTO) - " + BODY[0], [], "baocantho.com.vn", None),
    (BODY[0], ["Tin, ảnh: Ngọc Trâm"], None, "Ngọc Trâm"),
]


@pytest.mark.parametrize("first,trailing,outlet,author", ARTICLE_CASES, ids=[str(i) for i in range(len(ARTICLE_CASES))])
def test_syndication_in_article(first, trailing, outlet, author):
    blocks = [{"kind": "text", "text": t} for t in [first, BODY[1], *trailing]]
    raw = RawArticle(url="u", site="t", host="h", fetched_at="2024-03-20T09:00:00+07:00", method="selectors",
                     title="Ngày hội thể thao công nhân", blocks=blocks)
    art = normalize_article(raw, province="Sóc Trăng", parser_version="test")
    assert art.source_outlet == outlet
    assert art.author == author
    assert art.body == "\n".join(BODY)


def test_outlet_on_its_own_site_is_not_a_source():
    blocks = [{"kind": "text", "text": t} for t in ["(LĐO) - " + BODY[0], BODY[1], "Theo laodong.vn"]]
    raw = RawArticle(url="https://amp.laodong.vn/ldld-tra-vinh/a-1.ldo", site="lao_dong", host="amp.laodong.vn",
                     fetched_at="2024-03-20T09:00:00+07:00", method="selectors", title="Ngày hội", blocks=blocks)
    art = normalize_article(raw, province="Trà Vinh", parser_version="test")
    assert (art.source_outlet, art.body) == (None, "\n".join(BODY))

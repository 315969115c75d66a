"""Learning a site's template from its pages: the proposal, the chrome, refusals and the CLI."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.eval_extraction import families
from crawler.items import Page
from crawler.learn import Refused, agrees, from_row, learn, read_with, to_row
from crawler.learn_reference import generic_reading
from crawler.mirror import key, load
from crawler.decoding import decode_html
from crawler.mirror.sites import articles
from crawler.mirror.sites import lam_dong as lam_dong_mirror
from crawler.mirror.sites import tra_vinh as tra_vinh_mirror

ROOT = Path(__file__).resolve().parents[1]
FETCHED_AT = "2026-11-20T09:00:00+07:00"


def written(site: str) -> list[dict]:
    return [a for a in articles(site) if not a.get("fault") and not a.get("old_slug")]


def mirror_pages(site: str, url_of, count: int) -> list[Page]:
    """The mirror's article pages of a site as served (fault-free ones)."""
    resources = load((site,))
    return [Page(url=url_of(a), html=decode_html(resources[key(url_of(a))].body),
                 fetched_at=FETCHED_AT, site=site) for a in written(site)[:count]]


TRA_VINH = mirror_pages("tra_vinh", tra_vinh_mirror.url_of, 10)
LAM_DONG = mirror_pages("lam_dong", lam_dong_mirror.url_of, 10)
TRA_VINH_DECLARATION = """\
selectors = Selectors(
    title='.post-title',  # agrees with the generic extraction on 10 of 10 pages
    dateline='.post-date',  # agrees with the generic extraction on 9 of 9 pages
    body='.post-content',  # agrees with the generic extraction on 10 of 10 pages
    # credit: no selector agrees on most pages (the generic extraction found it on 0 of 10)
    drop='.widget-lienhe',  # inside the body, never article text
)
# chrome line on most pages: '0'
# chrome line on most pages: 'congdoantravinh'"""


def test_a_sites_pages_teach_its_declaration_with_agreement_per_field():
    template = learn(TRA_VINH)
    assert template.site == "tra_vinh"
    assert template.urls == tuple(p.url for p in TRA_VINH)
    assert template.declaration() == TRA_VINH_DECLARATION


def test_a_template_survives_its_database_row():
    template = learn(TRA_VINH)
    assert from_row(to_row(template, FETCHED_AT)) == template


def test_the_learned_template_reads_a_page_of_the_site_without_its_chrome():
    template = learn(TRA_VINH[:5])
    page, article = TRA_VINH[7], written("tra_vinh")[7]  # a page it did not learn from
    raw = read_with(template, page)
    texts = [b["text"] for b in raw.blocks if b["kind"] == "text"]
    assert raw.method == "learned" and raw.title == article["title"]
    assert raw.dateline.startswith(article["published"].strftime("%d/%m/%Y %H:%M"))
    assert texts[0] == article["body"][0] and texts[-1] == article["credit"]
    # The footer printed on every page of the site (address, telephone) is chrome, not article.
    assert not [t for t in texts if "Điện thoại" in t or "@congdoantravinh" in t]
    assert "Điện thoại" in page.html
    assert agrees(raw, generic_reading(page))


def test_a_template_does_not_agree_on_another_sites_page():
    template = learn(TRA_VINH[:5])
    raw = read_with(template, LAM_DONG[0])
    assert raw.method != "learned" and not agrees(raw, generic_reading(LAM_DONG[0]))


def test_fewer_than_five_pages_teach_nothing():
    with pytest.raises(Refused) as refused:
        learn(TRA_VINH[:4])
    assert str(refused.value) == ("learning needs at least 5 pages of one site, got 4; "
                                  "nothing proposed")


def test_two_templates_mixed_evenly_are_refused():
    with pytest.raises(Refused) as refused:
        learn(TRA_VINH[:5] + LAM_DONG[:5], "tra_vinh")
    assert str(refused.value) == ("the pages share no page skeleton: no class or id is on 80% of "
                                  "them; they may mix two templates; nothing proposed")


def test_a_few_pages_of_another_template_are_refused_by_name():
    with pytest.raises(Refused) as refused:
        learn(TRA_VINH[:8] + LAM_DONG[:2], "tra_vinh")
    assert str(refused.value) == (
        "the pages do not share one page skeleton: 2 of 10 lack most of the classes and ids the "
        f"others have in common; they may mix two templates. Apart: {LAM_DONG[0].url}, "
        f"{LAM_DONG[1].url}; nothing proposed")


def test_pages_whose_fields_disagree_with_the_generic_extraction_are_refused():
    # One site's skeleton, but the article part of every page removed: nothing agrees.
    bare = [Page(url=p.url, html=p.html.split('<div class="post-content">')[0] + "</body></html>",
                 fetched_at=FETCHED_AT, site="tra_vinh") for p in TRA_VINH]
    with pytest.raises(Refused) as refused:
        learn(bare)
    message = str(refused.value)
    assert message.startswith("the pages disagree: no body selector agrees with the generic "
                              "extraction on 0 of 10 pages (at least 80% needed); they may mix two "
                              "templates or hold no article. Disagreeing: " + TRA_VINH[0].url)
    assert message.endswith("and 5 more; nothing proposed")


def test_pages_without_an_article_are_refused():
    listing = "https://congdoantravinh.com.vn/tin-tuc/tin-tong-hop"
    resources = load(("tra_vinh",))
    listings = [Page(url=url, html=decode_html(resources[key(url)].body), fetched_at=FETCHED_AT,
                     site="tra_vinh") for url in [listing, f"{listing}?page=2"] * 3]
    with pytest.raises(Refused, match=r"^the pages disagree: .* hold no article"):
        learn(listings)


def learn_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "crawler", "learn", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "CONGDOAN_FETCHED_AT": FETCHED_AT})


def saved(tmp_path, pages) -> list[str]:
    paths = []
    for n, page in enumerate(pages):
        path = tmp_path / f"page{n}.html"
        path.write_text(page.html, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_cli_learns_from_saved_pages_and_prints_the_declaration(tmp_path):
    files = saved(tmp_path, TRA_VINH)
    urls = [arg for p in TRA_VINH for arg in ("--url", p.url)]
    result = learn_cli(*urls, *files)
    assert result.returncode == 0, result.stderr
    header, *declaration = result.stdout.strip().splitlines()
    assert header == ("# congdoantravinh.com.vn: selectors learned from 10 pages (10 saved files); "
                      "each comment says on how many pages the field agrees with the generic "
                      "extraction")
    assert "\n".join(declaration) == TRA_VINH_DECLARATION


@pytest.mark.parametrize("case,message", [
    ("four", "error: learning needs at least 5 pages of one site, got 4; nothing proposed"),
    ("urls", "error: give one --url for every file, or one per file (5 files, 2 addresses)"),
    ("missing", "error: cannot read {tmp}/nope.html: No such file or directory"),
    ("site", "error: unknown site 'hue' (known: can_tho, lam_dong, lao_dong, soc_trang, tra_vinh)"),
    ("archive", "error: no archive at {tmp}/archive.db"),
])
def test_cli_bad_input_is_a_one_line_error_with_exit_code_2(tmp_path, case, message):
    files = saved(tmp_path, TRA_VINH[:5])
    url = TRA_VINH[0].url
    args = {"four": ["--url", url, *files[:4]],
            "urls": ["--url", url, "--url", url, *files],
            "missing": ["--url", url, *files[:4], str(tmp_path / "nope.html")],
            "site": ["hue", "--db", str(tmp_path / "congdoan.db")],
            "archive": ["tra_vinh", "--db", str(tmp_path / "congdoan.db")]}[case]
    result = learn_cli(*args)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [message.format(tmp=tmp_path)]
    assert result.stdout == ""


def test_cli_refuses_mixed_templates_and_proposes_nothing(tmp_path):
    pages = TRA_VINH[:3] + LAM_DONG[:3]
    urls = [arg for p in pages for arg in ("--url", p.url)]
    result = learn_cli(*urls, *saved(tmp_path, pages))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "error: the pages share no page skeleton: no class or id is on 80% of them; they may mix "
        "two templates; nothing proposed"]


LAYOUTS = families()


def test_a_row_of_captions_under_a_row_of_photos_captions_them_in_the_learned_reading():
    pages = LAYOUTS["news_portal"]
    template = learn([lp.page() for lp in pages[1:]])
    raw = read_with(template, pages[0].page())
    captions = [i["caption"] for i in pages[0].truth["images"]]
    assert "<tr><td>" + captions[0] in pages[0].html  # printed in the row below the photos
    assert raw.method == "learned"
    assert [(b["src"], b["caption"]) for b in raw.blocks if b["kind"] == "image"] == \
        [(i["src"], i["caption"]) for i in pages[0].truth["images"]]
    texts = [b["text"] for b in raw.blocks if b["kind"] == "text"]
    assert texts[:-1] == pages[0].truth["body"]  # the story, then its credit line
    assert not set(captions) & set(texts)


def test_a_title_printed_in_a_way_the_pages_never_showed_is_the_generic_title_not_the_page_title():
    pages = LAYOUTS["table_legacy"]
    unseen = [lp for lp in pages if 'class="title"' in lp.html]  # the title in a span.title
    assert unseen and len(unseen) < len(pages)
    template = learn([lp.page() for lp in pages if lp not in unseen])
    for lp in unseen:
        raw = read_with(template, lp.page())
        assert raw.method == "learned" and raw.title == lp.truth["title"]
        assert lp.truth["title"] not in lp.html.split("</title>")[0]  # the <title> names the site

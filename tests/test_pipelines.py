"""Each pipeline alone, built from a real crawler object: what passes, what is dropped and why."""
import dataclasses

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler.items import RawArticle
from crawler.pipelines import NormalizePipeline, ValidatePipeline
from crawler.runs import run_status
from spiders.tra_vinh import TraVinhSpider

URL = "https://congdoantravinh.com.vn/tin-tuc/tin-tong-hop/hoi-thao-cong-nhan"
LEAD = ("Sáng ngày 12/5/2023, Liên đoàn Lao động tỉnh tổ chức hội thao công nhân lao động với sự "
        "tham gia của hơn 300 vận động viên đến từ các công đoàn cơ sở trong tỉnh.")


def pipeline(cls):
    crawler = get_crawler(TraVinhSpider)
    crawler.spider = TraVinhSpider.from_crawler(crawler)
    return cls.from_crawler(crawler)


def raw(**changes):
    base = RawArticle(url=URL, site="tra_vinh", host="congdoantravinh.com.vn",
                      fetched_at="2026-11-21T09:00:00+07:00", method="selectors",
                      title="Hội thao công nhân lao động năm 2023", dateline="12/05/2023 10:15",
                      blocks=[{"kind": "text", "text": LEAD}, {"kind": "text", "text": "Tin, ảnh: BẢO NGÂN"}])
    return dataclasses.replace(base, **changes)


def test_normalize_turns_raw_into_an_article_of_the_spiders_province():
    article = pipeline(NormalizePipeline).process_item(raw())
    assert (article.province, article.province_now) == ("Trà Vinh", "Vĩnh Long")
    assert (article.author, article.published_at) == ("BẢO NGÂN", "2023-05-12T10:15:00+07:00")
    assert article.parser_version.endswith("/tra_vinh.1") and article.body == LEAD


@pytest.mark.parametrize("changes,reason", [
    ({"title": None}, "no title"),
    ({"blocks": [{"kind": "text", "text": "Lượt xem: 120"}]}, "no article body"),
    ({"url": "https://example.org/bai-viet"}, "outside the site's domains"),
])
def test_validate_drops_unfit_articles_with_the_reason(changes, reason):
    article = pipeline(NormalizePipeline).process_item(raw(**changes))
    with pytest.raises(DropItem, match=reason):
        pipeline(ValidatePipeline).process_item(article)


def test_validate_passes_a_good_article():
    article = pipeline(NormalizePipeline).process_item(raw())
    assert pipeline(ValidatePipeline).process_item(article) is article


@pytest.mark.parametrize("found,failed,reason,status", [
    (10, 0, "finished", "ok"), (10, 2, "finished", "errors"), (0, 0, "finished", "failed"),
    (10, 0, "shutdown", "failed"), (0, 5, "finished", "failed")])
def test_run_status_is_decided_from_the_runs_own_counts(found, failed, reason, status):
    assert run_status({"articles_found": found, "articles_failed": failed,
                       "finish_reason": reason}) == status

"""Search accuracy on labelled queries: top-10 precision and recall of /tim-kiem beside Datasette's _search."""
from __future__ import annotations

import asyncio
import json
import random
import re
import sys
import tempfile
from pathlib import Path

import yaml
from datasette.app import Datasette

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler import storage  # noqa: E402
from crawler.items import Article  # noqa: E402

DATA = ROOT / "data"
TOP = 10
# Each article is drawn from these parts; what it is about (its labels) is known from the draw,
# never from its text, so the labels do not depend on either search being judged.
PLACES = {  # label: the ways an article names the place
    "lam_dong": ["tỉnh Lâm Đồng", "Lâm Đồng"],
    "can_tho": ["TP Cần Thơ", "thành phố Cần Thơ", "TPCT"],
    "soc_trang": ["tỉnh Sóc Trăng"],
    "tra_vinh": ["tỉnh Trà Vinh"],
}
ORGS = {"ldld": ["LĐLĐ", "Liên đoàn Lao động"], "cdcs": ["CĐCS", "Công đoàn cơ sở"],
        "cdn": ["Công đoàn ngành Giáo dục"]}
TOPICS = {
    "mai_am": ["bàn giao Mái ấm Công đoàn cho đoàn viên", "khánh thành nhà Mái ấm Công đoàn"],
    "hien_mau": ["tổ chức hiến máu tình nguyện", "phát động ngày hội hiến máu"],
    "cong_doan_sx": ["hướng dẫn cải tiến công đoạn đóng gói", "rút ngắn công đoạn sản xuất"],
    "tet": ["tổ chức chương trình Tết Sum vầy", "trao quà Tết Sum vầy"],
    "bong_chuyen": ["tổ chức giải bóng chuyền hơi nữ", "khai mạc giải bóng chuyền"],
    "hoa_giai": ["tập huấn kỹ năng hòa giải lao động", "tổ chức hội nghị hoà giải viên lao động"],
    "suc_khoe": ["khám sức khỏe cho công nhân", "chăm sóc sức khoẻ nữ công nhân"],
    "cnvcld": ["tuyên dương CNVCLĐ tiêu biểu", "biểu dương công nhân, viên chức, lao động giỏi"],
}
AUTHORS = {"thao_vy": ["THẢO VY", "Thảo Vy"], "bao_tran": ["BẢO TRÂN", "Bảo Trân"],
           "duc_huy": ["Đức Huy"], "kim_ngan": ["KIM NGÂN"]}
# Sentences that bring in look-alike words: làm + động, giai đoạn, đoàn viên, Lâm as a name.
FILLERS = [
    "Người lao động làm việc trong môi trường an toàn, được động viên kịp thời.",
    "Giai đoạn 2023 - 2028, công đoàn tiếp tục chăm lo cho đoàn viên.",
    "Đồng chí Lâm Văn Tới phát biểu chỉ đạo tại buổi lễ.",
    "Chương trình nhận được sự đồng hành của các doanh nghiệp trên địa bàn.",
    "Ban tổ chức cảm ơn các nhà hảo tâm đã đóng góp kinh phí.",
]
QUERIES = {  # typed query: the labels an article must carry to be relevant
    "lam dong": {"lam_dong"}, "Lâm Đồng": {"lam_dong"}, "LÂM ĐỒNG": {"lam_dong"},
    "can tho": {"can_tho"}, "thành phố Cần Thơ": {"can_tho"}, "TP Cần Thơ": {"can_tho"},
    "tpct": {"can_tho"}, "soc trang": {"soc_trang"}, "Trà Vinh": {"tra_vinh"},
    "LĐLĐ": {"ldld"}, "ldld": {"ldld"}, "lien doan lao dong": {"ldld"},
    "Liên đoàn Lao động": {"ldld"}, "ldld lam dong": {"ldld", "lam_dong"},
    "CĐCS": {"cdcs"}, "cong doan co so": {"cdcs"}, "cdcs can tho": {"cdcs", "can_tho"},
    "mai am cong doan": {"mai_am"}, "Mái ấm Công đoàn": {"mai_am"}, "mái ấm lâm đồng": {"mai_am", "lam_dong"},
    "hien mau": {"hien_mau"}, "hiến máu tình nguyện": {"hien_mau"},
    "công đoạn": {"cong_doan_sx"}, "cong doan dong goi": {"cong_doan_sx"},
    "tết sum vầy": {"tet"}, "tet sum vay tra vinh": {"tet", "tra_vinh"},
    "bong chuyen": {"bong_chuyen"}, "hòa giải": {"hoa_giai"}, "hoà giải": {"hoa_giai"},
    "sức khoẻ": {"suc_khoe"}, "suc khoe": {"suc_khoe"},
    "CNVCLĐ": {"cnvcld"}, "cong nhan vien chuc lao dong": {"cnvcld"},
    "thao vy": {"thao_vy"}, "Thảo Vy": {"thao_vy"}, "THẢO VY": {"thao_vy"},
    "bao tran": {"bao_tran"}, "Đức Huy": {"duc_huy"},
}
SITE = {"lam_dong": "lam_dong", "can_tho": "can_tho", "soc_trang": "soc_trang", "tra_vinh": "tra_vinh"}


def corpus(n: int = 240, seed: int = 14) -> list[tuple[Article, set[str]]]:
    """Articles with the labels they were drawn with."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        place, org, topic, author = (rng.choice(list(d)) for d in (PLACES, ORGS, TOPICS, AUTHORS))
        where, who = rng.choice(PLACES[place]), rng.choice(ORGS[org])
        title = f"{who} {where} {rng.choice(TOPICS[topic])}"
        body = "\n".join([f"Ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}, {title}.",
                          *rng.sample(FILLERS, 2)])  # the byline is in `author` only
        url = f"https://eval.invalid/{place}/{i}"
        article = Article(url=url, site=SITE[place], host="eval.invalid", province=None,
                          province_now=None, title=title, body=body,
                          published_at=f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-"
                                       f"{rng.randint(1, 28):02d}T08:00:00+07:00",
                          fetched_at="2025-11-20T09:00:00+07:00", method="selectors",
                          parser_version="eval", author=rng.choice(AUTHORS[author]))
        out.append((article, {place, org, topic, author}))
    return out


def make_datasette(path: Path) -> Datasette:
    settings = json.loads((DATA / "settings.json").read_text())
    metadata = yaml.safe_load((DATA / "metadata.yml").read_text(encoding="utf-8"))
    return Datasette([str(path)], metadata=metadata, template_dir=str(DATA / "templates"),
                     plugins_dir=str(DATA / "plugins"), settings=settings)


async def top_ids(ds: Datasette, query: str) -> tuple[list[int], list[int]]:
    """The first ten article ids of /tim-kiem and of the stock _search (newest first, its only order)."""
    page = await ds.client.get("/tim-kiem", params={"q": query})
    ours = [int(i) for i in re.findall(r'<h2><a href="/congdoan/articles/(\d+)">', page.text)][:TOP]
    stock = await ds.client.get("/congdoan/articles_public.json", params={
        "_search": query, "_size": str(TOP), "_shape": "array", "_col": "id", "_nofacet": "1"})
    return ours, [row["id"] for row in stock.json()][:TOP]


def score(found: list[int], relevant: set[int]) -> tuple[float, float]:
    """Precision among the results shown (1 when none shown and none relevant) and recall at 10.

    Recall divides by min(10, relevant): a query with 30 relevant articles is perfect when its
    first ten are all relevant.
    """
    hits = len([i for i in found if i in relevant])
    precision = hits / len(found) if found else float(not relevant)
    recall = hits / min(TOP, len(relevant)) if relevant else 1.0
    return precision, recall


def main() -> int:
    labelled = corpus()
    workdir = tempfile.TemporaryDirectory()
    path = Path(workdir.name) / "congdoan.db"
    db = storage.open_db(path)
    storage.save_articles(db, [a for a, _ in labelled])
    db.close()
    ds = make_datasette(path)
    totals = {"/tim-kiem": [0.0, 0.0], "Datasette _search": [0.0, 0.0]}
    print(f"{len(QUERIES)} labelled queries over {len(labelled)} articles; top-{TOP} precision / recall\n")
    print(f"{'query':<32}{'relevant':>9}{'tim-kiem P':>12}{'R':>6}{'_search P':>11}{'R':>6}")
    for query, labels in QUERIES.items():
        relevant = {storage.article_id(a.url) for a, tags in labelled if labels <= tags}
        ours, stock = asyncio.run(top_ids(ds, query))
        (p1, r1), (p2, r2) = score(ours, relevant), score(stock, relevant)
        for name, (p, r) in (("/tim-kiem", (p1, r1)), ("Datasette _search", (p2, r2))):
            totals[name][0] += p
            totals[name][1] += r
        print(f"{query:<32}{len(relevant):>9}{p1:>12.2f}{r1:>6.2f}{p2:>11.2f}{r2:>6.2f}")
    print()
    for name, (p, r) in totals.items():
        print(f"{name:<20} mean precision@{TOP} {p / len(QUERIES):.3f}   mean recall@{TOP} "
              f"{r / len(QUERIES):.3f}")
    print("target: precision ≥ 0.9 and recall ≥ 0.9")
    return 0


if __name__ == "__main__":
    sys.exit(main())

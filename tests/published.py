"""A small published database made by the crawler's own storage code, and the real server over it,
shared by the Datasette, server and browser tests."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

from crawler import storage
from crawler.items import Article
from tests.waiting import free_port, wait_until

ROOT = Path(__file__).resolve().parents[1]
ICT = timezone(timedelta(hours=7))
RECENT = (datetime.now(ICT) - timedelta(days=2)).replace(microsecond=0).isoformat()


def article(slug: str, site: str, province: str, province_now: str, title: str, body: str,
            published_at: str | None, **extra) -> Article:
    host = {"tra_vinh": "congdoantravinh.com.vn", "can_tho": "congdoan.cantho.gov.vn",
            "soc_trang": "ldldsoctrang.soctrang.gov.vn", "lao_dong": "laodong.vn",
            "lam_dong": "laodong.vn"}[site]
    return Article(url=f"https://{host}/{slug}", site=site, host=host, province=province,
                   province_now=province_now, title=title, body=body, published_at=published_at,
                   fetched_at="2025-11-20T09:00:00+07:00", method="selectors", parser_version="1",
                   **extra)


ARTICLES = [
    article("chuyen-de/tin-tuc/trao-qua-tet-doan-vien", "tra_vinh", "Trà Vinh", "Vĩnh Long",
            "Công đoàn tỉnh Trà Vinh trao quà Tết cho đoàn viên khó khăn",
            "Sáng 25/01, Liên đoàn Lao động tỉnh trao 200 phần quà cho đoàn viên công đoàn cơ sở "
            "có hoàn cảnh khó khăn.\nMỗi phần quà gồm tiền mặt và nhu yếu phẩm, tổng trị giá hơn "
            "160 triệu đồng.\nLãnh đạo tỉnh động viên người lao động yên tâm gắn bó với doanh nghiệp.",
            "2024-01-25T08:30:00+07:00", author="THANH TÂM", category="Tin tức",
            images=[{"url": "https://congdoantravinh.com.vn/uploads/qua-tet.jpg",
                     "caption": "Đ/c Chủ tịch LĐLĐ tỉnh trao quà cho đoàn viên", "credit": "THANH TÂM"}]),
    article("tap-huan-can-bo-cong-doan-lam-dong-123.ldo", "lam_dong", "Lâm Đồng", "Lâm Đồng",
            "Lâm Đồng tập huấn nghiệp vụ cho cán bộ công đoàn",
            "Liên đoàn Lao động tỉnh Lâm Đồng mở lớp tập huấn cho 120 cán bộ công đoàn các cơ sở "
            "trên địa bàn.\nHọc viên được trao đổi kỹ năng thương lượng tập thể.",
            "2023-11-10T14:00:00+07:00", author="QUỲNH ANH", category="LĐLĐ Lâm Đồng"),
    article("cai-tien-cong-doan-dong-goi-tra-noc", "can_tho", "Cần Thơ", "Cần Thơ",
            "Cải tiến công đoạn đóng gói tại Khu công nghiệp Trà Nóc",
            "Nhiều doanh nghiệp rút ngắn công đoạn đóng gói nhờ máy móc mới.\nCông nhân được "
            "đào tạo lại để vận hành dây chuyền.", "2022-05-12",
            author="Thanh Trúc", category="Tin hoạt động"),
    article("vi/-/ngay-hoi-cong-nhan-2024", "soc_trang", "Sóc Trăng", "Cần Thơ",
            "Sóc Trăng tổ chức Ngày hội Công nhân năm 2024",
            "Hơn 500 đoàn viên, người lao động tham gia các trò chơi dân gian và giải bóng chuyền.",
            "2024-05-05T07:00:00+07:00", author="HOÀI THƯƠNG", source_outlet="laodong.vn",
            category="Tin tức"),
    article("ldld-lam-dong/cham-lo-nha-o-cong-nhan-456.ldo", "lao_dong", "Lâm Đồng", "Lâm Đồng",
            "Lâm Đồng chăm lo nhà ở cho công nhân sau sáp nhập",
            "Tỉnh khảo sát nhu cầu nhà ở của công nhân tại các khu công nghiệp.", RECENT,
            author="Hoàng Lâm", category="LĐLĐ Lâm Đồng"),
    article("lien-doan-lao-dong-quan-ninh-kieu-ban-giao-mai-am-cong-doan", "can_tho", "Cần Thơ",
            "Cần Thơ", "Liên đoàn Lao động quận Ninh Kiều bàn giao Mái ấm Công đoàn",
            "Mái ấm được xây dựng từ nguồn quỹ xã hội của công đoàn quận.", None,
            author="HOÀNG PHÚC", category="Tin hoạt động"),
]
# Scraped text trying every trick: none of it may run in a reader's browser.
MALICIOUS = article(
    "chuyen-de/tin-tuc/bai-thu-ma-doc", "tra_vinh", "Trà Vinh", "Vĩnh Long",
    'Bài thử mã độc <script>window.__xss="title"</script>',
    "Đoạn mở đầu <img src=x onerror=\"window.__xss='body'\">\n"
    "<a href=\"javascript:window.__xss='link'\">Bấm vào đây</a> để xem thêm\n"
    "<script>window.__xss='script'</script>", "2024-02-01T09:00:00+07:00",
    author="<svg onload=\"window.__xss='author'\">", category="\"><script>window.__xss='cat'</script>",
    images=[{"url": "javascript:window.__xss='img'", "caption": "ảnh giả", "credit": None},
            {"url": "https://congdoantravinh.com.vn/a.jpg\" onerror=\"window.__xss='attr'",
             "caption": "<img src=x onerror=window.__xss='caption'>", "credit": "Ảnh: <b>X</b>"}])
SITES = [{"name": "tra_vinh", "label": "Công đoàn Trà Vinh", "province": "Trà Vinh",
          "province_now": "Vĩnh Long", "domains": ["congdoantravinh.com.vn"], "status": "active",
          "notes": ""},
         {"name": "can_tho", "label": "LĐLĐ Cần Thơ", "province": "Cần Thơ",
          "province_now": "Cần Thơ", "domains": ["congdoan.cantho.gov.vn"], "status": "active",
          "notes": ""}]


def build_db(path: Path) -> Path:
    """A small congdoan.db made by the crawler's own storage code, with runs and one failure."""
    db = storage.open_db(path)
    storage.save_articles(db, ARTICLES + [MALICIOUS])
    storage.save_sites(db, SITES)
    failure = {"url": "https://congdoantravinh.com.vn/x", "reason": "HTTP 404"}
    for site, found, errors in (("tra_vinh", 3, []), ("tra_vinh", 2, [failure]), ("can_tho", 2, [])):
        run = storage.start_run(db, site, "2025-11-20T08:00:00+07:00")
        storage.finish_run(db, run, site, errors, finished_at="2025-11-20T08:05:00+07:00",
                           status="errors" if errors else "ok", finish_reason="finished",
                           pages_fetched=10, articles_found=found, articles_new=found,
                           articles_failed=len(errors))
    db.close()
    return path


TRA_VINH, LAM_DONG, TRA_NOC, SOC_TRANG, RECENT_LD, NINH_KIEU = (a.title for a in ARTICLES)


@contextlib.contextmanager
def running_server(db: Path):
    """scripts/serve.sh on a free loopback port, with the production settings; yields its URL."""
    port = free_port()
    env = {**os.environ, "PYTHON": sys.executable, "CONGDOAN_DB": str(db), "CONGDOAN_PORT": str(port)}
    server = subprocess.Popen([str(ROOT / "scripts" / "serve.sh")], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: answers(url + "/-/versions.json"), "Datasette to answer", process=server)
        yield url
    finally:
        server.terminate()
        server.wait(10)


def answers(url: str) -> bool:
    with contextlib.suppress(OSError):
        urllib.request.urlopen(url, timeout=1)
        return True
    return False


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()

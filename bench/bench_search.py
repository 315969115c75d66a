"""Search latency and throughput of the journalists' Datasette on 100,000 synthetic articles."""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler import storage  # noqa: E402
from crawler.normalize import fold  # noqa: E402

PROVINCES = [("Trà Vinh", "Vĩnh Long", "tra_vinh"), ("Cần Thơ", "Cần Thơ", "can_tho"),
             ("Sóc Trăng", "Cần Thơ", "soc_trang"), ("Lâm Đồng", "Lâm Đồng", "lam_dong"),
             ("Lâm Đồng", "Lâm Đồng", "lao_dong")]
PLACES = ["huyện Cầu Kè", "huyện Trà Cú", "thị xã Duyên Hải", "quận Ninh Kiều", "quận Cái Răng",
          "huyện Thới Lai", "quận Thốt Nốt", "thị xã Vĩnh Châu", "huyện Mỹ Tú", "huyện Cù Lao Dung",
          "thành phố Đà Lạt", "huyện Đạ Tẻh", "huyện Di Linh", "huyện Lạc Dương", "huyện Đam Rông",
          "khu công nghiệp Trà Nóc", "khu công nghiệp Long Đức", "huyện Tiểu Cần", "huyện Châu Thành"]
SUBJECTS = ["Liên đoàn Lao động {place}", "Công đoàn cơ sở Công ty {company}",
            "Ban Thường vụ Công đoàn {place}", "Công đoàn ngành Giáo dục {place}",
            "Ban Nữ công Công đoàn {place}", "Công đoàn Khu công nghiệp {place}"]
ACTIONS = ["tổ chức hội nghị tập huấn nghiệp vụ cho cán bộ công đoàn",
           "trao quà Tết cho đoàn viên, người lao động có hoàn cảnh khó khăn",
           "bàn giao Mái ấm Công đoàn cho đoàn viên", "phát động Tháng Công nhân",
           "tổ chức giải bóng chuyền hơi nữ công nhân viên chức",
           "ra mắt mô hình Bữa cơm Công đoàn", "tổ chức chương trình Tết Sum vầy",
           "khảo sát nhu cầu nhà ở của công nhân", "tuyên dương đoàn viên tiêu biểu",
           "tập huấn an toàn vệ sinh lao động", "hiến máu tình nguyện",
           "ký kết thỏa ước lao động tập thể", "thăm hỏi công nhân bị tai nạn lao động",
           "tổ chức Đại hội Công đoàn nhiệm kỳ 2023 - 2028", "kết nạp đoàn viên mới"]
DETAILS = ["Tham dự có đại diện lãnh đạo {place} và hơn {n} đoàn viên.",
           "Mỗi phần quà trị giá {n}0.000 đồng, gồm tiền mặt và nhu yếu phẩm.",
           "Dịp này, đồng chí {person} trao giấy khen cho {n} tập thể và cá nhân.",
           "Chương trình nhằm chăm lo đời sống vật chất, tinh thần cho người lao động.",
           "Đây là hoạt động thiết thực hướng tới kỷ niệm Ngày thành lập Công đoàn Việt Nam.",
           "Các đại biểu thảo luận về tiền lương, thưởng và điều kiện làm việc của công nhân.",
           "Ban tổ chức cũng phối hợp với bệnh viện khám sức khỏe miễn phí cho {n} công nhân.",
           "Theo đồng chí {person}, năm nay có nhiều doanh nghiệp gặp khó khăn về đơn hàng.",
           "Hội thi thu hút {n} vận động viên đến từ các công đoàn cơ sở trên địa bàn.",
           "Kinh phí do Quỹ Xã hội Công đoàn và các nhà hảo tâm đóng góp."]
COMPANIES = ["TNHH Giày da Mỹ Phong", "CP Thủy sản Sóc Trăng", "TNHH May Tiến Thuận",
             "CP Chè Cầu Đất", "TNHH Điện tử Trà Nóc", "CP Dược Hậu Giang", "TNHH Cà phê Di Linh",
             "CP Xi măng Tây Đô", "TNHH Chế biến Nông sản Duyên Hải", "CP Bia Sài Gòn Cần Thơ"]
PEOPLE = ["Nguyễn Văn Hùng", "Trần Thị Hồng", "Lê Minh Đức", "Phạm Thị Thu Hà", "Thạch Sô Phal",
          "Huỳnh Thanh Tâm", "K'Sor Thị Nhung", "Lâm Quốc Dũng", "Đặng Văn Sơn", "Võ Thị Kim Loan"]
# What journalists type: with and without marks, upper case, quoted phrases, names and places.
QUERIES = ["công đoàn", "cong doan", "CÔNG ĐOÀN", "mái ấm công đoàn", "mai am cong doan",
           "tết sum vầy", "tet sum vay", "bóng chuyền", "bong chuyen", "đoàn viên mới",
           "an toàn vệ sinh lao động", "an toan ve sinh", "hiến máu", "hien mau",
           '"công đoàn cơ sở"', '"cong doan co so"', "thỏa ước", "thoa uoc lao dong",
           "nhà ở công nhân", "nha o cong nhan", "bữa cơm công đoàn", "bua com",
           "tai nạn lao động", "tai nan", "đại hội công đoàn", "dai hoi 2023",
           "nữ công", "nu cong", "tiền lương", "tien luong thuong"] + \
          [p.split(" ", 1)[1] for p in PLACES] + [c.split(" ", 2)[2] for c in COMPANIES] + PEOPLE + \
          [f"{topic} {p.split(' ', 1)[1]}" for topic in ("hiến máu", "Tết Sum vầy", "công đoàn",
                                                        "bóng chuyền", "Mái ấm") for p in PLACES]
QUERIES += [fold(q).lower() for q in QUERIES[30:]]  # the same names and places typed without marks


def sentence(rng: random.Random, template: str) -> str:
    return template.format(place=rng.choice(PLACES), company=rng.choice(COMPANIES),
                           person=rng.choice(PEOPLE), n=rng.randint(2, 400))


def rows(n: int, seed: int = 5):
    """Articles as storage would write them, with the folded columns the search index needs."""
    rng = random.Random(seed)
    for i in range(n):
        province, province_now, site = rng.choice(PROVINCES)
        title = sentence(rng, f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)}")
        body = "\n".join(" ".join(sentence(rng, rng.choice(DETAILS)) for _ in range(rng.randint(2, 4)))
                         for _ in range(rng.randint(3, 5)))
        day = f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        url = f"https://bench.invalid/{site}/{i}"
        yield {"id": storage.article_id(url), "url": url, "site": site, "host": "bench.invalid",
               "province": province, "province_now": province_now, "title": title,
               "published_at": f"{day}T{rng.randint(6, 20):02d}:00:00+07:00", "date_approximate": 0,
               "author": rng.choice(PEOPLE).upper(), "category": rng.choice(["Tin tức", "Hoạt động"]),
               "body": body, "images": "[]", "fetched_at": "2025-11-20T09:00:00+07:00",
               "method": "selectors", "parser_version": "bench", "content_hash": "",
               "title_fold": fold(title), "body_fold": fold(body)}


def generate(path: Path, n: int) -> None:
    """Bulk insert without the index triggers, then let ensure_schema build the index in one pass."""
    db = storage.open_db(path)
    db["articles"].disable_fts()
    db["articles"].insert_all(rows(n), batch_size=2000)
    storage.ensure_schema(db)
    db.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, *flags: str) -> tuple[subprocess.Popen, int]:
    """scripts/serve.sh, exactly as in production (plus any datasette flags), on a free loopback port."""
    port = free_port()
    env = {**os.environ, "PYTHON": sys.executable, "CONGDOAN_DB": str(db), "CONGDOAN_PORT": str(port)}
    server = subprocess.Popen([str(ROOT / "scripts" / "serve.sh"), *flags], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            get(http.client.HTTPConnection("127.0.0.1", port), "/-/versions.json")
            return server, port
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("datasette did not start")


def get(conn: http.client.HTTPConnection, path: str) -> dict:
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"{response.status} {path}: {body[:200]!r}")
    return json.loads(body)


def search_path(query: str, extra: str) -> str:
    return "/congdoan/articles_public.json?" + urllib.parse.urlencode(
        {"_search": query, "_size": "20", "_shape": "objects"}) + extra


def like_path(query: str) -> str:
    sql = ("select id, title from articles_public where title like :q or body like :q "
           "order by published_at desc limit 20")
    return "/congdoan.json?" + urllib.parse.urlencode({"sql": sql, "q": f"%{query.strip(chr(34))}%"})


def timed(port: int, paths: list[str]) -> tuple[list[float], int]:
    """Latency of each request in ms, and how many failed (the 1 s time limit, for LIKE)."""
    conn, times, failed = http.client.HTTPConnection("127.0.0.1", port), [], 0
    for path in paths:
        started = time.perf_counter()
        try:
            get(conn, path)
        except RuntimeError:
            failed += 1
        times.append((time.perf_counter() - started) * 1000)
    return times, failed


def throughput(port: int, paths: list[str], clients: int, seconds: float,
               request=get) -> tuple[float, int]:
    """Answers per second with `clients` concurrent connections, and how many were errors."""
    done, failed = [0] * clients, [0] * clients
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port)
        i = k
        while time.monotonic() < stop:
            try:
                request(conn, paths[i % len(paths)])
            except RuntimeError:
                failed[k] += 1
            done[k] += 1
            i += clients

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.monotonic() - started), sum(failed)


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=240,
                        help=f"distinct queries (at most {len(QUERIES)})")
    parser.add_argument("--like-queries", type=int, default=40)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--db", help="reuse or keep this congdoan.db (default: a temporary one)")
    args = parser.parse_args(argv)

    workdir = tempfile.TemporaryDirectory()
    db = Path(args.db) if args.db else Path(workdir.name) / "congdoan.db"
    if not db.exists():
        started = time.monotonic()
        generate(db, args.articles)
        print(f"generated {args.articles:,} articles in {time.monotonic() - started:.0f} s, "
              f"{db.stat().st_size / 1e6:.0f} MB")
    storage.open_db(db).close()  # a kept database gets today's view and indexes
    queries = random.Random(7).sample(QUERIES, min(args.queries, len(QUERIES)))
    server, port = start_server(db)
    try:
        # What a client of the JSON API asks, then what the search page itself runs (count, facets).
        variants = {"search (API, _nocount)": "&_nocount=1&_nofacet=1",
                    "search + count": "&_nofacet=1",
                    "search page (count + 6 facets)": ""}
        timed(port, [search_path(q, "") for q in QUERIES[::10]])  # warm the page cache
        results = []
        for label, extra in variants.items():
            times, failed = timed(port, [search_path(q, extra) for q in queries])
            results.append((label, len(times), times, failed))
        times, failed = timed(port, [like_path(q) for q in queries[:args.like_queries]])
        results.append(("LIKE title/body (no folding)", len(times), times, failed))
        api = [search_path(q, variants["search (API, _nocount)"]) for q in queries]
        rate, failed_api = throughput(port, api, args.clients, args.seconds)
        rate_page, failed_page = throughput(port, [search_path(q, "") for q in queries],
                                            args.clients, args.seconds)
    finally:
        server.terminate()
        server.wait(10)
    print(f"\n{'query':<32}{'n':>5}{'median ms':>11}{'p95 ms':>9}{'failed':>8}")
    for label, n, times, failed in results:
        print(f"{label:<32}{n:>5}{statistics.median(times):>11.1f}{p95(times):>9.1f}{failed:>8}")
    print(f"\nthroughput, {args.clients} clients: {rate:.0f} req/s API search ({failed_api} failed), "
          f"{rate_page:.0f} req/s search page with count and facets ({failed_page} failed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

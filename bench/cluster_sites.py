"""The benchmark's 40 generated sites: tra_vinh's spider and pages under 40 host names, fault-free.

Crawls load the spiders with `-s SPIDER_MODULES=spiders,bench.cluster_sites`;
`python -m bench.cluster_sites --port P --scale N` serves their mirror with LATENCY per answer.
"""
from __future__ import annotations

import argparse
import time
from dataclasses import replace

from crawler.mirror import load, serve
from spiders.tra_vinh import TraVinhSpider

COUNT = 40
LATENCY = 0.03  # seconds per answer, a small server's think time
HOST = TraVinhSpider.allowed_domains[0]
NAMES = [f"site{i:02d}" for i in range(1, COUNT + 1)]
SPIDER_MODULES = "SPIDER_MODULES=spiders,bench.cluster_sites"


def host(name: str) -> str:
    return f"{name}.congdoan.test"


def _spider(name: str) -> type:
    return type(name, (TraVinhSpider,), {
        "__module__": __name__, "name": name, "label": f"Công đoàn {name}",
        "allowed_domains": [host(name)],
        "start_urls": [url.replace(HOST, host(name)) for url in TraVinhSpider.start_urls]})


for _name in NAMES:
    globals()[_name] = _spider(_name)


def pages(scale: int) -> dict:
    """Every site's mirror resources: tra_vinh's pages under its host, none slow or broken."""
    base = {key: replace(res, delay=0.0, gzip_bomb=0, fail_times=0)
            for key, res in load(("tra_vinh",), scale).items()}
    return {key.replace(HOST, host(name), 1): replace(
        res, body=res.body.replace(HOST.encode(), host(name).encode()),
        location=res.location.replace(HOST, host(name)) if res.location else None)
        for name in NAMES for key, res in base.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--scale", type=int, default=10)
    args = ap.parse_args()
    server = serve(args.port, resources=pages(args.scale), latency=LATENCY)
    print(f"serving {len(server.resources)} pages at http://127.0.0.1:{server.server_port}",
          flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()

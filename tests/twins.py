"""Copies of the tra_vinh site under other host names, so a test can break some sites and keep one.

Crawls load these spiders with `-s SPIDER_MODULES=spiders,tests.twins`; their mirror pages are
tra_vinh's with the host name swapped (twin_pages). Breakers turn a copy into a site that is down.
"""
from __future__ import annotations

import os
import socket
from dataclasses import replace

from crawler.mirror import Resource, load
from spiders.tra_vinh import TraVinhSpider

HOST = TraVinhSpider.allowed_domains[0]
HOSTS = {"twin_refused": "refused.congdoan.test", "twin_500": "loi500.congdoan.test",
         "twin_slow": "cham.congdoan.test", "twin_layout": "giaodienmoi.congdoan.test"}
SPIDER_MODULES = "SPIDER_MODULES=spiders,tests.twins"


def _twin(name: str, **extra) -> type:
    host = HOSTS[name]
    return type(name, (TraVinhSpider,), {
        "__module__": __name__, "name": name, "label": f"Bản sao {name}", "allowed_domains": [host],
        "start_urls": [url.replace(HOST, host) for url in TraVinhSpider.start_urls], **extra})


def _own_mirror() -> dict:
    # The refusing twin can be sent elsewhere (a closed port) while every other site keeps the
    # shared mirror; MIRROR_URL from the environment ranks below a spider's own settings.
    url = os.environ.get("TWIN_REFUSED_MIRROR")
    return {"MIRROR_URL": url} if url else {}


TwinRefused = _twin("twin_refused", custom_settings=_own_mirror())
Twin500 = _twin("twin_500")
TwinSlow = _twin("twin_slow")
TwinLayout = _twin("twin_layout")


def twin_pages(name: str, scale: int = 0) -> dict[str, Resource]:
    """The twin's mirror resources: tra_vinh's pages under the twin's host name.

    A twin serves every page promptly (no slow page, no bomb): it is down only when a test says so,
    and several twins crawled at once must not starve the mirror.
    """
    host = HOSTS[name]
    return {key.replace(HOST, host, 1): replace(
        res, body=res.body.replace(HOST.encode(), host.encode()), delay=0.0, gzip_bomb=0,
        location=res.location.replace(HOST, host) if res.location else None)
        for key, res in load(("tra_vinh",), scale).items()}


def failing(res: Resource) -> Resource:
    return replace(res, fail_times=10**9)  # HTTP 500 to every request


def hanging(res: Resource, seconds: float) -> Resource:
    return replace(res, delay=seconds)


def relaid(res: Resource) -> Resource:
    """The page after a redesign: new class names, so the spider's selectors match nothing."""
    body = res.body.replace(b"news-item", b"tin-bai").replace(b"post-content", b"noi-dung")
    return replace(res, body=body)


def closed_port() -> str:
    """A loopback URL nothing listens on: connecting to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"

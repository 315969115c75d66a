"""The offline mirror: every site's pages over real HTTP on loopback, with the faults real sites have.

Pages are addressed as /<host>/<path>?<query>; the sites themselves are declared in
crawler/mirror/sites/, one module (and its articles and templates) per site.
"""
from __future__ import annotations

import functools
import gzip
import importlib
import json
import pkgutil
import secrets
import select
import socket
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit



@dataclass
class Resource:
    """One URL of the mirror and how it misbehaves."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None  # for redirects: the real URL to go to
    fail_times: int = 0  # answer 500 this many times before the real page
    delay: float = 0.0  # seconds to wait before answering
    gzip_bomb: int = 0  # if set, send this many zero bytes gzip-compressed instead of the body
    hold: threading.Event | None = None  # if set, answer only once the event is set (a crawl paused)

    def __post_init__(self):
        self._lock = threading.Lock()

    def take_failure(self) -> bool:
        with self._lock:
            if self.fail_times > 0:
                self.fail_times -= 1
                return True
            return False


@dataclass
class CookieGate:
    """A bot wall as laodong.vn runs one: every path of the domain, robots.txt too, answers a tiny
    page whose script sets a cookie and reloads, until a request brings that cookie back."""

    domain: str
    name: str = "D1N"
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    opens: bool = True  # False: a gate that never opens (a new token on every visit)
    stopped: list[str] = field(default_factory=list)  # the addresses it answered, in order

    def covers(self, host: str) -> bool:
        return host == self.domain or host.endswith("." + self.domain)

    def lets_in(self, cookie_header: str) -> bool:
        sent = {part.strip() for part in cookie_header.split(";")}
        return self.opens and f"{self.name}={self.token}" in sent

    def page(self, address: str) -> bytes:
        self.stopped.append(address)
        if not self.opens:
            self.token = secrets.token_hex(16)
        script = (f'document.cookie="{self.name}={self.token}"+"; expires=Thu, 31 Dec 2099 '
                  f'23:59:59 GMT; path=/";window.location.reload(true);')
        return f"<html><body><script>{script}</script></body></html>".encode()


def key(url: str) -> str:
    """The mirror's address for a real URL: host, path and query, scheme dropped."""
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")


def site_modules(sites=None) -> list:
    """The named mirror site modules, every one in crawler/mirror/sites/ when none is named."""
    from crawler.mirror import sites as package  # the sites build on this module's Resource
    names = sites or [m.name for m in pkgutil.iter_modules(package.__path__)]
    return [importlib.import_module(f"{package.__name__}.{name}") for name in names]


def load(sites=None, scale: int = 0) -> dict[str, Resource]:
    """Every page of the named mirror sites, keyed by key(url); scale adds generated articles."""
    resources: dict[str, Resource] = {}
    for module in site_modules(sites):
        resources.update({key(url): res for url, res in module.pages(scale=scale).items()})
    return resources


@functools.cache
def _bomb(size: int) -> bytes:
    """`size` zero bytes gzip-compressed, made once: compressing on every request would load the
    machine and make the crawler time out instead of refusing the inflated body."""
    return gzip.compress(b"\0" * size, compresslevel=9)


class Traffic:
    """What the mirror was asked: requests per address, and the most at once per host."""

    def __init__(self):
        self._lock = threading.Lock()
        self.hits: Counter = Counter()
        self.active: Counter = Counter()
        self.peak: Counter = Counter()

    def begin(self, wanted: str) -> str:
        host = wanted.split("/", 1)[0]
        with self._lock:
            self.hits[wanted] += 1
            self.active[host] += 1
            self.peak[host] = max(self.peak[host], self.active[host])
        return host

    def end(self, host: str) -> None:
        with self._lock:
            self.active[host] -= 1

    def to_json(self) -> bytes:
        with self._lock:
            return json.dumps({"hits": self.hits, "peak": self.peak}).encode()


TRAFFIC_PATH = "_mirror/traffic"  # GET it for the Traffic figures as JSON


def load_gates(sites=None) -> list[CookieGate]:
    """The cookie gates the named mirror sites declare (a site module's optional gates())."""
    return [gate for module in site_modules(sites) for gate in getattr(module, "gates", list)()]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm on, a kept-alive connection
    # then waits for the client's delayed ACK (40 ms) on every response.
    disable_nagle_algorithm = True

    def do_GET(self):  # noqa: N802 (the stdlib's name)
        wanted = self.path.lstrip("/")
        if wanted == TRAFFIC_PATH:
            return self._send(200, self.server.traffic.to_json(), "application/json")
        self._host = self.server.traffic.begin(wanted)
        try:
            time.sleep(self.server.latency)
            self._answer(wanted)
        finally:
            self._answered()

    def _answered(self) -> None:
        """The request stops counting as under way before its answer leaves: the crawler cannot
        have asked again before then, so the peak is never overstated."""
        if getattr(self, "_host", None) is not None:
            self.server.traffic.end(self._host)
            self._host = None

    def _answer(self, wanted: str):
        gate = next((g for g in self.server.gates if g.covers(wanted.split("/")[0])), None)
        if gate and not gate.lets_in(self.headers.get("Cookie", "")):
            return self._send(200, gate.page(wanted), "text/html; charset=utf-8")
        res = self.server.resources.get(wanted)
        if res is None and wanted.endswith("/robots.txt"):
            res = Resource(b"User-agent: *\nAllow: /\n", content_type="text/plain")
        if res is None:
            return self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html")
        if res.hold is not None:
            res.hold.wait()
        if res.delay and not self._wait(res.delay):
            return  # the crawler gave up waiting (the slow-page fault) and closed the connection
        if res.take_failure():
            return self._send(500, b"<html><body>Internal Server Error</body></html>", "text/html")
        if res.location:
            return self._send(res.status, b"", "text/html", {"Location": res.location})
        if res.gzip_bomb:
            return self._send(200, _bomb(res.gzip_bomb), res.content_type, {"Content-Encoding": "gzip"})
        self._send(res.status, res.body, res.content_type)

    def _wait(self, seconds: float) -> bool:
        """Sleep, but stop as soon as the client hangs up: it then counts as no longer asking."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            readable, _, _ = select.select([self.connection], [], [], min(left, 0.05))
            if readable and not _peek(self.connection):
                self.close_connection = True
                return False
        return True

    def _send(self, status, body, content_type, headers=None):
        self._answered()
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler gave up waiting (the slow-page fault)

    def log_message(self, *args):
        pass


def _peek(connection) -> bytes:
    """The next byte the client sent, without taking it; empty once the client has hung up."""
    try:
        return connection.recv(1, socket.MSG_PEEK)
    except ConnectionError:
        return b""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Every site's connections arrive at this one address; with the default backlog (5) the
    # kernel drops connection attempts and each retry costs the crawler a second.
    request_queue_size = 128
    gates: tuple[CookieGate, ...] = ()  # serve() sets the gates the sites declare

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a crawler killed mid-request
            super().handle_error(request, client_address)


def serve(port: int = 0, sites=None, scale: int = 0, host: str = "127.0.0.1",
          resources: dict[str, Resource] | None = None, latency: float = 0.0):
    """Start the mirror in a background thread; returns the server (server.server_port is set).

    `resources` replaces the named sites' pages; `latency` seconds are added to every answer.
    server.traffic counts what was asked (also served as JSON at /_mirror/traffic).
    """
    server = _Server((host, port), _Handler)
    server.resources = load(sites, scale) if resources is None else resources
    server.gates = load_gates(sites)
    server.traffic, server.latency = Traffic(), latency
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def serve_command(port: int, scale: int) -> int:
    """python -m crawler mirror: serve until interrupted."""
    server = serve(port, scale=scale)
    print(f"mirror serving {len(server.resources)} pages at http://127.0.0.1:{server.server_port}"
          f"  (crawl it with MIRROR_URL=http://127.0.0.1:{server.server_port})", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.shutdown()
    return 0

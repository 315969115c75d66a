"""Scrapy settings: polite crawling, the pipeline order and paths, read once from the environment."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BOT_NAME = "congdoan"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

DATABASE = os.environ.get("CONGDOAN_DB", str(ROOT / "data" / "congdoan.db"))
# Set to the offline mirror (e.g. http://127.0.0.1:8765) to crawl it instead of the real sites.
MIRROR_URL = os.environ.get("MIRROR_URL", "")
CONTACT_URL = os.environ.get("CONGDOAN_CONTACT", "https://github.com/congdoan-archive/congdoan")

# Small government servers: identify ourselves, obey robots.txt, go slowly.
USER_AGENT = f"congdoan-archive/1.0 (+{CONTACT_URL})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = float(os.environ.get("CONGDOAN_DELAY", "1"))
AUTOTHROTTLE_ENABLED = DOWNLOAD_DELAY > 0
AUTOTHROTTLE_START_DELAY = DOWNLOAD_DELAY
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
# No article is near this size; a compressed response that inflates past it is refused.
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 5

_HANDLER = "crawler.mirror.handler.MirrorDownloadHandler"
DOWNLOAD_HANDLERS = {"http": _HANDLER, "https": _HANDLER}
ITEM_PIPELINES = {
    "crawler.pipelines.NormalizePipeline": 100,
    "crawler.pipelines.ValidatePipeline": 200,
    "crawler.pipelines.StorePipeline": 300,
}
STORE_BATCH_SIZE = 200
# A response yields one article or a few dozen links; Scrapy's default (100) starts 100 asyncio
# tasks for each response, a third of the crawl's CPU time.
CONCURRENT_ITEMS = 16
# Incremental by default: stored articles are skipped and a walk stops at a page of them.
SPIDER_MIDDLEWARES = {"crawler.incremental.IncrementalMiddleware": 950}
CRAWL_FULL = False  # walk every listing page (python -m crawler crawl --full)
CRAWL_REFETCH = False  # download stored articles again (--refetch)
EXTENSIONS = {"crawler.archive.ArchiveExtension": 500, "crawler.failed_pages.FailedPagesExtension": 500,
              "crawler.runs.RunRecorder": 500}
ARCHIVE_DATABASE = os.environ.get("CONGDOAN_ARCHIVE", "")  # empty: archive.db beside DATABASE
FAILED_PAGES_DIR = ""  # empty: failed_pages/ beside DATABASE
FAILED_PAGES_MAX = 20  # pages kept per site and run

# Health check after each run (crawler/health.py), against the site's earlier runs.
HEALTH_HISTORY = 10  # earlier finished runs compared with
HEALTH_MIN_SAMPLE = 5  # a run extracting fewer articles says nothing about coverage
HEALTH_COVERAGE_DROP = 0.3  # alert when a field's coverage falls this far below its median
HEALTH_MAX_GENERIC = 0.5  # alert when more than this share came from the generic fallback

NIGHTLY_JOBS = 4  # sites crawled at once, each in its own process
NIGHTLY_KEEP_LOGS = 30  # nightly log files kept in logs/ beside DATABASE

TELNETCONSOLE_ENABLED = False
LOG_LEVEL = os.environ.get("CONGDOAN_LOG_LEVEL", "INFO")

# The distributed crawl (crawler/cluster/, docs/cluster.md): used only when CONGDOAN_REDIS_URL is
# set, by `python -m crawler worker|store|cluster` and the nightly runner.
REDIS_URL = os.environ.get("CONGDOAN_REDIS_URL", "")
CLUSTER_LEASE_SECONDS = 30  # a dead worker's requests and sites pass to others after this long
CLUSTER_POLL_SECONDS = 2  # how often a worker looks for a site to take and renews its claims
CLUSTER_WRITER_BATCH = 200  # events the writer stores per transaction
# A worker writes no SQLite: its articles, pages and failures go to Redis for the one writer.
CLUSTER_ITEM_PIPELINES = {
    "crawler.pipelines.NormalizePipeline": 100,
    "crawler.pipelines.ValidatePipeline": 200,
    "crawler.cluster.worker.PushPipeline": 300,
}
CLUSTER_EXTENSIONS = {"crawler.cluster.worker.Recorder": 500,
                      "crawler.failed_pages.FailedPagesExtension": 500}

# laodong.vn answers plain HTTP clients with a cookie-setting interstitial (crawler/cookie_gate.py):
# read after decompression (590), the cookie sent after the cookie jar wrote its header (700).
DOWNLOADER_MIDDLEWARES = {"crawler.cookie_gate.CookieGateMiddleware": 580,
                          "crawler.cookie_gate.GateCookieHeader": 760,
                          # Just before Scrapy's RedirectMiddleware (600): redirects off the
                          # site are failed by name.
                          "crawler.redirects.RedirectGuardMiddleware": 650}

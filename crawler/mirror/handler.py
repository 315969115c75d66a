"""A download handler that fetches every request from the offline mirror while Scrapy sees real URLs."""
from urllib.parse import urlsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler


def mirror_url(mirror: str, url: str) -> str:
    """https://host/path?q -> <mirror>/host/path?q: the mirror serves every site under its host name."""
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{mirror.rstrip('/')}/{parts.netloc}{parts.path or '/'}{query}"


class MirrorDownloadHandler(HTTP11DownloadHandler):
    """Plain HTTP/1.1 downloads, redirected to MIRROR_URL when it is set.

    Working at the transport keeps everything above it real: robots.txt, offsite filtering,
    retries, redirects, decompression limits and the items all see the sites' own URLs.
    """

    def __init__(self, crawler):
        super().__init__(crawler)
        self._mirror = crawler.settings.get("MIRROR_URL") or ""

    async def download_request(self, request):
        if not self._mirror:
            return await super().download_request(request)
        response = await super().download_request(
            request.replace(url=mirror_url(self._mirror, request.url)))
        return response.replace(url=request.url)

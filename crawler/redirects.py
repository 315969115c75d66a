"""Redirects the crawl refuses to follow (off the site, to an address, to itself), failed by name."""
from __future__ import annotations

import ipaddress
from urllib.parse import urljoin

from scrapy.exceptions import IgnoreRequest

from crawler.urls import host_of, on_domains


def refusal(url: str, location: str, domains, canonical) -> str | None:
    """Why a redirect from `url` to `location` must not be followed; None when it may be."""
    target = urljoin(url, location)
    host = host_of(target)
    try:
        ipaddress.ip_address(host.strip("[]"))
        return f"redirect to an IP address ({target})"
    except ValueError:
        pass
    if host == "localhost" or host.endswith(".localhost"):
        return f"redirect to a loopback address ({target})"
    if not on_domains(target, domains):
        return f"redirect off the site's domains ({target})"
    if canonical(target) == canonical(url):
        return "redirect to itself"
    return None


class RedirectGuardMiddleware:
    """Sits just before Scrapy's RedirectMiddleware and fails the request with the reason.

    Scrapy drops such redirects quietly (offsite filter, duplicate filter); the spider's errback
    then names the page and the reason in crawl_errors like any other failure.
    """

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response):
        location = response.headers.get(b"Location")
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return response
        spider = self.crawler.spider
        reason = refusal(request.url, location.decode("latin-1"), spider.allowed_domains,
                         spider.canonical)
        if reason:
            raise IgnoreRequest(reason)
        return response

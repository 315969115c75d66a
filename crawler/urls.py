"""Canonical URLs: one address per article, whatever link led to it."""
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Analytics and share-tracking parameters never change a page.
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|zarsrc|zalo\w*|_ga|fb_\w+|mc_[ce]id|share|ref)$", re.I)


def canonical_url(url: str, drop: re.Pattern | None = None,
                  rewrites: tuple[tuple[str, str], ...] = ()) -> str:
    """Lower-case host, no fragment, no tracking or site-declared parameters, site rewrites applied."""
    for pattern, replacement in rewrites:
        url = re.sub(pattern, replacement, url)
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not TRACKING.match(k) and not (drop and drop.match(k))]
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", urlencode(query), ""))


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def on_domains(url: str, domains) -> bool:
    """True when the URL's host is one of the domains or a subdomain of one."""
    host = host_of(url)
    return any(host == d or host.endswith("." + d) for d in domains)

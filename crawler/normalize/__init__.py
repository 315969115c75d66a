"""Pure text normalization for Vietnamese articles: Unicode, dates, chrome, credits, search folding."""
from crawler.normalize.article import normalize_article
from crawler.normalize.dates import DateResult, parse_date
from crawler.normalize.fold import fold
from crawler.normalize.provinces import province_now
from crawler.normalize.text import clean_line, clean_text, collapse_ws

__all__ = [
    "DateResult",
    "clean_line",
    "clean_text",
    "collapse_ws",
    "fold",
    "normalize_article",
    "parse_date",
    "province_now",
]

"""Fetching on the user's request only: a page by URL, a page's captures from a web archive.

Nothing here stores anything: it hands back fetched documents (bytes and HTTP facts) for
`reader.ingest` to read. Only http and https are spoken, and only the page itself is fetched:
never its images, scripts or styles.
"""

from reader.web.archive import Capture, archive_base, list_captures, raw_capture_url
from reader.web.client import FetchedPage, FetchPolicy, NotModified, WebClient
from reader.web.errors import FetchCancelled, FetchError
from reader.web.urls import canonical_url, is_web_url

__all__ = [
    "Capture",
    "FetchCancelled",
    "FetchError",
    "FetchPolicy",
    "FetchedPage",
    "NotModified",
    "WebClient",
    "archive_base",
    "canonical_url",
    "is_web_url",
    "list_captures",
    "raw_capture_url",
]

"""Web addresses: which ones we fetch, and the key that says two addresses are one page."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

WEB_SCHEMES = ("http", "https")
# Query parameters that track a reader, never choose a page.
_TRACKING_PREFIXES = ("utm_",)
_TRACKING_NAMES = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid",
                             "igshid", "ref_src", "cmpid", "ocid"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_web_url(text: str) -> bool:
    """An http or https address with a host (what `reader import` fetches instead of reading)."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def looks_like_url(text: str) -> bool:
    """Anything with a scheme (`ftp://`, `file://`...): refused by name, not read as a path."""
    return "://" in text and text.split("://", 1)[0].isalpha()


def canonical_url(url: str) -> str:
    """One key for the addresses of one page: no scheme, no `www.`, no default port, no
    fragment, no tracking parameters, no trailing slash; the remaining query sorted.

    The Wayback Machine lists old captures as `http://www.example.com:80/a`; the live page is
    `https://example.com/a/?utm_source=x`: both give `example.com/a`.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/") or ""
    query = sorted((name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
                   if not _tracking(name))
    return urlunsplit(("", host, path, urlencode(query), "")).removeprefix("//")


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)

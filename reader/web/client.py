"""A well-mannered HTTP client over urllib3 (trafilatura already depends on it).

What it promises: http and https only, at every redirect too; at most `max_redirects`
redirects; a connect and a read timeout; never more than `max_bytes` read (it stops reading
past the limit); 429 and 503 answered by waiting as the server's Retry-After asks, with
backoff, a few times; at most one request a `per_host_interval` to one host; a User-Agent
naming the app and its version. It fetches exactly the address it is given: what the page
links to (images, scripts, styles) is never requested, and nothing fetched is run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from ipaddress import ip_address
from urllib.parse import urljoin, urlsplit
from urllib.request import getproxies, proxy_bypass

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    HTTPError,
    LocationValueError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from reader import __version__
from reader.ingest.files import MAX_FILE_BYTES
from reader.web.errors import FetchCancelled, FetchError
from reader.web.urls import WEB_SCHEMES, is_web_url

USER_AGENT = (f"ParallaxReader/{__version__} (desktop reader comparing versions of news "
              "stories; fetches only what its user asks for)")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_LATER = frozenset({429, 503})
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 10.0  # seconds
    read_timeout: float = 30.0  # seconds without a byte from the server
    max_redirects: int = 5
    max_bytes: int = MAX_FILE_BYTES  # the same 20 MiB as files
    retries: int = 3  # further attempts after a 429 or 503
    first_backoff: float = 2.0  # wait when no Retry-After is given; doubled each attempt
    max_wait: float = 120.0  # a longer Retry-After is reported, not sat through
    per_host_interval: float = 1.0  # at most one request a second to one host
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class FetchedPage:
    url: str  # as asked for
    final_url: str  # after redirects
    body: bytes  # decompressed, byte for byte otherwise
    content_type: str | None  # "text/html", or None when the server named none
    charset: str | None  # as the Content-Type header declared it
    fetched_at: datetime
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class NotModified:
    """The server answered a conditional request with 304: the page is as it was."""

    url: str
    final_url: str
    fetched_at: datetime


def _sleep(seconds: float) -> bool:
    time.sleep(seconds)
    return False


def cancellable_wait(cancelled: Callable[[], bool], *, step: float = 0.05
                     ) -> Callable[[float], bool]:
    """A `wait` for WebClient that wakes up early (returning True) once `cancelled()`."""
    def wait(seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while not cancelled():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(step, left))
        return True
    return wait


class WebClient:
    """One per user action (an import, a check); it keeps connections and the pacing per host.

    `wait(seconds)` sleeps and returns True when the user cancelled meanwhile (the window
    passes a threading.Event's wait); tests pass one that does not sleep.
    """

    def __init__(self, policy: FetchPolicy | None = None, *,
                 wait: Callable[[float], bool] = _sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.policy = policy or FetchPolicy()
        self._wait = wait
        self._clock = clock
        self._last_request: dict[str, float] = {}
        headers = {"User-Agent": self.policy.user_agent,
                   "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                   "Accept-Encoding": "gzip, deflate"}
        timeout = urllib3.Timeout(connect=self.policy.connect_timeout,
                                  read=self.policy.read_timeout)
        self._pool = urllib3.PoolManager(num_pools=8, headers=headers, timeout=timeout,
                                         retries=False)
        # The proxies the system or $http_proxy / $https_proxy name (a newsroom's network).
        self._proxies: dict[str, urllib3.PoolManager] = {
            scheme: urllib3.ProxyManager(proxy, headers=headers, timeout=timeout, retries=False)
            for scheme, proxy in getproxies().items() if scheme in WEB_SCHEMES}

    def close(self) -> None:
        self._pool.clear()
        for proxy in self._proxies.values():
            proxy.clear()

    def __enter__(self) -> WebClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def fetch_page(self, url: str, *, etag: str | None = None,
                   last_modified: str | None = None) -> FetchedPage | NotModified:
        """An HTML page; with `etag`/`last_modified` a conditional request (304: NotModified)."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response, final_url = self._request(url, headers)
        try:
            fetched_at = datetime.now(UTC)
            if response.status == 304 and headers:
                return NotModified(url, final_url, fetched_at)
            _check_status(url, response)
            content_type, charset = _content_type(response.headers.get("Content-Type"))
            if content_type is not None and content_type not in HTML_TYPES:
                raise FetchError(url, f"not an HTML page (the server sent {content_type})")
            body = self._read(url, response)
        finally:
            _discard(response)
        return FetchedPage(url=url, final_url=final_url, body=body, content_type=content_type,
                           charset=charset, fetched_at=fetched_at,
                           etag=response.headers.get("ETag"),
                           last_modified=response.headers.get("Last-Modified"))

    def fetch_data(self, url: str) -> bytes:
        """Any successful answer's body (an archive's index), within the size limit."""
        response, _final = self._request(url, {})
        try:
            _check_status(url, response)
            return self._read(url, response)
        finally:
            _discard(response)

    # The exchange ------------------------------------------------------------------------------

    def _request(self, url: str, headers: dict[str, str]
                 ) -> tuple[urllib3.BaseHTTPResponse, str]:
        if not is_web_url(url):
            raise FetchError(url, "not a web address (only http:// and https:// are fetched)")
        current = url
        redirects = 0
        attempt = 0
        while True:
            self._pace(current)
            response = self._send(url, current, headers)
            location = response.headers.get("Location")
            if response.status in _REDIRECTS and location:
                _discard(response)
                if redirects >= self.policy.max_redirects:
                    raise FetchError(url, "too many redirects (more than "
                                          f"{self.policy.max_redirects})")
                redirects += 1
                target = urljoin(current, location)
                if not is_web_url(target):
                    raise FetchError(url, f"redirected to {target}, which is not a web address")
                current = target
                continue
            if response.status in _RETRY_LATER and attempt < self.policy.retries:
                try:
                    delay = self._retry_delay(url, response, attempt)
                finally:
                    _discard(response)
                attempt += 1
                if self._wait(delay):
                    raise FetchCancelled()
                continue
            return response, current

    def _send(self, url: str, current: str, headers: dict[str, str]
              ) -> urllib3.BaseHTTPResponse:
        with self._errors(url, current):
            return self._manager_for(current).request(
                "GET", current, headers=headers or None, redirect=False, retries=False,
                preload_content=False, decode_content=True)

    def _manager_for(self, url: str) -> urllib3.PoolManager:
        """Through the proxy for the scheme, unless the host is this machine or $no_proxy."""
        parts = urlsplit(url)
        proxy = self._proxies.get(parts.scheme.lower())
        host = parts.hostname or ""
        if proxy is None or _loopback(host) or proxy_bypass(host):
            return self._pool
        return proxy

    def _read(self, url: str, response: urllib3.BaseHTTPResponse) -> bytes:
        limit = self.policy.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, _too_large(limit))
        chunks: list[bytes] = []
        size = 0
        with self._errors(url, url):
            for chunk in response.stream(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, _too_large(limit))  # stop reading: no more is taken
                chunks.append(chunk)
        return b"".join(chunks)

    def _pace(self, url: str) -> None:
        """Keep `per_host_interval` between two requests to one host."""
        host = urlsplit(url).netloc.lower()
        last = self._last_request.get(host)
        if last is not None:
            delay = last + self.policy.per_host_interval - self._clock()
            if delay > 0 and self._wait(delay):
                raise FetchCancelled()
        self._last_request[host] = self._clock()

    def _retry_delay(self, url: str, response: urllib3.BaseHTTPResponse, attempt: int) -> float:
        asked = retry_after_seconds(response.headers.get("Retry-After"))
        backoff = self.policy.first_backoff * 2.0 ** attempt
        delay = backoff if asked is None else max(asked, backoff)
        if delay > self.policy.max_wait:
            raise FetchError(url, f"{_status_text(response.status)}: the server asks to wait "
                                  f"{delay:.0f} s; try again later")
        return max(delay, 0.0)

    @contextmanager
    def _errors(self, url: str, current: str) -> Iterator[None]:
        """urllib3's exceptions, as one line a reader understands."""
        host = urlsplit(current).hostname or current
        p = self.policy
        try:
            yield
        except NameResolutionError:
            raise FetchError(url, f"DNS failure: the host {host} was not found") from None
        except NewConnectionError:
            raise FetchError(url, f"cannot connect to {host} "
                                  "(connection refused or network unreachable)") from None
        except ConnectTimeoutError:
            raise FetchError(url, f"timeout: no connection to {host} within "
                                  f"{p.connect_timeout:g} s") from None
        except ReadTimeoutError:
            raise FetchError(url, f"timeout: {host} sent nothing for {p.read_timeout:g} s") \
                from None
        except SSLError as exc:
            raise FetchError(url, f"secure connection to {host} failed ({_first_line(exc)})") \
                from None
        except DecodeError:
            raise FetchError(url, "the server sent a damaged compressed body") from None
        except (ProtocolError, LocationValueError, HTTPError) as exc:
            raise FetchError(url, f"connection to {host} failed ({_first_line(exc)})") from None
        except OSError as exc:  # a socket error urllib3 let through
            raise FetchError(url, f"connection to {host} failed ({exc.strerror or exc})") \
                from None


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: a number of seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def _check_status(url: str, response: urllib3.BaseHTTPResponse) -> None:
    if response.status >= 300:
        raise FetchError(url, _status_text(response.status))


def _status_text(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    message = Message()
    message["Content-Type"] = header
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def _discard(response: urllib3.BaseHTTPResponse) -> None:
    """Close without reading what is left (an endless body must not be drained)."""
    response.close()
    response.release_conn()


def _too_large(limit: int) -> str:
    return f"too large (over the {_size(limit)} limit)"


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:g} MiB" if n >= 1024 * 1024 else f"{n / 1024:g} KiB"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__

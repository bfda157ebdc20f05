"""The HTTP client against the local site: manners, limits, and one-line errors."""

from __future__ import annotations

import dataclasses
import socket
from collections.abc import Iterator

import pytest

from reader import __version__
from reader.web import FetchedPage, FetchError, FetchPolicy, NotModified, WebClient
from reader.web.client import retry_after_seconds
from tests.web.server import Site

# A local server answers in milliseconds, but a busy CI machine can stall a thread for a
# few hundred: only the timeout test waits as little as 0.3 s.
FAST = FetchPolicy(connect_timeout=2, read_timeout=5, per_host_interval=0,
                   max_bytes=256 * 1024, first_backoff=0.01)


class Waits:
    """Stands in for sleeping: records what the client would have waited."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> bool:
        self.delays.append(seconds)
        return False


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while OPEN:
        OPEN.pop().close()


OPEN: list[WebClient] = []


def client(waits: Waits | None = None, **changes: object) -> WebClient:
    policy = dataclasses.replace(FAST, **changes)  # type: ignore[arg-type]
    OPEN.append(WebClient(policy, wait=waits or Waits()))
    return OPEN[-1]


def failure(site: Site, path: str, **changes: object) -> str:
    with pytest.raises(FetchError) as error:
        client(**changes).fetch_page(site.url(path))
    assert error.value.url == site.url(path)
    assert str(error.value).startswith(site.url(path) + ": ")
    return error.value.reason


def test_a_page_comes_with_its_http_facts_and_nothing_else_is_fetched(web_site: Site) -> None:
    page = client().fetch_page(web_site.url("/article"))
    assert isinstance(page, FetchedPage)
    assert page.final_url == web_site.url("/article")
    assert b"Portville harbour council" in page.body
    assert (page.content_type, page.charset) == ("text/html", "utf-8")
    assert page.etag == '"v1"'
    assert page.last_modified == "Tue, 04 Feb 2025 10:00:00 GMT"
    # The page's script, style, image and what its script would fetch: none requested.
    assert web_site.paths() == ["/article"]
    agent = web_site.requests[0][1]["User-Agent"]
    assert agent.startswith(f"ParallaxReader/{__version__} ")


def test_redirects_are_followed_up_to_five(web_site: Site) -> None:
    page = client().fetch_page(web_site.url("/redirect/5"))
    assert isinstance(page, FetchedPage)
    assert page.url == web_site.url("/redirect/5")
    assert page.final_url == web_site.url("/article")
    assert failure(web_site, "/redirect/6") == "too many redirects (more than 5)"
    assert failure(web_site, "/loop") == "too many redirects (more than 5)"


def test_a_redirect_off_the_web_is_refused(web_site: Site) -> None:
    assert failure(web_site, "/to-ftp") == ("redirected to ftp://files.example/article.html, "
                                            "which is not a web address")


@pytest.mark.parametrize("url", ["ftp://example.org/a.html", "file:///etc/passwd",
                                 "javascript:alert(1)", "news.example/article"])
def test_only_http_and_https_are_spoken(url: str) -> None:
    with pytest.raises(FetchError) as error:
        client().fetch_page(url)
    assert error.value.reason == "not a web address (only http:// and https:// are fetched)"


def test_http_errors_name_the_status(web_site: Site) -> None:
    assert failure(web_site, "/missing") == "HTTP 404 Not Found"
    assert failure(web_site, "/broken") == "HTTP 500 Internal Server Error"


def test_a_slow_server_times_out(web_site: Site) -> None:
    web_site.slow_seconds = 1.0
    assert (failure(web_site, "/slow", read_timeout=0.3)
            == "timeout: 127.0.0.1 sent nothing for 0.3 s")


def test_an_endless_body_is_cut_at_the_limit(web_site: Site) -> None:
    assert failure(web_site, "/endless") == "too large (over the 256 KiB limit)"
    assert failure(web_site, "/huge") == "too large (over the 256 KiB limit)"


def test_the_default_limit_is_the_file_limit() -> None:
    policy = FetchPolicy()
    assert (policy.max_bytes, policy.max_redirects) == (20 * 1024 * 1024, 5)
    assert (policy.connect_timeout, policy.read_timeout) == (10, 30)
    assert policy.per_host_interval == 1.0


def test_not_html_is_refused(web_site: Site) -> None:
    assert failure(web_site, "/report.pdf") == ("not an HTML page "
                                                "(the server sent application/pdf)")


def test_429_is_retried_after_what_the_server_asks(web_site: Site) -> None:
    web_site.busy_left = 2
    waits = Waits()
    page = client(waits).fetch_page(web_site.url("/busy"))
    assert isinstance(page, FetchedPage)
    assert waits.delays == [2.0, 2.0]
    assert web_site.paths() == ["/busy"] * 3


def test_429_gives_up_after_the_retries(web_site: Site) -> None:
    web_site.busy_left = 10
    waits = Waits()
    with pytest.raises(FetchError) as error:
        client(waits).fetch_page(web_site.url("/busy"))
    assert error.value.reason == "HTTP 429 Too Many Requests"
    assert len(waits.delays) == 3


def test_a_long_retry_after_is_reported_not_waited(web_site: Site) -> None:
    assert failure(web_site, "/always-busy") == (
        "HTTP 503 Service Unavailable: the server asks to wait 3600 s; try again later")


def test_retry_after_as_a_date() -> None:
    from datetime import UTC, datetime
    now = datetime(2025, 2, 4, 10, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("Tue, 04 Feb 2025 10:00:30 GMT", now=now) == 30
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("soon") is None


def test_conditional_requests_get_not_modified(web_site: Site) -> None:
    first = client().fetch_page(web_site.url("/conditional"))
    assert isinstance(first, FetchedPage) and first.etag == '"edit-0"'
    again = client().fetch_page(web_site.url("/conditional"), etag=first.etag)
    assert isinstance(again, NotModified)
    assert web_site.requests[-1][1]["If-None-Match"] == '"edit-0"'
    web_site.conditional_version = 1
    changed = client().fetch_page(web_site.url("/conditional"), etag=first.etag)
    assert isinstance(changed, FetchedPage) and changed.etag == '"edit-1"'


def test_requests_to_one_host_are_paced() -> None:
    clock = [100.0]
    waits: list[float] = []

    def wait(seconds: float) -> bool:
        waits.append(seconds)
        clock[0] += seconds
        return False

    web = WebClient(FetchPolicy(per_host_interval=1.0), wait=wait, clock=lambda: clock[0])
    web._pace("https://web.archive.org/a")
    clock[0] += 0.25
    web._pace("https://web.archive.org/b")
    web._pace("https://other.example/c")  # another host does not wait
    assert waits == [pytest.approx(0.75)]


def test_dns_failure_and_refused_connection_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(FetchError) as error:
        client().fetch_page("https://no-such-host.invalid/news")
    assert error.value.reason == "DNS failure: the host no-such-host.invalid was not found"


def test_a_refused_connection_is_named() -> None:
    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]
    with pytest.raises(FetchError) as error:
        client().fetch_page(f"http://127.0.0.1:{port}/news")
    assert error.value.reason == ("cannot connect to 127.0.0.1 "
                                  "(connection refused or network unreachable)")


def test_without_retry_after_the_waits_grow() -> None:
    web = client(first_backoff=2.0)

    class Answer:
        def __init__(self) -> None:
            self.headers: dict[str, str] = {}
            self.status = 503

    answer = Answer()
    delays = [web._retry_delay("u", answer, n) for n in range(3)]  # type: ignore[arg-type]
    assert delays == [2.0, 4.0, 8.0]


def test_the_systems_proxy_is_used(web_site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    # The local site stands in for a newsroom's proxy: it answers absolute-form requests.
    monkeypatch.setenv("http_proxy", web_site.base)
    monkeypatch.delenv("no_proxy", raising=False)
    page = client().fetch_page("http://news.example/article")
    assert isinstance(page, FetchedPage) and b"Portville" in page.body
    assert web_site.paths() == ["http://news.example/article"]
    # This machine is never reached through the proxy.
    client().fetch_page(web_site.url("/article"))
    assert web_site.paths()[-1] == "/article"
    monkeypatch.setenv("no_proxy", "news.example")
    bypassing = client()
    assert bypassing._manager_for("http://news.example/article") is bypassing._pool
    assert bypassing._manager_for("http://other.example/a") is not bypassing._pool

"""A local web site and web archive on 127.0.0.1 for the tests: no test touches the internet.

It serves article pages, redirect chains, a slow answer, an endless body, 404, 500, 429 with
Retry-After, a page whose text changes on every request, conditional answers (304), and a
Wayback-style CDX endpoint with raw captures. Every request is logged with its headers.
"""

from __future__ import annotations

import contextlib
import html
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

PARAGRAPHS = [
    "The Portville harbour council on Tuesday approved a $40 million flood barrier after a "
    "six-hour debate that ran late into the night.",
    '"We cannot keep sandbagging our way through every winter," said council chair Maria '
    "Ortiz. She added that the first phase would begin in May.",
    "Opponents warned that the barrier would block views from the old town and hurt the "
    "fishing fleet that still docks at the north quay.",
]
# Later versions of the same story, as an outlet edits it after publication.
EDITS = [
    PARAGRAPHS,
    [PARAGRAPHS[0].replace("six-hour", "seven-hour"), *PARAGRAPHS[1:]],
    [PARAGRAPHS[0].replace("six-hour", "seven-hour"), PARAGRAPHS[1],
     "Opponents, led by the fishermen's association, said they would appeal the decision "
     "before the regional court in Harwick.", PARAGRAPHS[2]],
]
TITLE = "Harbour council approves flood barrier"
ORIGINAL_TITLE = TITLE
# What an outlet put at the same address later: a different story, sharing no distinctive words.
UNRELATED = [
    "The Vienna Philharmonic announced its summer programme, opening with Mahler's Fifth "
    "Symphony under conductor Riccardo Muti.",
    "Tickets for the Schönbrunn Palace open-air concert go on sale in March, the orchestra's "
    "spokeswoman Katharina Gruber explained.",
]


def article_html(paragraphs: list[str], *, title: str = TITLE,
                 canonical: str | None = None, published: str | None = None) -> bytes:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    link = f'<link rel="canonical" href="{html.escape(canonical)}">' if canonical else ""
    if published:
        link += f'<meta property="article:published_time" content="{published}">'

    # Things a browser would fetch or run; the reader must fetch and run none of them.
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>{link}
<script src="/never/script.js"></script><link rel="stylesheet" href="/never/style.css">
<script>fetch('/never/fetched-by-script');</script>
</head><body><article><h1>{html.escape(title)}</h1>
<img src="/never/photo.jpg" alt="The harbour">
{body}
</article></body></html>""".encode()


@dataclass
class Capture:
    timestamp: str
    original: str
    body: bytes
    status: str = "200"
    mimetype: str = "text/html"
    digest: str = ""


@dataclass
class Site:
    base: str = ""
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    changing_count: int = 0
    conditional_version: int = 0  # which of EDITS /conditional serves now
    busy_left: int = 0  # how many 429s /busy answers before the page
    slow_seconds: float = 1.0
    captures: list[Capture] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def paths(self) -> list[str]:
        with self.lock:
            return [path for path, _ in self.requests]


def wayback_captures(original: str) -> list[Capture]:
    """Three distinct texts captured five times, plus a redirect and an image the reader skips."""
    bodies = [article_html(version, canonical=original) for version in EDITS]
    return [
        Capture("20250201093000", original, bodies[0], digest="AAAA"),
        Capture("20250201213000", original, bodies[0], digest="AAAA"),  # collapsed: same bytes
        Capture("20250202080000", original.replace("https://", "http://"), b"", status="301",
                mimetype="unk", digest="REDIR"),
        Capture("20250203120000", original, bodies[1], digest="BBBB"),
        Capture("20250203130000", original, b"\x89PNG", mimetype="image/png", digest="PNG1"),
        # Different bytes (a new advert), the same article text: one version, not two.
        Capture("20250204120000", original, bodies[1].replace(b"</body>", b"<div>ad</div></body>"),
                digest="CCCC"),
        Capture("20250206120000", original, bodies[2], digest="DDDD"),
    ]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        site = self.server.site
        with site.lock:
            site.requests.append((self.path, {k: v for k, v in self.headers.items()}))
        parts = urlsplit(self.path)
        path = parts.path
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route(site, path, parse_qs(parts.query))

    def _route(self, site: Site, path: str, query: dict[str, list[str]]) -> None:
        if path == "/article":
            self._page(article_html(PARAGRAPHS, canonical=site.url("/article")),
                       headers={"ETag": '"v1"', "Last-Modified": "Tue, 04 Feb 2025 10:00:00 GMT"})
        elif path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect("/article" if left <= 1 else f"/redirect/{left - 1}")
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/to-ftp":
            self._redirect("ftp://files.example/article.html")
        elif path == "/slow":
            time.sleep(site.slow_seconds)
            self._page(article_html(PARAGRAPHS))
        elif path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"more words " * 1000 + b"</p>\n"
            for _ in range(100_000):  # ~1 GB unless the reader stops reading
                self.wfile.write(chunk)
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(500 * 1024 * 1024))
            self.send_header("Connection", "close")
            self.end_headers()
        elif path == "/missing":
            self._page(b"<html><body>Not here</body></html>", status=404)
        elif path == "/broken":
            self._page(b"<html><body>Oops</body></html>", status=500)
        elif path == "/busy":
            with site.lock:
                busy = site.busy_left > 0
                site.busy_left -= 1
            if busy:
                self._page(b"slow down", status=429, headers={"Retry-After": "2"})
            else:
                self._page(article_html(PARAGRAPHS))
        elif path == "/always-busy":
            self._page(b"down for maintenance", status=503, headers={"Retry-After": "3600"})
        elif path == "/report.pdf":
            self._page(b"%PDF-1.4", content_type="application/pdf")
        elif path == "/changing":
            with site.lock:
                site.changing_count += 1
                n = site.changing_count
            self._page(article_html(EDITS[min(n, len(EDITS)) - 1]))
        elif path == "/rewritten":
            with site.lock:
                site.changing_count += 1
                n = site.changing_count
            self._page(article_html(PARAGRAPHS if n == 1 else UNRELATED,
                                    title=TITLE if n == 1 else "Summer concerts"))
        elif path == "/live":
            # The page as it reads today: its latest edit, still dated the day it was published.
            self._page(article_html(EDITS[2], canonical="https://news.example/harbour-barrier",
                                    published="2025-01-31T08:00:00Z"))
        elif path.startswith("/section/"):
            # Two different stories whose template names the home page as canonical.
            story = PARAGRAPHS if path.endswith("harbour") else UNRELATED
            self._page(article_html(story, canonical=site.url("/")))
        elif path == "/conditional":
            version = site.conditional_version
            etag = f'"edit-{version}"'
            if self.headers.get("If-None-Match") == etag:
                self._page(b"", status=304, headers={"ETag": etag})
            else:
                self._page(article_html(EDITS[version]), headers={"ETag": etag})
        elif path == "/latin1":
            self._page(article_html([*PARAGRAPHS, "Café owners near the quay welcomed it."])
                       .replace(b'<meta charset="utf-8">', b"").decode().encode("latin-1"),
                       content_type="text/html; charset=ISO-8859-1")
        elif path == "/cdx/search/cdx":
            self._cdx(site, query)
        elif path.startswith("/web/"):
            self._raw_capture(site, path)
        else:
            self._page(b"<html><body>Not here</body></html>", status=404)

    def _cdx(self, site: Site, query: dict[str, list[str]]) -> None:
        """The Wayback CDX server's output=json: a header row naming the `fl` fields, then
        one row of strings per capture. It leaves filtering to the client on purpose."""
        fields = query.get("fl", ["urlkey,timestamp,original,mimetype,statuscode,digest,length"])
        names = fields[0].split(",")
        since = query.get("from", [""])[0]
        until = query.get("to", [""])[0]
        rows: list[list[str]] = [names]
        for capture in site.captures:
            if since and capture.timestamp < since.ljust(14, "0"):
                continue
            if until and capture.timestamp > until.ljust(14, "9"):
                continue
            values = {"urlkey": "example,news)/article", "timestamp": capture.timestamp,
                      "original": capture.original, "mimetype": capture.mimetype,
                      "statuscode": capture.status, "digest": capture.digest,
                      "length": str(len(capture.body))}
            rows.append([values[name] for name in names])
        body = json.dumps(rows if len(rows) > 1 else []).encode()
        self._page(body, content_type="application/json")

    def _raw_capture(self, site: Site, path: str) -> None:
        stamp, _, original = path.removeprefix("/web/").partition("id_/")
        for capture in site.captures:
            if capture.timestamp == stamp and capture.original == original:
                self._page(capture.body, content_type=capture.mimetype,
                           headers={"X-Archive-Orig-Date": "Mon, 03 Feb 2025 12:00:00 GMT"})
                return
        self._page(b"not archived", status=404)

    def _redirect(self, location: str) -> None:
        self._page(b"", status=302, headers={"Location": location})

    def _page(self, body: bytes, *, status: int = 200, content_type: str = "text/html; "
              "charset=utf-8", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if status != 304:
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up on an endless body is the point of that test

    def __init__(self, site: Site) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = site


@pytest.fixture
def web_site() -> Iterator[Site]:
    """The site, running; `site.captures` starts with the Wayback captures of /article."""
    site = Site()
    server = _Server(site)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    site.captures = wayback_captures("https://news.example/harbour-barrier")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()
    thread.join(5)

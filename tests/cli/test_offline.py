"""Nothing imported is fetched or executed: import, compare and every export work with socket
creation made to fail, on an HTML page full of scripts, iframes and remote images."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main

PAGE = """<!DOCTYPE html>
<html><head><title>Harbour council approves flood barrier</title>
<script src="https://tracker.example/t.js"></script>
<script>document.write('<p>INJECTED BY SCRIPT</p>'); fetch('https://evil.example/x');</script>
<link rel="stylesheet" href="https://cdn.example/site.css">
<meta property="og:url" content="https://news.example/harbour-barrier">
</head><body>
<iframe src="https://ads.example/frame"></iframe>
<article>
<h1>Harbour council approves flood barrier</h1>
<img src="https://images.example/harbour.jpg" onerror="alert(1)">
<p>The Portville harbour council on Tuesday approved a $40 million flood barrier after a
six-hour debate that ran late into the night.</p>
<p>"We cannot keep sandbagging our way through every winter," said council chair Maria Ortiz.
She added that the first phase would begin in May.</p>
<p>Opponents warned that the barrier would block views from the old town.</p>
</article>
<script>alert('tail')</script>
</body></html>
"""

REWRITE = (
    "Portville's harbour council has approved a $40 million flood barrier following a debate "
    "that lasted six hours.\n"
    '"We cannot keep sandbagging through every winter," council chair Maria Ortiz said.\n'
    "Opponents warned the barrier would block views from the old town.\n"
)


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    attempts: list[tuple[Any, ...]] = []

    def refuse(*args: Any, **kwargs: Any) -> socket.socket:
        attempts.append(args)
        raise NetworkUsed(f"a socket was opened: {args}")

    class RefusingSocket(socket.socket):
        # A subclass, not a function: modules imported later (ssl) subclass socket.socket.
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            refuse(*args)

    monkeypatch.setattr(socket, "socket", RefusingSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_import_compare_export_without_a_network(no_network: list[tuple[Any, ...]],
                                                  tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  qapp: Any) -> None:
    # qapp: the PDF export renders through Qt; it must find the test run's QApplication.
    page = tmp_path / "harbour.html"
    page.write_text(PAGE, encoding="utf-8")
    rewrite = tmp_path / "harbour-rewrite.txt"
    rewrite.write_text(REWRITE, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'lib.sqlite3'}"

    assert main(["--db", db, "import", str(page), str(rewrite)]) == 0
    assert main(["--db", db, "show", "1"]) == 0
    shown = capsys.readouterr().out
    assert "sandbagging our way" in shown
    for never in ("INJECTED BY SCRIPT", "alert(", "tracker.example", "<script"):
        assert never not in shown

    assert main(["compare", str(page), str(rewrite), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(q["status"] == "altered" for q in data["quotes"])

    for fmt in ("html", "md", "json", "pdf"):
        target = tmp_path / f"export.{fmt}"
        assert main(["--db", db, "export", "1", "--format", fmt, "-o", str(target)]) == 0
        assert target.stat().st_size > 0
    html = (tmp_path / "export.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "https://" not in html.replace("https://news.example/harbour-barrier", "")
    # The only socket anyone asked for is urllib3's import-time probe of IPv6 support on ::1
    # (trafilatura imports it); it was refused like any other and nothing else was tried.
    assert all(args == (socket.AF_INET6,) for args in no_network), no_network

"""`reader import URL`, `reader import --history`, `reader watch ...` against the local site."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.cli_web import TerminalProgress
from tests.web.server import Site, web_site

__all__ = ["web_site"]
ORIGINAL = "https://news.example/harbour-barrier"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'library.sqlite3'}"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_urls_prints_a_line_per_url(capsys: pytest.CaptureFixture[str], db: str,
                                           web_site: Site) -> None:
    code, out, err = run(capsys, "import", "--db", db, "--interval", "0",
                         web_site.url("/redirect/2"), web_site.url("/missing"),
                         web_site.url("/article"))
    assert code == 1
    assert out.splitlines() == [
        f"imported   {web_site.url('/redirect/2')} -> story 1, article 1",
        f"duplicate  {web_site.url('/article')}: same text as article 1 (story 1)",
        "1 imported, 1 duplicate, 1 failed"]
    assert err == f"failed     {web_site.url('/missing')}: HTTP 404 Not Found\n"
    code, out, _err = run(capsys, "show", "--db", db, "1")
    assert f"URL:       {web_site.url('/redirect/2')}\n" in out
    assert f"Final URL: {web_site.url('/article')}\n" in out
    assert 'ETag:      "v1"\n' in out
    assert "Fetched:   20" in out


def test_files_and_urls_in_one_import(capsys: pytest.CaptureFixture[str], db: str,
                                      web_site: Site, tmp_path: Path) -> None:
    note = tmp_path / "rewrite.txt"
    note.write_text("Portville's harbour council has approved a $40 million flood barrier "
                    "following a debate that lasted six hours.\n", encoding="utf-8")
    code, out, _err = run(capsys, "import", "--db", db, "--interval", "0", str(note),
                          web_site.url("/article"))
    assert code == 0
    assert out.splitlines()[-1] == "2 imported, 0 duplicate, 0 failed"


def test_other_schemes_are_refused_by_name(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _out, err = run(capsys, "import", "--db", db, "ftp://files.example/a.html")
    assert code == 1
    assert err == ("reader: ftp://files.example/a.html: not a web address "
                   "(only http:// and https:// are fetched)\n")


def test_history_from_a_local_archive(capsys: pytest.CaptureFixture[str], db: str,
                                      web_site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_ARCHIVE_URL", web_site.base)
    code, out, err = run(capsys, "import", "--db", db, "--history", ORIGINAL,
                         "--interval", "0", "--from", "2025-02-02", "--limit", "2")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"imported   {ORIGINAL} (captured 2025-02-03 12:00 UTC) -> story 1, article 1",
        f"duplicate  {ORIGINAL} (captured 2025-02-04 12:00 UTC): same text as article 1 "
        "(story 1)",
        "1 imported, 1 duplicate, 0 failed"]
    code, out, _err = run(capsys, "list", "--db", db, "--format", "json")
    [story] = json.loads(out)
    assert [v["published"] for v in story["versions"]] == ["2025-02-03"]


def test_history_options_need_history(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _out, err = run(capsys, "import", "--db", db, "--limit", "3", ORIGINAL)
    assert code == 1
    assert err == "reader: import: --from, --to, --limit and --archive go with --history\n"
    code, _out, err = run(capsys, "import", "--db", db, "--history", "--from", "last week",
                          ORIGINAL)
    assert code == 1
    assert "is not a date" in err


def test_an_archive_that_is_down_is_one_line(capsys: pytest.CaptureFixture[str], db: str,
                                             web_site: Site) -> None:
    code, _out, err = run(capsys, "import", "--db", db, "--history", ORIGINAL,
                          "--archive", web_site.url("/nothing-here"))
    assert code == 1
    assert err == (f"failed     {ORIGINAL}: the archive's index at "
                   f"{web_site.url('/nothing-here')}: HTTP 404 Not Found\n")


def test_the_watch_list(capsys: pytest.CaptureFixture[str], db: str, web_site: Site) -> None:
    page, broken = web_site.url("/conditional"), web_site.url("/broken")
    code, out, _err = run(capsys, "watch", "add", "--db", db, page, broken)
    assert (code, out) == (0, f"watching  {page}\nwatching  {broken}\n")
    code, out, err = run(capsys, "watch", "check", "--db", db, "--interval", "0")
    assert code == 1
    assert out == f"{page}: new version 1 of story 1 (the first one stored)\n"
    assert err == f"{broken}: HTTP 500 Internal Server Error\n"
    code, out, _err = run(capsys, "watch", "remove", "--db", db, broken)
    assert (code, out) == (0, f"removed  {broken}\n")
    code, out, _err = run(capsys, "watch", "check", "--db", db, "--interval", "0")
    assert (code, out) == (0, f"{page}: unchanged (not modified)\n")
    web_site.conditional_version = 1
    code, out, _err = run(capsys, "watch", "check", "--db", db, "--interval", "0")
    assert out == (f"{page}: new version 2 of story 1 (against version 1: 1 edited, 0 added, "
                   "0 removed, 0 moved)\n")
    code, out, _err = run(capsys, "watch", "list", "--db", db, "--format", "json")
    [entry] = json.loads(out)
    assert entry["url"] == page and entry["story"] == 1
    assert entry["last_result"].startswith("new version 2 of story 1")
    code, _out, err = run(capsys, "watch", "remove", "--db", db, broken)
    assert (code, err) == (1, f"reader: {broken} is not on the watch list\n")


def test_the_progress_bar_draws_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    bar = TerminalProgress("captures", screen)
    bar.update(3, 12)
    bar.clear()
    assert screen.getvalue() == "\r[#######-----------------------] 3/12 captures\r\x1b[K"
    pipe = io.StringIO()
    quiet = TerminalProgress("captures", pipe)
    quiet.update(3, 12)
    quiet.clear()
    assert pipe.getvalue() == ""

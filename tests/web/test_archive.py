"""The CDX reader: Wayback's JSON with its header row, pywb's JSON lines, and the filtering."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reader.web import FetchError, FetchPolicy, WebClient, list_captures, raw_capture_url
from reader.web.archive import archive_base, cdx_query_url, cdx_timestamp, parse_cdx_json
from tests.web.server import Site

# The Wayback CDX server's documented answer to output=json (a header row, then strings).
WAYBACK = b"""[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],
 ["org,archive)/", "19970126045828", "http://www.archive.org:80/", "text/html", "200",
  "Q4YULN754FHV2U6Q5JUT6Q2P57WEWNNY", "1415"],
 ["org,archive)/", "19971011050034", "http://www.archive.org:80/", "text/html", "200",
  "XAHDNHZ5P3GSSSNJ3DMEOJF7BMCCPZR3", "1402"]]"""
# With showResumeKey the array ends with an empty row and the key.
RESUMABLE = WAYBACK[:-1] + b""",\n [],\n ["org%2Carchive%29%2F+19980109140106%21"]]"""
# pywb: one JSON object per line, under its own field names.
PYWB = b"""{"urlkey": "org,archive)/", "timestamp": "19970126045828", "url": "http://www.archive.org:80/", "mime": "text/html", "status": "200", "digest": "Q4YU"}
{"urlkey": "org,archive)/", "timestamp": "19971011050034", "url": "http://www.archive.org:80/", "mime": "text/html", "status": "200", "digest": "XAHD"}
"""  # noqa: E501


@pytest.mark.parametrize("answer", [WAYBACK, RESUMABLE, PYWB])
def test_both_cdx_json_formats_are_read(answer: bytes) -> None:
    rows = parse_cdx_json("cdx", answer)
    assert [(r["timestamp"], r["original"], r["statuscode"], r["mimetype"]) for r in rows] == [
        ("19970126045828", "http://www.archive.org:80/", "200", "text/html"),
        ("19971011050034", "http://www.archive.org:80/", "200", "text/html")]


def test_no_captures_is_an_empty_array() -> None:
    assert parse_cdx_json("cdx", b"[]") == []
    assert parse_cdx_json("cdx", b"") == []


def test_an_answer_that_is_not_cdx_is_named() -> None:
    with pytest.raises(FetchError) as error:
        parse_cdx_json("https://archive.example/cdx", b"<html>Welcome</html>")
    assert error.value.reason.startswith("the archive's answer is not CDX JSON")


def test_the_query_asks_for_distinct_html_captures() -> None:
    url = cdx_query_url("https://web.archive.org", "https://news.example/a?id=3",
                        since="2025-02-01", until="2025-02")
    assert url == ("https://web.archive.org/cdx/search/cdx?url=https%3A%2F%2Fnews.example%2Fa"
                   "%3Fid%3D3&output=json&fl=timestamp%2Coriginal%2Cstatuscode%2Cdigest%2C"
                   "mimetype&collapse=digest&filter=statuscode%3A200&filter=mimetype%3Atext%2Fhtml"
                   "&from=20250201&to=202502")


def test_dates() -> None:
    assert cdx_timestamp("2025") == "2025"
    assert cdx_timestamp("2025-02-03T10:15") == "202502031015"
    assert cdx_timestamp("20250203101500") == "20250203101500"
    with pytest.raises(ValueError, match="is not a date"):
        cdx_timestamp("last week")


def test_the_archive_is_chosen_by_option_then_environment() -> None:
    assert archive_base(None, {}) == "https://web.archive.org"
    assert archive_base(None, {"READER_ARCHIVE_URL": "https://pywb.nl/"}) == "https://pywb.nl"
    assert archive_base("http://127.0.0.1:8080/", {"READER_ARCHIVE_URL": "x"}) == \
        "http://127.0.0.1:8080"


def test_captures_from_the_local_archive(web_site: Site) -> None:
    original = "https://news.example/harbour-barrier"
    with WebClient(FetchPolicy(per_host_interval=0)) as web:
        captures = list_captures(web, web_site.base, original)
        # Collapsed by digest; the redirect and the image are left out by the client.
        assert [c.timestamp for c in captures] == ["20250201093000", "20250203120000",
                                                   "20250204120000", "20250206120000"]
        assert captures[0].captured_at == datetime(2025, 2, 1, 9, 30, tzinfo=UTC)
        assert raw_capture_url(web_site.base, captures[0]) == (
            f"{web_site.base}/web/20250201093000id_/{original}")
        since = list_captures(web, web_site.base, original, since="2025-02-03", limit=2)
        assert [c.timestamp for c in since] == ["20250203120000", "20250204120000"]
    query = web_site.requests[0][0]
    assert query.startswith("/cdx/search/cdx?url=https%3A%2F%2Fnews.example%2Fharbour-barrier"
                            "&output=json&fl=timestamp%2Coriginal%2Cstatuscode%2Cdigest"
                            "%2Cmimetype&collapse=digest")

"""URL imports, archive histories and watch-list checks into a real library, from the local
site: what is stored, which story it joins, what is a duplicate, what a cancel keeps."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from reader.store import close_library, get_article, get_story, open_library, writing
from reader.store.comparisons import version_age
from reader.store.models import Article
from reader.store.watch import add_watch, list_watches
from reader.store.web_sources import mark_opened, web_origin_of
from reader.web import FetchPolicy, WebClient
from reader.webimport import check_watch_list, import_history, import_urls
from tests.web.server import Site

FAST = FetchPolicy(connect_timeout=2, read_timeout=1, per_host_interval=0, first_backoff=0.01)
ORIGINAL = "https://news.example/harbour-barrier"


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    factory = open_library(f"sqlite:///{tmp_path / 'library.sqlite3'}")
    yield factory
    close_library(factory)


@pytest.fixture
def web() -> Iterator[WebClient]:
    with WebClient(FAST, wait=lambda _s: False) as client:
        yield client


def test_a_url_is_stored_with_where_and_when_it_was_fetched(
        sessions: sessionmaker[Session], web: WebClient, web_site: Site) -> None:
    before = datetime.now(UTC)
    [outcome] = import_urls(sessions, web, [web_site.url("/redirect/2")])
    assert outcome.status == "imported", outcome
    assert outcome.source == web_site.url("/redirect/2")
    assert outcome.article_id is not None
    with sessions.begin() as s:
        article = get_article(s, outcome.article_id)
        origin = web_origin_of(s, outcome.article_id)
    assert article.title == "Harbour council approves flood barrier"
    assert article.text.startswith("The Portville harbour council on Tuesday approved")
    assert article.url == web_site.url("/redirect/2")
    assert origin is not None
    assert origin.final_url == web_site.url("/article")
    assert origin.etag == '"v1"' and origin.last_modified == "Tue, 04 Feb 2025 10:00:00 GMT"
    assert before <= origin.fetched_at <= datetime.now(UTC)
    assert origin.captured_at is None
    assert b"<script" in article.raw  # kept byte for byte, never run


def test_the_same_url_with_new_text_is_a_new_version_of_its_story(
        sessions: sessionmaker[Session], web: WebClient, web_site: Site) -> None:
    url = web_site.url("/changing")
    outcomes = import_urls(sessions, web, [url, url, url])
    assert [o.status for o in outcomes] == ["imported"] * 3
    assert len({o.story_id for o in outcomes}) == 1
    # The same text again is a duplicate, as for files.
    [again] = import_urls(sessions, web, [web_site.url("/article")])
    assert again.status == "duplicate"
    assert again.story_id == outcomes[0].story_id


def test_the_address_groups_before_the_text(
        sessions: sessionmaker[Session], web: WebClient, web_site: Site) -> None:
    url = web_site.url("/rewritten")
    first, second = import_urls(sessions, web, [url, url])
    # The second text shares nothing with the first, but it is the same page.
    assert (first.status, second.status) == ("imported", "imported")
    assert first.story_id == second.story_id


def test_failures_are_one_line_and_the_rest_go_on(
        sessions: sessionmaker[Session], web: WebClient, web_site: Site) -> None:
    outcomes = import_urls(sessions, web, [web_site.url("/missing"), web_site.url("/report.pdf"),
                                           web_site.url("/article")])
    assert [(o.source, o.status, o.reason) for o in outcomes[:2]] == [
        (web_site.url("/missing"), "failed", "HTTP 404 Not Found"),
        (web_site.url("/report.pdf"), "failed", "not an HTML page (the server sent "
                                                "application/pdf)")]
    assert outcomes[2].status == "imported"


def test_history_imports_each_distinct_text_dated_by_its_capture(
        sessions: sessionmaker[Session], web: WebClient, web_site: Site) -> None:
    seen: list[tuple[int, int]] = []
    outcomes = import_history(sessions, web, ORIGINAL, base=web_site.base,
                              on_progress=lambda d, t, _o: seen.append((d, t)))
    assert [o.status for o in outcomes] == ["imported", "imported", "duplicate", "imported"]
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert outcomes[0].source == f"{ORIGINAL} (captured 2025-02-01 09:30 UTC)"
    assert len({o.story_id for o in outcomes}) == 1
    story_id = outcomes[0].story_id
    assert story_id is not None
    with sessions.begin() as s:
        story = get_story(s, story_id)
        assert [v.published for v in story.versions] == [
            date(2025, 2, 1), date(2025, 2, 3), date(2025, 2, 6)]
        origin = web_origin_of(s, story.versions[0].id)
        article = get_article(s, story.versions[0].id)
    assert origin is not None
    assert origin.captured_at == datetime(2025, 2, 1, 9, 30, tzinfo=UTC)
    assert origin.final_url == f"{web_site.base}/web/20250201093000id_/{ORIGINAL}"
    assert article.url == ORIGINAL
    # Only the index and the raw captures were asked for: no toolbar, no page resources.
    assert [p.split("?")[0] for p in web_site.paths()] == ["/cdx/search/cdx"] + [
        f"/web/{stamp}id_/{ORIGINAL}" for stamp in
        ("20250201093000", "20250203120000", "20250204120000", "20250206120000")]


def test_history_joins_the_story_of_the_page_already_stored(
        sessions: sessionmaker[Session], web: WebClient, web_site: Site) -> None:
    first = import_history(sessions, web, ORIGINAL, base=web_site.base, until="2025-02-01")
    assert [o.status for o in first] == ["imported"]
    rest = import_history(sessions, web, ORIGINAL, base=web_site.base, since="2025-02-02")
    assert {o.story_id for o in rest} == {first[0].story_id}


def test_history_with_no_capture_says_so(
        sessions: sessionmaker[Session], web: WebClient, web_site: Site) -> None:
    [outcome] = import_history(sessions, web, ORIGINAL, base=web_site.base, since="2030")
    assert outcome.status == "failed"
    assert outcome.reason == (f"the archive at {web_site.base} has no HTML capture of this "
                              "page in that period")


def test_a_cancelled_history_keeps_the_versions_stored_whole(
        sessions: sessionmaker[Session], web: WebClient, web_site: Site) -> None:
    done: list[int] = []
    outcomes = import_history(sessions, web, ORIGINAL, base=web_site.base,
                              on_progress=lambda d, _t, _o: done.append(d),
                              should_cancel=lambda: len(done) >= 2)
    assert [o.status for o in outcomes] == ["imported", "imported"]
    with sessions.begin() as s:
        texts = s.execute(select(Article.text)).scalars().all()
    assert len(texts) == 2 and all(t.startswith("The Portville harbour") for t in texts)


def test_watch_check_uses_conditional_requests_and_stores_new_text(
        sessions: sessionmaker[Session], web: WebClient, web_site: Site) -> None:
    url = web_site.url("/conditional")
    with sessions.begin() as s:
        add_watch(s, url)
    [first] = check_watch_list(sessions, web)
    assert (first.status, first.line) == ("new", f"new version 1 of story {first.story_id} "
                                                 "(the first one stored)")
    [same] = check_watch_list(sessions, web)
    assert (same.status, same.line) == ("unchanged", "unchanged (not modified)")
    assert web_site.requests[-1][1]["If-None-Match"] == '"edit-0"'
    web_site.conditional_version = 2
    [changed] = check_watch_list(sessions, web)
    assert changed.status == "new"
    assert changed.line == (f"new version 2 of story {first.story_id} (against version 1: "
                            "1 edited, 1 added, 0 removed, 0 moved)")
    with writing(sessions) as s:
        [watch] = list_watches(s)
        assert watch.etag == '"edit-2"' and watch.story_id == first.story_id
        assert watch.last_result == changed.line
        versions = get_story(s, first.story_id or 0).versions
        assert [v.unopened for v in versions] == [True, True]
        assert mark_opened(s, [v.id for v in versions]) == [v.id for v in versions]
        assert not any(v.unopened for v in get_story(s, first.story_id or 0).versions)


def test_watch_check_reports_errors_per_page(
        sessions: sessionmaker[Session], web: WebClient, web_site: Site) -> None:
    with sessions.begin() as s:
        add_watch(s, web_site.url("/broken"))
        add_watch(s, web_site.url("/article"))
    results = check_watch_list(sessions, web)
    assert [(r.status, r.line) for r in results] == [
        ("failed", "HTTP 500 Internal Server Error"),
        ("new", f"new version 1 of story {results[1].story_id} (the first one stored)")]


def test_the_declared_charset_decodes_the_page(
        sessions: sessionmaker[Session], web: WebClient, web_site: Site) -> None:
    [outcome] = import_urls(sessions, web, [web_site.url("/latin1")])
    assert outcome.status == "imported" and outcome.article_id is not None
    with sessions.begin() as s:
        text = get_article(s, outcome.article_id).text
    assert text.endswith("Café owners near the quay welcomed it.")


def test_a_home_page_canonical_does_not_merge_stories(
        sessions: sessionmaker[Session], web: WebClient, web_site: Site) -> None:
    harbour, concerts = import_urls(sessions, web, [web_site.url("/section/harbour"),
                                                    web_site.url("/section/concerts")])
    assert (harbour.status, concerts.status) == ("imported", "imported")
    assert harbour.story_id != concerts.story_id


def test_versions_of_a_page_are_ordered_by_when_they_were_seen(
        sessions: sessionmaker[Session], web: WebClient, web_site: Site) -> None:
    """The live page keeps its publication date through every edit; it is still the newest."""
    [live] = import_urls(sessions, web, [web_site.url("/live")])
    history = import_history(sessions, web, ORIGINAL, base=web_site.base)
    assert {o.story_id for o in history} == {live.story_id}
    with sessions.begin() as s:
        story = get_story(s, live.story_id or 0)
        live_version = next(v for v in story.versions if v.id == live.article_id)
        assert live_version.published == date(2025, 1, 31)
        ordered = [get_article(s, v.id).text for v in sorted(story.versions, key=version_age)]
    assert "six-hour" in ordered[0] and "seven-hour" in ordered[1]
    assert "fishermen's association" in ordered[-1]
    assert len(ordered) == 3  # the last capture is the live text: a duplicate

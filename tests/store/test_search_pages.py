"""A page of a search is the same slice of the same list however it is found: on PostgreSQL a
broad query's page is found by testing stories one by one in the list's order
(search.postgres_walked_page), a rarer one's from the full-text index."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from reader.store import (
    add_article,
    add_note,
    count_stories,
    delete_note,
    delete_story,
    list_stories,
    writing,
)
from reader.store import library as library_module
from reader.store import search as search_module
from reader.store.library import STORY_SORTS
from reader.store.search import pg_tsquery
from tests.store.conftest import make_article

QUERIES = ["harbour", "harb", "seawall", "kelp", "tide", "harbour tide", "nothing",
           "o'brien harb", "' ; DROP TABLE stories; --"]  # any input is safe


@pytest.fixture
def forty(sessions: sessionmaker[Session]) -> list[int]:
    """40 stories: 'harbour' in every second text, 'seawall' in every third title, 'kelp' and
    'harbour' in notes on the others (one note deleted), 'tide' in story 13 only; story 20
    deleted."""
    ids = []
    with writing(sessions) as s:
        for n in range(40):
            words = ["harbour" if n % 2 == 0 else "market", "tide" if n == 13 else "rain"]
            title = f"Seawall plan {n}" if n % 3 == 0 else f"Council item {n}"
            outcome = add_article(s, make_article(
                f"Item {n}: the {words[0]} report mentions {words[1]} and number{n}.", title,
                source=f"{n}.txt", published=date(2026, 1, 1 + n % 28)), new_story=True)
            assert outcome.story_id is not None
            ids.append(outcome.story_id)
        for n in range(40):
            if n % 3:
                note = add_note(s, ids[n], f"kelp beds by the harbour, item {n}")
                if n == 16:
                    delete_note(s, note.id)
        delete_story(s, ids[20])
    return ids


@pytest.mark.parametrize("sort", STORY_SORTS)
def test_every_page_is_a_slice_of_the_whole_list(
        sessions: sessionmaker[Session], forty: list[int], sort: library_module.StorySort,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The walk is chosen on the planner's estimate of the matches, which a 40-row table's
    # statistics do not give: the true counts stand in for it here.
    real_estimate = search_module._postgres_estimate

    def exact(session: Session, query: str) -> tuple[float, float]:
        real_estimate(session, query)  # runs, whatever it guesses
        matching = session.execute(text(
            "SELECT count(*) FROM articles WHERE deleted_at IS NULL "
            "AND search_vector @@ reader_search_query(:q)"), {"q": pg_tsquery(query)}).scalar()
        return 40.0, float(matching or 0)

    monkeypatch.setattr(search_module, "_postgres_estimate", exact)
    # Walks pay sooner: pages of 5 meet both ways of finding them.
    monkeypatch.setattr(search_module, "PG_WALK_PAYS", 0.5)
    walked: list[bool] = []
    real_walk = library_module.postgres_walked_page

    def spy(*args: object, **kwargs: object) -> object:
        rows = real_walk(*args, **kwargs)  # type: ignore[arg-type]
        walked.append(rows is not None)
        return rows

    monkeypatch.setattr(library_module, "postgres_walked_page", spy)
    with sessions() as s:
        for query in QUERIES:
            whole = [st.id for st in list_stories(s, query, sort=sort)]
            assert count_stories(s, query) == len(whole)
            pages = [[st.id for st in list_stories(s, query, sort=sort, offset=o, limit=5)]
                     for o in range(0, 45, 5)]
            assert [i for page in pages for i in page] == whole, query
    if sessions.kw["bind"].dialect.name == "postgresql":
        assert False in walked  # a rare word is read from the index
        assert True in walked  # a query in a third or more of the stories is walked
    with sessions() as s:
        harbour = {st.id for st in list_stories(s, "harbour", limit=100)}
        assert harbour == {ids for n, ids in enumerate(forty)
                           if (n % 2 == 0 or n % 3) and n != 20}
        assert {st.id for st in list_stories(s, "kelp", limit=5)} <= {
            forty[n] for n in range(40) if n % 3 and n not in (16, 20)}
        assert {st.id for st in list_stories(s, "seawall", limit=5)} <= {
            forty[n] for n in range(0, 40, 3)}

"""Importing files: one transaction per file, failures reported per file, grouping as usual."""

from __future__ import annotations

import gc
import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, make_url, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from reader.ingest import MAX_FILE_BYTES, jsonl_stream
from reader.store import (
    ImportOutcome,
    ImportProgress,
    NotFound,
    get_article,
    import_paths,
    import_samples,
    import_units,
    list_stories,
)
from reader.store import importing as importing_module
from reader.store.batch_write import store_batch
from reader.store.library import PreparedArticle, store_article
from reader.store.models import Article, Story
from tests.store.conftest import FLOOD_ORIGINAL, FLOOD_REWRITE, ORCHESTRA


def _write(folder: Path, name: str, content: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def _stories(sessions: sessionmaker[Session]) -> list[list[str]]:
    """Each story's versions by source file name, stories in id order."""
    with sessions() as s:
        stories = list_stories(s, sort="title")
    return [sorted(Path(v.source_name).name for v in st.versions)
            for st in sorted(stories, key=lambda st: st.id)]


def _count(sessions: sessionmaker[Session], model: type[Article] | type[Story]) -> int:
    with sessions() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_versions_join_and_bad_files_fail_alone(sessions: sessionmaker[Session],
                                                tmp_path: Path) -> None:
    files = [_write(tmp_path, "a_flood.txt", "Floods in Semarang\n\n" + FLOOD_ORIGINAL),
             _write(tmp_path, "b_broken.txt", ""),
             _write(tmp_path, "c_concert.txt", "Philharmonic summer\n\n" + ORCHESTRA),
             _write(tmp_path, "d_rewrite.txt", FLOOD_REWRITE)]
    outcomes = import_paths(sessions, files)
    assert [o.status for o in outcomes] == ["imported", "failed", "imported", "imported"]
    assert outcomes[1].reason == "empty file"
    assert outcomes[3].story_id == outcomes[0].story_id != outcomes[2].story_id
    assert _stories(sessions) == [["a_flood.txt", "d_rewrite.txt"], ["c_concert.txt"]]
    again = import_paths(sessions, [tmp_path])  # a folder: its supported files, sorted
    assert [o.status for o in again] == ["duplicate", "failed", "duplicate", "duplicate"]
    assert _count(sessions, Article) == 3


def test_records_of_one_json_file_group_with_each_other(sessions: sessionmaker[Session],
                                                        tmp_path: Path) -> None:
    records = [{"title": "Floods", "text": FLOOD_ORIGINAL},
               {"title": "Concert", "text": ORCHESTRA},
               {"title": "Swamped", "text": FLOOD_REWRITE}]
    path = _write(tmp_path, "batch.json", json.dumps(records))
    outcomes = import_paths(sessions, [path])
    assert [o.source.rsplit("/", 1)[-1] for o in outcomes] == [
        "batch.json#1", "batch.json#2", "batch.json#3"]
    assert [o.status for o in outcomes] == ["imported"] * 3
    assert outcomes[0].story_id == outcomes[2].story_id != outcomes[1].story_id


def test_a_failure_inside_a_file_leaves_nothing_of_it(
        sessions: sessionmaker[Session], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = _write(tmp_path, "a_first.txt", "Floods in Semarang\n\n" + FLOOD_ORIGINAL)
    batch = _write(tmp_path, "b_batch.json", json.dumps([
        {"title": "Concert", "text": ORCHESTRA},
        {"title": "Swamped", "text": FLOOD_REWRITE},
        {"title": "Zebra", "text": "Zebra crossings repainted along Jalan Veteran."}]))
    last = _write(tmp_path, "c_last.txt", "Zebra crossings\n\nZebra crossings repainted "
                                          "along Jalan Veteran on Tuesday night.")
    def failing_add(session: Session, prepared: PreparedArticle,
                    **kw: object) -> ImportOutcome:
        if prepared.parsed.source_name.endswith("#2"):
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return store_article(session, prepared, **kw)  # type: ignore[arg-type]

    def failing_batch(session: Session, records: list[PreparedArticle],
                      **kw: object) -> list[ImportOutcome] | None:
        for record in records:  # the database refuses the batch that holds record #2
            if record.parsed.source_name.endswith("#2"):
                raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return store_batch(session, records, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(importing_module, "store_article", failing_add)
    monkeypatch.setattr(importing_module, "store_batch", failing_batch)
    outcomes = import_paths(sessions, [first, batch, last])
    assert [o.status for o in outcomes] == ["imported", "failed", "failed", "failed", "imported"]
    assert "input/output error" in outcomes[2].reason
    assert outcomes[2].source.endswith("b_batch.json#2")  # named once, by the outcome
    assert "failed in the same file" in outcomes[1].reason
    # Record #1 of the batch was added before #2 failed: rolled back with it.
    assert _stories(sessions) == [["a_first.txt"], ["c_last.txt"]]
    assert _count(sessions, Article) == 2


def test_new_story_gathers_the_whole_import(sessions: sessionmaker[Session],
                                            tmp_path: Path) -> None:
    files = [_write(tmp_path, "a.txt", "Floods\n\n" + FLOOD_ORIGINAL),
             _write(tmp_path, "b.txt", "Concert\n\n" + ORCHESTRA)]
    outcomes = import_paths(sessions, files, new_story=True)
    assert outcomes[0].story_id == outcomes[1].story_id
    more = import_paths(sessions, [_write(tmp_path, "c.txt", FLOOD_REWRITE)], new_story=True)
    assert more[0].story_id != outcomes[0].story_id
    assert _count(sessions, Story) == 2


def test_story_id_joins_and_must_exist(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    [flood] = import_paths(sessions, [_write(tmp_path, "a.txt", "Floods\n\n" + FLOOD_ORIGINAL)])
    [concert] = import_paths(sessions, [_write(tmp_path, "b.txt", "Concert\n\n" + ORCHESTRA)],
                             story_id=flood.story_id)
    assert concert.story_id == flood.story_id
    with pytest.raises(NotFound, match="no story with id 99"):
        import_paths(sessions, [_write(tmp_path, "c.txt", FLOOD_REWRITE)], story_id=99)
    assert _count(sessions, Article) == 2


def test_progress_and_cancel(sessions: sessionmaker[Session], tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    files = [_write(tmp_path, "a.txt", "Floods\n\n" + FLOOD_ORIGINAL),
             _write(tmp_path, "b.txt", "Concert\n\n" + ORCHESTRA),
             _write(tmp_path, "c.txt", FLOOD_REWRITE)]
    seen: list[tuple[int, int, int, str]] = []

    def progress(done: ImportProgress, outcome: ImportOutcome) -> None:
        seen.append((done.files_done, done.files_total, done.articles_done, outcome.status))
        assert done.bytes_done <= done.bytes_total and done.elapsed >= 0

    monkeypatch.setattr(importing_module, "FIRST_BATCH_ARTICLES", 1)  # a batch per file
    monkeypatch.setattr(importing_module, "MAX_BATCH_ARTICLES", 1)
    outcomes = import_paths(sessions, files, on_progress=progress,
                            should_cancel=lambda: len(seen) >= 2)
    assert seen == [(1, 3, 1, "imported"), (2, 3, 2, "imported")]
    assert len(outcomes) == 2
    assert _count(sessions, Article) == 2


def test_what_has_been_read_is_written_while_the_reading_process_is_busy(
        sessions: sessionmaker[Session], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading in a second process, the writer stores what it holds when nothing further is
    ready rather than wait for a full batch: another window sees it already."""
    files = [_write(tmp_path, "a.txt", "Floods\n\n" + FLOOD_ORIGINAL),
             _write(tmp_path, "b.txt", "Concert\n\n" + ORCHESTRA)]
    seen_before_the_second: list[int] = []

    def slow_reading(paths: list[Path]) -> Iterator[import_units.Unit]:
        for unit in import_units.units(paths):
            if unit.path.name == "b.txt":
                seen_before_the_second.append(_count(sessions, Article))
            unit.more_ready = False  # as the worker says when its queue is empty
            yield unit

    monkeypatch.setattr(importing_module, "prepared_units", slow_reading)
    outcomes = import_paths(sessions, files)
    assert [o.status for o in outcomes] == ["imported", "imported"]
    assert seen_before_the_second == [1]
    assert _count(sessions, Article) == 2


def test_import_samples_makes_one_story_per_folder(
        sessions: sessionmaker[Session], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "samples"
    _write(root / "floods", "1.txt", "Floods\n\n" + FLOOD_ORIGINAL)
    _write(root / "floods", "2.txt", "Concert, filed under floods by hand\n\n" + ORCHESTRA)
    _write(root / "concert", "1.txt", "Zebra crossings\n\nZebra crossings repainted along "
                                       "Jalan Veteran on Tuesday night.")
    _write(root, "README.md", "# What each sample shows\n")
    monkeypatch.setattr(importing_module, "samples_dir", lambda: root)
    outcomes = import_samples(sessions)
    assert [o.status for o in outcomes] == ["imported"] * 3
    assert _stories(sessions) == [["1.txt"], ["1.txt", "2.txt"]]  # concert/ sorts first
    assert [o.status for o in import_samples(sessions)] == ["duplicate"] * 3
    monkeypatch.setattr(importing_module, "samples_dir", lambda: tmp_path / "absent")
    [missing] = import_samples(sessions)
    assert missing.status == "failed" and "missing" in missing.reason


@pytest.mark.parametrize("limit", [MAX_FILE_BYTES, 100], ids=["whole", "from-disk"])
def test_a_jsonl_file_is_read_line_by_line_whatever_its_size(
        sessions: sessionmaker[Session], tmp_path: Path, limit: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"title": "Floods", "text": FLOOD_ORIGINAL}),
             "{not json",
             "",
             json.dumps({"title": "Concert", "text": ORCHESTRA}),
             json.dumps({"title": "Swamped", "text": FLOOD_REWRITE})]
    path = _write(tmp_path, "dump.jsonl", "\n".join(lines) + "\n")
    # At 100 bytes the file is "too large" to read whole: it is read from disk line by line.
    monkeypatch.setattr(jsonl_stream, "MAX_FILE_BYTES", limit)
    monkeypatch.setattr(import_units, "CHUNK_RECORDS", 2)  # and spans several chunks
    progress: list[tuple[int, int]] = []
    outcomes = import_paths(sessions, [path], on_progress=lambda done, _outcome: progress.append(
        (done.files_done, done.bytes_done)))
    assert [(o.source.rsplit("#", 1)[-1], o.status) for o in outcomes] == [
        ("1", "imported"), ("2", "failed"), ("4", "imported"), ("5", "imported")]
    assert outcomes[1].reason == "JSON line 2 is not valid JSON (Expecting property name " \
                                 "enclosed in double quotes)"
    assert outcomes[3].story_id == outcomes[0].story_id != outcomes[2].story_id
    with sessions() as s:
        raws = [get_article(s, o.article_id or 0).raw for o in outcomes if o.article_id]
    assert raws == [lines[0].encode(), lines[3].encode(), lines[4].encode()]
    # The file counts as done with its last chunk, and the bytes done never go back.
    size = path.stat().st_size
    assert progress == [(0, len(lines[0]) + len(lines[1]) + 2)] * 2 + [(1, size)] * 2


def test_a_jsonl_file_in_another_encoding_is_read_line_by_line(
        sessions: sessionmaker[Session], tmp_path: Path) -> None:
    lines = [json.dumps({"title": "Café", "text": FLOOD_ORIGINAL}, ensure_ascii=False),
             '{"text": 5}']
    path = tmp_path / "legacy.jsonl"
    path.write_bytes("\r\n".join(lines).encode("utf-16"))
    stored, failed = import_paths(sessions, [path])
    assert (stored.status, stored.source) == ("imported", f"{path}#1")
    assert (failed.status, failed.source) == ("failed", f"{path}#2")
    assert failed.reason == "JSON record 2 field 'text' must be a string, not int"
    with sessions() as s:
        article = get_article(s, stored.article_id or 0)
    assert (article.title, article.raw) == ("Café", lines[0].encode("utf-8"))


@pytest.mark.parametrize("limit", [MAX_FILE_BYTES, 2], ids=["whole", "from-disk"])
def test_a_jsonl_file_of_blank_lines_fails_with_the_reason(
        sessions: sessionmaker[Session], tmp_path: Path, limit: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl_stream, "MAX_FILE_BYTES", limit)
    [outcome] = import_paths(sessions, [_write(tmp_path, "blank.jsonl", "\n  \n\n")])
    assert (outcome.status, outcome.source) == ("failed", str(tmp_path / "blank.jsonl"))
    assert outcome.reason == ("empty file" if limit == MAX_FILE_BYTES
                              else "JSON Lines file holds no articles")


@pytest.mark.sqlite_only
def test_the_page_cache_and_the_log_are_large_only_while_an_import_writes(
        sessions: sessionmaker[Session], library_url: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    settings: list[tuple[int, int]] = []
    real = importing_module.store_batch

    def pragmas(session: Session) -> tuple[int, int]:
        conn = session.connection()
        return (conn.exec_driver_sql("PRAGMA cache_size").scalar_one(),
                conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one())

    def watching(session: Session, *args: object, **kw: object) -> object:
        settings.append(pragmas(session))
        return real(session, *args, **kw)  # type: ignore[arg-type]
    monkeypatch.setattr(importing_module, "store_batch", watching)
    with sessions() as s:
        before = pragmas(s)
    import_paths(sessions, [_write(tmp_path, "a.txt", FLOOD_ORIGINAL)])
    assert settings == [(-importing_module.IMPORT_CACHE_KIB,
                         importing_module.IMPORT_CHECKPOINT_PAGES)]
    with sessions() as s:
        assert pragmas(s) == before
    # The import's log was copied into the library file: the file alone holds the article.
    file_alone = tmp_path / "file-alone.sqlite3"
    shutil.copyfile(str(make_url(library_url).database), file_alone)
    with closing(sqlite3.connect(file_alone)) as copy:
        assert copy.execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_collections_leave_what_the_process_held_before_alone_while_importing(
        sessions: sessionmaker[Session], tmp_path: Path) -> None:
    frozen_while: list[int] = []
    files = [_write(tmp_path, "a.txt", FLOOD_ORIGINAL), _write(tmp_path, "b.txt", ORCHESTRA)]
    assert gc.get_freeze_count() == 0
    import_paths(sessions, files,
                 on_progress=lambda _p, _o: frozen_while.append(gc.get_freeze_count()))
    assert len(frozen_while) == 2 and all(count > 1000 for count in frozen_while)
    assert gc.get_freeze_count() == 0  # the process is left as it was

    # A caller that set objects aside itself (the app, once its window shows) keeps them so.
    gc.freeze()
    try:
        held = gc.get_freeze_count()
        import_paths(sessions, [_write(tmp_path, "c.txt", FLOOD_REWRITE)],
                     on_progress=lambda _p, _o: frozen_while.append(gc.get_freeze_count()))
        # Not frozen again nor unfrozen (a frozen object that dies still leaves the count).
        assert held - 100 < frozen_while[-1] <= held
        assert held - 100 < gc.get_freeze_count() <= held
    finally:
        gc.unfreeze()

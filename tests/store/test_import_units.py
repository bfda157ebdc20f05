"""Reading an import's files in a worker process gives exactly what reading them here gives."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import IO

import pytest

from reader.ingest.model import ParsedArticle
from reader.store import import_units
from reader.store.import_units import ReadingFailed, Unit, prepared_units, units
from reader.store.library import PreparedArticle
from tests.store.conftest import FLOOD_ORIGINAL, FLOOD_REWRITE, ORCHESTRA
from tests.store.corpus import CorpusGenerator


def _files(folder: Path) -> list[Path]:
    folder.mkdir()
    (folder / "a.txt").write_text("Floods in Semarang\n\n" + FLOOD_ORIGINAL, encoding="utf-8")
    (folder / "b.txt").write_text("", encoding="utf-8")  # fails: empty
    lines = [json.dumps({"title": f"Concert {n}", "text": f"{ORCHESTRA} Encore {n}."})
             for n in range(7)] + [json.dumps({"text": FLOOD_REWRITE})]
    (folder / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sorted(folder.iterdir())


@pytest.fixture(params=["fork", "interpreter"])
def worker(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Read in a worker whatever the size; forked, or a new interpreter as beside threads."""
    monkeypatch.setattr(import_units, "WORKER_MIN_BYTES", 0)
    monkeypatch.setattr(import_units, "_busy_cores", lambda: 0.0)  # the test box may be busy
    if request.param == "fork":  # a fork has this patch too; a new interpreter reads 50
        monkeypatch.setattr(import_units, "CHUNK_RECORDS", 3)  # several units per file
    threads = 1 if request.param == "fork" else 2
    monkeypatch.setattr(threading, "active_count", lambda: threads)
    return str(request.param)


def test_a_worker_reads_what_this_process_reads(worker: str, tmp_path: Path) -> None:
    files = _files(tmp_path / "in")
    here: list[Unit] = list(units(files))
    there = list(prepared_units(files))
    assert there == here
    assert [len(unit.records) for unit in here] == (
        [1, 1, 8] if worker == "interpreter" else [1, 1, 3, 3, 2])
    assert isinstance(here[0].records[0], PreparedArticle)
    assert isinstance(here[0].records[0].parsed, ParsedArticle)
    assert all(unit.more_ready for unit in here)  # read here, the next is always at hand


@pytest.mark.skipif(sys.platform != "linux", reason="a pipe's size is set on Linux only")
def test_the_pipe_from_the_worker_holds_a_whole_unit(worker: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl

    sizes = []
    start = import_units._start_worker

    def watched(files: list[Path]) -> tuple[IO[bytes], Callable[[bool], int | None]]:
        stream, stop = start(files)
        sizes.append(fcntl.fcntl(stream.fileno(), fcntl.F_GETPIPE_SZ))
        return stream, stop

    monkeypatch.setattr(import_units, "_start_worker", watched)
    assert list(prepared_units(_files(tmp_path / "in")))
    assert sizes == [import_units.PIPE_BYTES]


def test_a_unit_of_news_articles_fits_in_the_pipe(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(article.json_line() + "\n" for article in  # 400-800 words
                              CorpusGenerator().articles(import_units.CHUNK_RECORDS)))
    [unit] = units([corpus])
    assert len(unit.records) == import_units.CHUNK_RECORDS
    assert len(pickle.dumps(unit, protocol=pickle.HIGHEST_PROTOCOL)) < import_units.PIPE_BYTES


def test_a_unit_says_when_the_worker_has_nothing_further_ready(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files(tmp_path / "in")
    monkeypatch.setattr(import_units, "WORKER_MIN_BYTES", 0)
    monkeypatch.setattr(import_units, "_busy_cores", lambda: 0.0)
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # forked: it has these patches
    monkeypatch.setattr(import_units, "CHUNK_RECORDS", 3)
    prepare = import_units.prepare_article

    # The chunk after the third unit takes a second to prepare. (Slowing a later chunk left
    # a race: the next one could arrive before the third unit was handed on.)
    def slow_on_the_fourth_unit(record: ParsedArticle, known: dict[str, int]) -> PreparedArticle:
        if record.title == "Concert 3":
            time.sleep(1.0)
        return prepare(record, known)

    monkeypatch.setattr(import_units, "prepare_article", slow_on_the_fourth_unit)
    read = list(prepared_units(files))
    assert [len(unit.records) for unit in read] == [1, 1, 3, 3, 2]
    fourth = read[3].records[0]
    assert isinstance(fourth, PreparedArticle) and fourth.parsed.title == "Concert 3"
    assert not read[2].more_ready  # the worker was still preparing the unit after it


def test_closing_early_stops_the_worker(worker: str, tmp_path: Path) -> None:
    files = _files(tmp_path / "in")
    with closing(prepared_units(files)) as reading:
        first = next(reading)
    assert first.path.name == "a.txt"
    assert multiprocessing.active_children() == []


def test_a_failure_in_the_worker_is_raised_here(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files(tmp_path / "in")
    monkeypatch.setattr(import_units, "WORKER_MIN_BYTES", 0)
    monkeypatch.setattr(import_units, "_busy_cores", lambda: 0.0)
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # forked: it has this patch too

    def broken(*_args: object) -> PreparedArticle:
        raise RuntimeError("fingerprinting broke")

    monkeypatch.setattr(import_units, "prepare_article", broken)
    with pytest.raises(ReadingFailed, match="fingerprinting broke"):
        list(prepared_units(files))


def test_a_busy_machine_reads_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _files(tmp_path / "in")
    monkeypatch.setattr(import_units, "WORKER_MIN_BYTES", 0)
    monkeypatch.setattr(import_units, "_busy_cores", lambda: float(os.cpu_count() or 1))
    monkeypatch.setattr(threading, "active_count", lambda: 1)

    def no_worker(_files: list[Path]) -> None:
        raise AssertionError("a worker was started on a busy machine")

    monkeypatch.setattr(import_units, "_start_worker", no_worker)
    assert list(prepared_units(files)) == list(units(files))


def test_busy_cores_are_the_programs_running_now_not_the_last_minutes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Right after an import the one-minute load average is still high with nothing running:
    the next import of a script importing file after file reads in a worker all the same."""
    files = _files(tmp_path / "in")
    loadavg = tmp_path / "loadavg"
    monkeypatch.setattr(import_units, "_LOADAVG", loadavg)
    monkeypatch.setattr(import_units, "WORKER_MIN_BYTES", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.8, 1.5, 1.2))
    loadavg.write_text("1.80 1.50 1.20 1/300 4242\n", encoding="ascii")  # only this one runs
    assert import_units._busy_cores() == 0.0
    assert import_units._worth_a_worker(files)
    loadavg.write_text("1.80 1.50 1.20 3/300 4242\n", encoding="ascii")  # two others run
    assert import_units._busy_cores() == 2.0
    assert not import_units._worth_a_worker(files)
    loadavg.unlink()  # no /proc: the load average is all there is
    assert import_units._busy_cores() == 1.8
    assert not import_units._worth_a_worker(files)

"""Reading an import's files into units of prepared records, here or in a second process.

Reading, cleaning and fingerprinting an article costs about as much CPU as storing it. On a
machine with a core to spare (two or more cores, a load average below their number less
one), an import of more than WORKER_MIN_BYTES reads in a worker process while this one
writes (measured in bench/README.md, library_bench). The worker is a fork of this process
when no other thread runs (it only reads files and writes to a pipe, never touching the
database connections it inherits), else a new interpreter (`python -m
reader.store.import_worker`; not multiprocessing's spawn, which runs the caller's main
script again). It runs the same `units` generator and pickles each unit to the pipe; a
thread here takes them off as they come, at most QUEUE_UNITS ahead of the writing, and
closing the generator (a cancelled import) ends the worker. Anything unexpected in the
worker is raised here, as it would have been had this process read.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from reader.ingest import read_articles
from reader.ingest.errors import IngestError
from reader.ingest.jsonl_stream import stream_jsonl
from reader.store.library import PreparedArticle, prepare_article
from reader.store.records import ImportOutcome

# Records of one file prepared at a time (a batch may hold several such chunks).
CHUNK_RECORDS = 50
# Below this many bytes of files, starting a process (~0.2 s) costs more than it saves.
WORKER_MIN_BYTES = 2 * 1024 * 1024
_WORKER = "reader.store.import_worker"
# Units read ahead of the writing at most (50 articles each: ~1 MB).
QUEUE_UNITS = 16
# What the pipe from the worker may hold: about one unit (1 MiB, the most Linux lets a user
# ask for by default).
PIPE_BYTES = 1024 * 1024


@dataclass
class Unit:
    """Records read from one file (all of it, or a stretch of a streamed JSONL file)."""

    path: Path
    records: list[PreparedArticle | ImportOutcome]  # an outcome: a record that failed to read
    bytes_read: int  # of all files, once this unit is stored
    finishes_file: int = 0  # the number (from 1) of the file this unit ends, else 0
    # False when read in a second process that has nothing further ready yet: waiting for
    # more would leave the writing idle (importing writes what it holds instead).
    more_ready: bool = field(default=True, compare=False)


@dataclass(frozen=True)
class _Failed:
    """What went wrong in the worker, as text (the exception itself may not pickle)."""

    trace: str


class ReadingFailed(RuntimeError):
    """The worker process failed for a reason no record explains (a bug, or it was killed)."""


def prepared_units(files: list[Path]) -> Generator[Unit, None, None]:
    """`units(files)`, read in a worker process when that pays."""
    if not _worth_a_worker(files):
        yield from units(files)
        return
    stream, stop = _start_worker(files)
    # A thread takes units off the pipe as they come: the pipe holds less than one unit, and
    # the worker would otherwise wait whenever this process is busy writing.
    arrived: queue.Queue[Unit | _Failed | str | None] = queue.Queue(maxsize=QUEUE_UNITS)
    taker = threading.Thread(target=_take, args=(stream, arrived), daemon=True,
                             name="reader-import-units")
    taker.start()
    finished = False
    try:
        while True:
            item = arrived.get()
            if isinstance(item, str):
                raise ReadingFailed(f"the reading process stopped ({item}; exit code "
                                    f"{stop(False)})")
            if isinstance(item, _Failed):
                raise ReadingFailed(f"reading the files failed:\n{item.trace}")
            if item is None:
                finished = True
                return
            item.more_ready = not arrived.empty()
            yield item
    finally:
        stop(not finished)  # not finished: the import was cancelled, or failed writing
        while taker.is_alive():  # let it see the end of the pipe
            with contextlib.suppress(queue.Empty):
                arrived.get(timeout=0.05)
        stream.close()


def _take(stream: IO[bytes], arrived: queue.Queue[Unit | _Failed | str | None]) -> None:
    """Unpickle what the worker sends until its last item; a text says why it stopped."""
    while True:
        try:
            item = pickle.load(stream)
        except Exception as exc:  # EOF, or a unit cut short by a kill
            arrived.put(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
            return
        arrived.put(item)
        if item is None or isinstance(item, _Failed):
            return


_Stop = Callable[[bool], "int | None"]  # stop(kill) waits for the worker: its exit code


def _start_worker(files: list[Path]) -> tuple[IO[bytes], _Stop]:
    """The worker's output and how to stop it. A fork starts in milliseconds where a new
    interpreter takes ~0.7 s to import the store, but is only safe with no other thread."""
    if threading.active_count() == 1:
        read_fd, write_fd = os.pipe()
        _widen(write_fd)
        process = multiprocessing.get_context("fork").Process(
            target=_read_into, args=(files, read_fd, write_fd), daemon=True)
        process.start()
        os.close(write_fd)

        def stop_fork(kill: bool) -> int | None:
            if kill and process.is_alive():
                process.kill()
            process.join()
            return process.exitcode
        return os.fdopen(read_fd, "rb"), stop_fork
    # The interpreter imports what this process imports, from where it does.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)}
    worker = subprocess.Popen([sys.executable, "-m", _WORKER], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, env=env)
    assert worker.stdin is not None and worker.stdout is not None
    _widen(worker.stdout.fileno())
    pickle.dump(files, worker.stdin)
    worker.stdin.close()

    def stop_interpreter(kill: bool) -> int | None:
        if kill and worker.poll() is None:
            worker.kill()
        return worker.wait()
    return worker.stdout, stop_interpreter


def _widen(pipe_fd: int) -> None:
    """Let the pipe hold a whole unit (Linux; elsewhere it stays as it is).

    With the usual 64 KiB the worker waited on every write until the thread here took the
    data, and that thread first waits for the writing thread to let go of the interpreter
    (up to its 5 ms switch interval): at 10k articles the worker spent a tenth of its time
    blocked so (bench/README.md).
    """
    if sys.platform != "linux":
        return
    import fcntl  # not on Windows

    with contextlib.suppress(OSError):  # over the limit the system sets for the user
        fcntl.fcntl(pipe_fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _read_into(files: list[Path], read_fd: int, write_fd: int) -> None:
    """The forked worker: the parent's end of the pipe is not its own."""
    os.close(read_fd)
    with os.fdopen(write_fd, "wb") as out:
        read_to(files, out)


def _worth_a_worker(files: list[Path]) -> bool:
    """Whether a second process would read while a core is free to run it.

    With every core busy the two processes only take turns, and the handing over costs ~10%
    more CPU (measured: bench/README.md). A frozen app would start itself again rather than a
    Python interpreter.
    """
    cores = os.cpu_count() or 1
    # Cheapest first: looking at what runs takes ~6 ms, which a small import need not pay.
    return (cores >= 2 and not getattr(sys, "frozen", False)
            and sum(size(path) for path in files) >= WORKER_MIN_BYTES
            and _busy_cores() <= cores - 1)


def _busy_cores() -> float:
    """How many cores other programs keep busy now.

    On Linux, the processes running at this moment (/proc/loadavg's fourth field, less this
    one), the least of _LOOKS looks _LOOK_SECONDS apart so that a passing process does not
    count (the import waits for them: five looks 5 ms apart were 2.5% of a 1k import). The
    one-minute load average is a poor guide right after heavy work: an import's own processes
    kept it above 1 for a minute after they ended, so the next import of a script importing
    file after file read alone, twice as slow (bench/README.md). Elsewhere that average is
    all there is (0 where the system does not tell).
    """
    running = []
    for look in range(_LOOKS):
        try:
            running.append(int(_LOADAVG.read_text().split()[3].split("/")[0]) - 1)
        except (OSError, IndexError, ValueError):
            break
        if look < _LOOKS - 1:
            time.sleep(_LOOK_SECONDS)
    if running:
        return float(max(0, min(running)))
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows has none
        return 0.0


_LOADAVG = Path("/proc/loadavg")
_LOOKS = 4
_LOOK_SECONDS = 0.002


def read_to(files: list[Path], out: IO[bytes]) -> None:
    """The worker: each unit, then None; or what went wrong.

    Ctrl+C reaches the whole terminal's process group: the importing process stops the
    worker itself, so the worker ignores it (and the import's SIGTERM handler it may have
    forked with) rather than print a traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        for unit in units(files):
            pickle.dump(unit, out, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(None, out)
    except BrokenPipeError:  # the importing process stopped reading
        return
    except BaseException:  # everything else: the importing process must not wait forever
        pickle.dump(_Failed(traceback.format_exc()), out)
    out.flush()


def units(files: list[Path]) -> Iterator[Unit]:
    """Each file's records, read and prepared for storing outside any transaction, in
    chunks: a file of thousands of records is written over several batches."""
    known_keys: dict[str, int] = {}  # word keys remembered across the import (grouping_keys)
    done_bytes = 0
    for number, path in enumerate(files, start=1):
        file_size = size(path)
        for unit, last in _file_units(path, done_bytes, file_size, known_keys):
            if last:
                unit.finishes_file = number
            yield unit
        done_bytes += file_size


def _file_units(path: Path, done_bytes: int, file_size: int, known_keys: dict[str, int]
                ) -> Iterator[tuple[Unit, bool]]:
    """The file's units, each with whether it is the file's last."""
    if path.suffix.lower() == ".jsonl":  # line by line: each line stands alone
        try:
            for streamed in stream_jsonl(path, chunk=CHUNK_RECORDS):
                yield Unit(path, [ImportOutcome(r.source, "failed", r.reason)
                                  if isinstance(r, IngestError) else prepare_article(r, known_keys)
                                  for r in streamed.records],
                           done_bytes + streamed.bytes_read), streamed.last
        except IngestError as exc:  # the file cannot be read (on), and is done with
            yield Unit(path, [ImportOutcome(exc.source, "failed", exc.reason)],
                       done_bytes + file_size), True
        return
    try:
        records = read_articles(path)
    except IngestError as exc:
        yield Unit(path, [ImportOutcome(exc.source, "failed", exc.reason)],
                   done_bytes + file_size), True
        return
    for first in range(0, len(records), CHUNK_RECORDS):
        chunk = records[first:first + CHUNK_RECORDS]
        share = file_size * (first + len(chunk)) // len(records)
        yield (Unit(path, [prepare_article(r, known_keys) for r in chunk], done_bytes + share),
               first + CHUNK_RECORDS >= len(records))


def size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0

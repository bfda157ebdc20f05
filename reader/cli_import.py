"""`reader import`: files, folders, URLs and archive histories, one line per file as it is
done, a progress bar on a terminal, and a summary.

Kept beside cli.py (which wires the parser) so each command family reads on its own.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
from collections.abc import Iterator

from reader import cli_web
from reader.cli import PROG, CliError, _open
from reader.store.records import ImportOutcome, ImportProgress


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """SIGTERM stops an import as Ctrl+C does: the batch being written is rolled back."""
    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt
    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (tests calling main() from a worker)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def cmd_import(args: argparse.Namespace) -> int:
    from reader.cli_progress import ImportProgressBar
    from reader.ingest.files import printable_name
    from reader.store import NotFound, import_paths, import_samples

    args.paths, urls = cli_web.split_targets(args.paths)
    if not args.paths and not urls and not args.samples:
        raise CliError("import: name files, folders or URLs to import, or use --samples")
    sessions = _open(args)
    outcomes = cli_web.import_from_web(args, sessions, urls)  # printed as they come
    if args.samples:
        for outcome in import_samples(sessions):
            cli_web.print_outcome(outcome)
            outcomes.append(outcome)
    if args.paths:
        missing = [p for p in args.paths if not p.exists()]
        for path in missing:
            print(f"failed     {printable_name(path)}: no such file or folder", file=sys.stderr,
                  flush=True)
        bar = ImportProgressBar(sys.stderr)

        def progress(done: ImportProgress, outcome: ImportOutcome) -> None:
            bar.close()  # the line goes where the bar was; the bar comes back below it
            cli_web.print_outcome(outcome)  # at once: a killed import shows how far it got
            bar(done, outcome)

        try:
            with _stop_on_sigterm():
                outcomes += import_paths(sessions, [p for p in args.paths if p.exists()],
                                         story_id=args.story, new_story=args.new_story,
                                         on_progress=progress)
        except NotFound as exc:
            raise CliError(f"story {args.story}: {exc}") from exc
        except KeyboardInterrupt:
            bar.close()
            counts = bar.counts
            print(f"{PROG}: import stopped; {counts['imported']} imported, "
                  f"{counts['duplicate']} duplicate, {counts['failed']} failed before the stop "
                  "are kept (import again to add the rest)", file=sys.stderr)
            return 130
        bar.close()
    else:
        missing = []
    failed = len(missing) + sum(o.status == "failed" for o in outcomes)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("imported", "duplicate")}
    print(f"{counts['imported']} imported, {counts['duplicate']} duplicate, {failed} failed")
    return 1 if failed else 0

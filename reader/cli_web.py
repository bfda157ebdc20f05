"""The command line's web side: `reader import URL...`, `reader import --history URL`, and
`reader watch add|list|remove|check`. cli.py wires these in; nothing is fetched unless one
of these commands asks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from reader.store.records import ImportOutcome
    from reader.web import WebClient

BAR_WIDTH = 30


class TerminalProgress:
    """`[#####-----] 3/12 captures` on standard error, redrawn in place; only on a terminal."""

    def __init__(self, unit: str, stream: TextIO | None = None) -> None:
        self.unit = unit
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._shown = False

    def update(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        filled = BAR_WIDTH * done // total
        self.stream.write(f"\r[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] "
                          f"{done}/{total} {self.unit}")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._shown = False


def add_import_options(p: argparse.ArgumentParser) -> None:
    """The web options of `reader import` (its PATH arguments may also be URLs)."""
    web = p.add_argument_group("web pages",
                               "PATH may be an http:// or https:// address: the page is fetched "
                               "and imported like an HTML file.")
    web.add_argument("--history", action="store_true",
                     help="import each URL's archived versions from a web archive "
                          "(one story per URL, one version per distinct text)")
    web.add_argument("--from", dest="since", metavar="DATE",
                     help="with --history: captures from this date (YYYY[-MM[-DD]])")
    web.add_argument("--to", dest="until", metavar="DATE",
                     help="with --history: captures up to this date")
    web.add_argument("--limit", type=int, metavar="N",
                     help="with --history: at most N captures, oldest first")
    web.add_argument("--archive", metavar="BASE",
                     help="with --history: the archive's address (default: "
                          "$READER_ARCHIVE_URL, else https://web.archive.org)")
    add_interval_option(web)


def add_interval_option(p: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    p.add_argument("--interval", type=float, default=1.0, metavar="SECONDS",
                   help="least time between two requests to one site (default: 1)")


def add_watch_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                     common: argparse.ArgumentParser) -> None:
    watch = sub.add_parser("watch", help="watch pages for new versions",
                           description="A watch list of pages. `check` fetches each again "
                                       "(a conditional request) and stores a new version when "
                                       "its text changed.")
    actions = watch.add_subparsers(title="watch commands", metavar="ACTION", required=True)
    p = actions.add_parser("add", parents=[common], help="watch pages")
    p.add_argument("urls", nargs="+", metavar="URL")
    p.set_defaults(handler=cmd_watch_add)
    p = actions.add_parser("list", parents=[common], help="the watched pages and their last check")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=cmd_watch_list)
    p = actions.add_parser("remove", parents=[common], help="stop watching pages")
    p.add_argument("urls", nargs="+", metavar="URL")
    p.set_defaults(handler=cmd_watch_remove)
    p = actions.add_parser("check", parents=[common],
                           help="fetch every watched page; store the ones whose text changed")
    add_interval_option(p)
    p.set_defaults(handler=cmd_watch_check)


def split_targets(targets: Sequence[str]) -> tuple[list[Path], list[str]]:
    """`reader import` arguments: (files and folders, web addresses)."""
    from reader.cli import CliError
    from reader.web.urls import is_web_url, looks_like_url

    paths: list[Path] = []
    urls: list[str] = []
    for target in targets:
        if is_web_url(target):
            urls.append(target.strip())
        elif looks_like_url(target) and not Path(target).exists():
            raise CliError(f"{target}: not a web address (only http:// and https:// are "
                           "fetched)")
        else:
            paths.append(Path(target))
    return paths, urls


def import_from_web(args: argparse.Namespace, sessions: sessionmaker[Session],
                    urls: Sequence[str]) -> list[ImportOutcome]:
    """Fetch and store; each outcome is printed as it comes (a long history shows its way)."""
    from reader.cli import CliError
    from reader.store import NotFound
    from reader.web import archive_base
    from reader.web.archive import cdx_timestamp
    from reader.webimport import import_history, import_urls

    history = bool(getattr(args, "history", False))
    if not history and (args.since or args.until or args.limit is not None or args.archive):
        raise CliError("import: --from, --to, --limit and --archive go with --history")
    if history and not urls:
        raise CliError("import: --history needs the URL of a page")
    if history:
        for value in (args.since, args.until):
            if value:
                try:
                    cdx_timestamp(value)
                except ValueError as exc:
                    raise CliError(f"import: {exc}") from exc
    if not urls:
        return []
    outcomes: list[ImportOutcome] = []
    progress = TerminalProgress("captures" if history else "pages")
    printed: set[int] = set()

    def report(done: int, total: int, outcome: ImportOutcome) -> None:
        progress.clear()
        print_outcome(outcome)
        printed.add(id(outcome))
        progress.update(done, total)

    with _client(args) as web:
        try:
            if history:
                base = archive_base(args.archive)
                for url in urls:
                    outcomes += import_history(
                        sessions, web, url, base=base, since=args.since, until=args.until,
                        limit=args.limit, story_id=args.story, on_progress=report)
            else:
                outcomes += import_urls(sessions, web, urls, story_id=args.story,
                                        new_story=args.new_story, on_progress=report)
        except NotFound as exc:
            raise CliError(f"story {args.story}: {exc}") from exc
        finally:
            progress.clear()
    for outcome in outcomes:  # a history that failed before its first capture (the index)
        if id(outcome) not in printed:
            print_outcome(outcome)
    return outcomes


def print_outcome(o: ImportOutcome) -> None:
    if o.status == "failed":
        print(f"failed     {o.source}: {o.reason}", file=sys.stderr)
    elif o.status == "duplicate":
        print(f"duplicate  {o.source}: {o.reason}")
    else:
        print(f"imported   {o.source} -> story {o.story_id}, article {o.article_id}")
    sys.stdout.flush()


def web_fields(sessions: sessionmaker[Session], article_id: int) -> list[tuple[str, str]]:
    """`reader show`'s lines about where a version was fetched (none for a file)."""
    from reader.store.web_sources import web_origin_of

    with sessions.begin() as s:
        origin = web_origin_of(s, article_id)
    if origin is None:
        return []
    fields = [("Final URL", origin.final_url),
              ("Captured", f"{origin.captured_at:%Y-%m-%d %H:%M:%S} UTC"
               if origin.captured_at else ""),
              ("Fetched", f"{origin.fetched_at:%Y-%m-%d %H:%M:%S} UTC"),
              ("ETag", origin.etag or ""), ("Modified", origin.last_modified or "")]
    return [(name, value) for name, value in fields if value]


# --- reader watch ---------------------------------------------------------------------------


def cmd_watch_add(args: argparse.Namespace) -> int:
    from reader.cli import CliError, _open
    from reader.store.watch import add_watch
    from reader.web import is_web_url

    bad = [url for url in args.urls if not is_web_url(url)]
    if bad:
        raise CliError(f"{bad[0]}: not a web address (only http:// and https:// are fetched)")
    sessions = _open(args)
    with sessions.begin() as s:
        for url in args.urls:
            _record, added = add_watch(s, url.strip())
            print(f"{'watching' if added else 'already watched'}  {url.strip()}")
    return 0


def cmd_watch_list(args: argparse.Namespace) -> int:
    from reader.cli import _open, _print_json
    from reader.store.watch import list_watches

    with _open(args).begin() as s:
        watches = list_watches(s)
    if args.format == "json":
        _print_json([{"url": w.url, "added": w.added_at.isoformat(), "story": w.story_id,
                      "checked": w.checked_at.isoformat() if w.checked_at else None,
                      "last_result": w.last_result or None} for w in watches])
        return 0
    if not watches:
        print("The watch list is empty. Add a page with: reader watch add URL")
    for w in watches:
        checked = f"checked {w.checked_at:%Y-%m-%d %H:%M} UTC: {w.last_result}" \
            if w.checked_at else "not checked yet"
        story = f"story {w.story_id}, " if w.story_id else ""
        print(f"{w.url}  ({story}{checked})")
    return 0


def cmd_watch_remove(args: argparse.Namespace) -> int:
    from reader.cli import _open
    from reader.store import NotFound
    from reader.store.watch import remove_watch

    sessions = _open(args)
    failed = 0
    for url in args.urls:
        try:
            with sessions.begin() as s:
                remove_watch(s, url.strip())
            print(f"removed  {url.strip()}")
        except NotFound as exc:
            print(f"reader: {exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def cmd_watch_check(args: argparse.Namespace) -> int:
    from reader.cli import _open
    from reader.webimport import WatchResult, check_watch_list

    sessions = _open(args)
    progress = TerminalProgress("pages")

    def report(done: int, total: int, result: WatchResult) -> None:
        progress.clear()
        if result.status == "failed":
            print(f"{result.url}: {result.line}", file=sys.stderr)
        else:
            print(f"{result.url}: {result.line}")
        sys.stdout.flush()
        progress.update(done, total)

    with _client(args) as web:
        try:
            results = check_watch_list(sessions, web, on_result=report)
        finally:
            progress.clear()
    if not results:
        print("The watch list is empty. Add a page with: reader watch add URL")
    return 1 if any(r.status == "failed" for r in results) else 0


def _client(args: argparse.Namespace) -> WebClient:
    from reader.cli import CliError
    from reader.web import FetchPolicy, WebClient

    interval = getattr(args, "interval", 1.0)
    if interval < 0:
        raise CliError("--interval cannot be negative")
    return WebClient(FetchPolicy(per_host_interval=interval))

"""The `reader` command: opens the window, or scripts the library (../shared/DESIGN.md).

Every subcommand is one user action: it opens the library, runs one library function per
transaction, prints the result, and returns an exit status (0 fine, 1 something failed,
2 bad usage). Errors are one line on standard error naming the file or id and the reason.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from reader import __version__, cli_web

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from reader.compare.model import CompareOptions
    from reader.store.records import ArticleDetail, NoteRecord

PROG = "reader"


class CliError(Exception):
    """A failure the user can act on: printed as one line, exit status 1."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_attach_free_text(sys.argv[1:] if argv is None else list(argv)))
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", run_window)
    try:
        return handler(args)
    except CliError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `reader list | head`: not an error worth a traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        failure = _library_failure(args, exc)
        if failure is None:
            raise
        print(f"{PROG}: {failure}", file=sys.stderr)
        return 1

    finally:
        _close(args)


def _library_failure(args: argparse.Namespace, exc: Exception) -> Exception | None:
    """Any database error (a lock held too long, a damaged page) as one line naming the library."""
    from reader.store import resolve_db_url
    from reader.store.engine import library_failure

    return library_failure(resolve_db_url(getattr(args, "db", None)), exc)


# Options whose value is free text: "--search -harbour" searches for "-harbour".
_FREE_TEXT_OPTIONS = frozenset({"--search", "--text", "--quote", "--label"})


def _attach_free_text(argv: list[str]) -> list[str]:
    """Join a free-text option to its value, so a value starting with "-" is not an option."""
    joined: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] == "--":
            return joined + argv[i:]
        if argv[i] in _FREE_TEXT_OPTIONS and i + 1 < len(argv):
            joined.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            joined.append(argv[i])
            i += 1
    return joined


# --- parser ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    from reader.cli_import import cmd_import
    from reader.cli_repair import cmd_repair

    db_help = ("library to use: a SQLAlchemy URL or a file path "
               "(default: $READER_DB, else the library in your user data folder)")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=db_help)

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Parallax Reader: compare versions of a news story. "
                    "With no command, opens the window.",
    )
    parser.add_argument("--db", metavar="URL", default=None, help=db_help)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("import", parents=[common], help="import files or folders into the library",
                       description="Import article files (.txt, .html, .htm, .json, .jsonl), "
                                   "folders of them, or web pages by URL. Versions of a story "
                                   "already in the library join it.")
    p.add_argument("paths", nargs="*", metavar="PATH")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--story", type=int, metavar="ID", help="add every file to this story")
    group.add_argument("--new-story", action="store_true",
                       help="put the files in one new story instead of grouping them")
    p.add_argument("--samples", action="store_true", help="import the bundled sample stories")
    cli_web.add_import_options(p)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("list", parents=[common], help="list stories and their versions")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--search", metavar="TEXT", default="",
                   help="only stories whose titles, text or notes match")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", parents=[common], help="print one version's text and metadata")
    p.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    p.add_argument("--raw", action="store_true", help="print the imported file byte for byte")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("compare", parents=[common], help="compare two files or stored versions",
                       description="LEFT and RIGHT are article files (read as an import would "
                                   "read them, not stored) or ids of stored versions.")
    p.add_argument("left", metavar="LEFT")
    p.add_argument("right", metavar="RIGHT")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour the text format (auto: when printing to a terminal)")
    _add_option_flags(p)
    p.set_defaults(handler=cmd_compare)

    notes = sub.add_parser("notes", help="add, list, delete or restore notes on a story")
    notes_sub = notes.add_subparsers(title="notes commands", metavar="ACTION", required=True)
    p = notes_sub.add_parser("add", parents=[common], help="add a note to a story")
    p.add_argument("story_id", type=int, metavar="STORY_ID")
    p.add_argument("--text", required=True, help="the note")
    p.add_argument("--article", type=int, metavar="ID", help="anchor the note in this version")
    p.add_argument("--quote", metavar="PASSAGE", help="the passage of that version it is about")
    p.add_argument("--label", default="", help="a short label, e.g. 'check'")
    p.add_argument("--author", help="who wrote it (default: $READER_AUTHOR, else your login)")
    p.set_defaults(handler=cmd_notes_add)
    p = notes_sub.add_parser("list", parents=[common], help="list a story's notes")
    p.add_argument("story_id", type=int, metavar="STORY_ID")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--in", dest="in_article", type=int, metavar="ARTICLE_ID",
                   help="show each note where it stands in this version, carried from the "
                        "version it was written on (status same, changed or gone)")
    _add_option_flags(p)
    p.set_defaults(handler=cmd_notes_list)

    from reader.cli_timeline import add_timeline_parser

    add_timeline_parser(sub, common, _add_option_flags)

    p = sub.add_parser("export", parents=[common], help="export an annotated comparison")
    p.add_argument("story_id", type=int, metavar="STORY_ID")
    p.add_argument("--format", required=True, choices=("html", "pdf", "md", "json"))
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="where to write (default: standard output; a PDF needs a file)")
    p.add_argument("--left", type=int, metavar="ID", help="left version (default: the oldest)")
    p.add_argument("--right", type=int, metavar="ID", help="right version (default: the newest)")
    p.add_argument("--all-versions", action="store_true",
                   help="one overview page of the whole story (HTML only): the timeline, each "
                        "quotation's history, and every version compared with the one before")
    _add_option_flags(p)
    p.set_defaults(handler=cmd_export)

    from reader.cli_manage import add_manage_commands

    add_manage_commands(sub, notes_sub, common, open_library=_open, error=CliError)
    cli_web.add_watch_parser(sub, common)

    p = sub.add_parser("repair", help="copy what can be read of a damaged library into a new one",
                       description="Copy every row that can still be read from a damaged library "
                                   "into a new library beside it, and say what was lost. The "
                                   "damaged file is only read, never changed.")
    p.add_argument("library", type=Path, metavar="LIBRARY", help="the damaged library file")
    p.set_defaults(handler=cmd_repair)
    return parser


def _add_option_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--match-case", action="store_true", help="treat case changes as changes")
    p.add_argument("--ignore-punctuation", action="store_true",
                   help="ignore punctuation changes when matching")
    p.add_argument("--match-quote-style", action="store_true",
                   help='treat "straight" vs “curly” quotes as changes')


def _options(args: argparse.Namespace) -> CompareOptions:
    from reader.compare.model import CompareOptions

    return CompareOptions(ignore_case=not args.match_case,
                          ignore_punctuation=args.ignore_punctuation,
                          ignore_quote_style=not args.match_quote_style)


# --- the library ----------------------------------------------------------------------------


def _open(args: argparse.Namespace) -> sessionmaker[Session]:
    from reader.store import LibraryError, open_library, resolve_db_url

    opened: sessionmaker[Session] | None = getattr(args, "opened_library", None)
    if opened is not None:  # a command that asks twice gets the library it opened
        return opened
    url = resolve_db_url(getattr(args, "db", None))
    try:
        # An upgrade can take minutes: say so rather than sit silent (nothing else is said).
        sessions = open_library(url, on_upgrade=lambda step: print(
            f"{PROG}: {step}", file=sys.stderr, flush=True))
    except LibraryError as exc:
        raise CliError(str(exc)) from exc
    args.opened_library = sessions  # closed by main() when the command ends
    return sessions


def _close(args: argparse.Namespace) -> None:
    """Close the library a command opened (a server connection is not left to the GC)."""
    from reader.store import close_library

    sessions = getattr(args, "opened_library", None)
    if sessions is not None:
        close_library(sessions)


def run_window(args: argparse.Namespace) -> int:
    from reader.app import run
    from reader.store import resolve_db_url

    return run(resolve_db_url(args.db))


# --- commands -------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    from reader.store import list_stories

    sessions = _open(args)
    with sessions.begin() as s:
        stories = list_stories(s, args.search, sort="recent")
    if args.format == "json":
        data = [{"id": st.id, "title": st.title,
                 "versions": [{"id": v.id, "title": v.title, "outlet": v.outlet,
                               "published": v.published.isoformat() if v.published else None,
                               "language": v.language, "words": v.words}
                              for v in st.versions]}
                for st in stories]
        _print_json(data)
        return 0
    if not stories:
        print("The library is empty." if not args.search else f"No story matches {args.search!r}.")
        return 0
    for st in stories:
        print(f"story {st.id}: {st.title}  ({len(st.versions)} versions)")
        for v in st.versions:
            date = v.published.isoformat() if v.published else "no date"
            print(f"  {v.id:>6}  {date:<10}  {v.language:<3} {v.words:>6} words  "
                  f"{v.outlet or '-':<24}  {_clip(v.title, 60)}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    article = _get_article(_open(args), args.article_id)
    if args.raw:
        sys.stdout.flush()
        sys.stdout.buffer.write(article.raw)
        sys.stdout.buffer.flush()
        return 0
    fields = [("Title", article.title), ("Outlet", article.outlet),
              ("Published", article.published.isoformat() if article.published else None),
              ("Section", article.section), ("Language", article.language),
              ("URL", article.url), ("Words", str(article.words)),
              ("Story", str(article.story_id)), ("Source", article.source_name),
              *cli_web.web_fields(_open(args), article.id)]
    for name, value in fields:
        if value:
            print(f"{name + ':':<11}{value}")
    print()
    print(article.text)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from reader.compare import compare
    from reader.compare.text_report import render_text

    lazy: list[sessionmaker[Session]] = []

    def sessions() -> sessionmaker[Session]:
        if not lazy:
            lazy.append(_open(args))
        return lazy[0]

    left_title, left_text = _load_side(args.left, sessions)
    right_title, right_text = _load_side(args.right, sessions)
    result = compare(left_text, right_text, _options(args),
                     left_title=left_title, right_title=right_title)
    if args.format == "json":
        _print_json(result.to_dict())
    else:
        color = args.color == "always" or (
            args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
        text = render_text(result, color=color)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _load_side(spec: str, sessions: Callable[[], sessionmaker[Session]]) -> tuple[str, str]:
    """A file path is read through the importers (not stored); a number is a stored version."""
    from reader.ingest import IngestError, read_articles

    path = Path(spec)
    if path.exists():
        try:
            records = read_articles(path)
        except IngestError as exc:
            raise CliError(f"{exc.source}: {exc.reason}") from exc
        if not records:
            raise CliError(f"{spec}: no article in the file")
        return records[0].title, records[0].text
    if spec.isdigit():
        article = _get_article(sessions(), int(spec))
        return article.title, article.text
    raise CliError(f"{spec}: no such file, and not an article id")


def cmd_notes_add(args: argparse.Namespace) -> int:
    from reader.store import NotFound, add_note, default_author, find_quote, writing

    if args.quote is not None and args.article is None:
        raise CliError("notes add: --quote needs --article (the version the passage is in)")
    sessions = _open(args)
    try:
        with writing(sessions) as s:
            anchor = find_quote(s, args.article, args.quote) if args.quote is not None else None
            note = add_note(s, args.story_id, args.text, article_id=args.article,
                            anchor=anchor, label=args.label,
                            author=args.author if args.author is not None else default_author())
    except (NotFound, ValueError) as exc:
        raise CliError(str(exc)) from exc
    where = (f"article {note.article_id}, characters {note.anchor.start}-{note.anchor.end}"
             if note.anchor else "the whole comparison" if note.article_id is None
             else f"article {note.article_id}")
    print(f"note {note.id} added to story {note.story_id} on {where}")
    return 0


def cmd_notes_list(args: argparse.Namespace) -> int:
    from reader.store import NotFound, get_story, list_notes

    if args.in_article is not None:
        from reader.cli_timeline import list_notes_in_version

        return list_notes_in_version(args)
    sessions = _open(args)
    try:
        with sessions.begin() as s:
            get_story(s, args.story_id)
            notes = list_notes(s, args.story_id)
    except NotFound as exc:
        raise CliError(str(exc)) from exc
    if args.format == "json":
        _print_json([_note_dict(n) for n in notes])
        return 0
    if not notes:
        print(f"Story {args.story_id} has no notes.")
    for n in notes:
        label = f" [{n.label}]" if n.label else ""
        if n.article_id is None:
            where = "whole comparison"
        elif n.orphaned:
            where = f"article {n.article_id}, passage not found: {_clip(n.anchor.exact, 50)!r}" \
                if n.anchor else f"article {n.article_id}"
        elif n.resolved:
            where = f"article {n.article_id}: {_clip(n.resolved.exact, 50)!r}"
        else:
            where = f"article {n.article_id}"
        by = f" by {n.author}" if n.author else ""
        print(f"note {n.id}{label} ({where}){by}, updated {n.updated:%Y-%m-%d %H:%M}")
        for line in n.body.splitlines() or [""]:
            print(f"    {line}")
    return 0


def _note_dict(n: NoteRecord) -> dict[str, Any]:
    anchor = n.resolved or n.anchor
    return {"id": n.id, "story": n.story_id, "article": n.article_id, "text": n.body,
            "label": n.label, "color": n.color, "author": n.author, "orphaned": n.orphaned,
            "quote": anchor.exact if anchor else None,
            "start": anchor.start if anchor else None, "end": anchor.end if anchor else None,
            "created": n.created.isoformat(), "updated": n.updated.isoformat()}


def cmd_export(args: argparse.Namespace) -> int:
    from reader.export import ExportError, export_comparison, render_bytes

    if args.all_versions:
        from reader.cli_timeline import export_overview_page

        return export_overview_page(args)
    to_stdout = args.output is None or str(args.output) == "-"
    if args.output is None and args.format == "pdf":
        raise CliError(f"export: a PDF is not text; name a file to write, e.g. -o "
                       f"story-{args.story_id}.pdf (or -o - to send it to standard output)")
    from reader.store import NotFound, load_story_comparison

    sessions = _open(args)
    try:
        with sessions.begin() as s:
            doc = load_story_comparison(s, args.story_id, args.left, args.right, _options(args))
    except (NotFound, ValueError) as exc:
        raise CliError(f"story {args.story_id}: {exc}") from exc
    if to_stdout:  # as `git diff` does: text goes to standard output when no file is named
        from datetime import UTC, datetime

        sys.stdout.flush()
        sys.stdout.buffer.write(render_bytes(doc, args.format, datetime.now(UTC)))
        sys.stdout.buffer.flush()
        return 0
    try:
        written = export_comparison(doc, args.format, args.output)
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    print(f"exported story {args.story_id} ({doc.left.id} vs {doc.right.id}) to {written}")
    return 0


# What the library's tables hold, in the words of the rest of the app.
# --- helpers --------------------------------------------------------------------------------


def _get_article(sessions: sessionmaker[Session], article_id: int) -> ArticleDetail:
    from reader.store import NotFound, get_article

    try:
        with sessions.begin() as s:
            return get_article(s, article_id)
    except NotFound as exc:
        raise CliError(str(exc)) from exc


def _print_json(data: object, out: TextIO | None = None) -> None:
    stream = out or sys.stdout
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


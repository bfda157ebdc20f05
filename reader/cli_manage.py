"""The library-managing subcommands of `reader`: `story`, `version` and `notes delete`.

Each is one user action in one transaction (reader.store.manage). Deleting is soft: `restore`
brings back a story or version with everything that was deleted with it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from reader.store.manage import LibraryChange

Opener = Callable[[argparse.Namespace], "sessionmaker[Session]"]
Action = Callable[["Session", argparse.Namespace], "LibraryChange | str"]


def add_manage_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                        notes_sub: argparse._SubParsersAction[argparse.ArgumentParser],
                        common: argparse.ArgumentParser, *, open_library: Opener,
                        error: type[Exception]) -> None:
    """Add the commands; `open_library` and `error` are the CLI's own (how it opens the
    library from the arguments, and the exception it prints as one line)."""

    def handler(action: Action) -> Callable[[argparse.Namespace], int]:
        def run(args: argparse.Namespace) -> int:
            from reader.store import NotFound

            sessions = open_library(args)
            try:
                with sessions.begin() as s:
                    done = action(s, args)
            except (NotFound, ValueError) as exc:
                raise error(str(exc)) from exc
            print(done if isinstance(done, str) else done.summary)
            return 0
        return run

    story = sub.add_parser("story", help="rename, delete, merge or restore a story")
    story_sub = story.add_subparsers(title="story commands", metavar="ACTION", required=True)
    p = story_sub.add_parser("rename", parents=[common], help="give a story a new title")
    p.add_argument("story_id", type=int, metavar="ID")
    p.add_argument("title", metavar="TITLE")
    p.set_defaults(handler=handler(_rename_story))
    p = story_sub.add_parser("delete", parents=[common],
                             help="delete a story with its versions and notes (restorable)")
    p.add_argument("story_id", type=int, metavar="ID")
    p.set_defaults(handler=handler(_delete_story))
    p = story_sub.add_parser("merge", parents=[common],
                             help="move every version and note of a story into another one")
    p.add_argument("story_id", type=int, metavar="ID")
    p.add_argument("into_id", type=int, metavar="INTO_ID")
    p.set_defaults(handler=handler(_merge_stories))
    p = story_sub.add_parser("restore", parents=[common], help="bring back a deleted story")
    p.add_argument("story_id", type=int, metavar="ID")
    p.set_defaults(handler=handler(_restore_story))

    version = sub.add_parser("version", help="move, delete or restore one version of a story")
    version_sub = version.add_subparsers(title="version commands", metavar="ACTION",
                                         required=True)
    p = version_sub.add_parser("move", parents=[common],
                               help="move a version (and the notes on it) to another story")
    p.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--to", type=int, metavar="STORY_ID", dest="to_story",
                        help="the story it joins")
    target.add_argument("--new-story", action="store_true",
                        help="make it a story of its own")
    p.set_defaults(handler=handler(_move_version))
    p = version_sub.add_parser("delete", parents=[common],
                               help="delete a version and the notes on it (restorable)")
    p.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    p.set_defaults(handler=handler(_delete_version))
    p = version_sub.add_parser("restore", parents=[common], help="bring back a deleted version")
    p.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    p.set_defaults(handler=handler(_restore_version))

    p = notes_sub.add_parser("delete", parents=[common], help="delete a note (restorable)")
    p.add_argument("note_id", type=int, metavar="NOTE_ID")
    p.set_defaults(handler=handler(_delete_note))
    p = notes_sub.add_parser("restore", parents=[common], help="bring back a deleted note")
    p.add_argument("note_id", type=int, metavar="NOTE_ID")
    p.set_defaults(handler=handler(_restore_note))


def _rename_story(s: Session, args: argparse.Namespace) -> LibraryChange:
    from reader.store import rename_story

    return rename_story(s, args.story_id, args.title)


def _delete_story(s: Session, args: argparse.Namespace) -> str:
    from reader.store import delete_story

    change = delete_story(s, args.story_id)
    return f"{change.summary} (reader story restore {args.story_id} brings it back)"


def _merge_stories(s: Session, args: argparse.Namespace) -> LibraryChange:
    from reader.store import merge_stories

    return merge_stories(s, args.story_id, args.into_id)


def _restore_story(s: Session, args: argparse.Namespace) -> LibraryChange:
    from reader.store import restore_story

    return restore_story(s, args.story_id)


def _move_version(s: Session, args: argparse.Namespace) -> str:
    from reader.store import move_version

    change = move_version(s, args.article_id, to_story_id=args.to_story,
                          new_story=args.new_story)
    return f"{change.summary} (story {change.story_id})"


def _delete_version(s: Session, args: argparse.Namespace) -> str:
    from reader.store import delete_version

    change = delete_version(s, args.article_id)
    return f"{change.summary} (reader version restore {args.article_id} brings it back)"


def _restore_version(s: Session, args: argparse.Namespace) -> LibraryChange:
    from reader.store import restore_version

    return restore_version(s, args.article_id)


def _delete_note(s: Session, args: argparse.Namespace) -> str:
    from reader.store import default_author, delete_note

    delete_note(s, args.note_id, by=default_author())
    return f"Deleted note {args.note_id} (reader notes restore {args.note_id} brings it back)"


def _restore_note(s: Session, args: argparse.Namespace) -> str:
    from reader.store import restore_note

    note = restore_note(s, args.note_id)
    return f"Restored note {note.id} on story {note.story_id}"

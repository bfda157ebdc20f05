"""`reader repair LIBRARY`: copy what can be read of a damaged library into a new one and say,
table by table, what was copied, mended or lost.

Kept beside cli.py (which wires the parser) so each command family reads on its own.
"""

from __future__ import annotations

import argparse

from reader.cli import PROG, CliError

_TABLE_NAMES = {"stories": "stories", "articles": "versions (articles)", "notes": "notes"}


def cmd_repair(args: argparse.Namespace) -> int:
    from reader.store import LibraryError
    from reader.store.repair import repair_library

    try:
        report = repair_library(args.library)
    except LibraryError as exc:
        raise CliError(str(exc)) from exc
    print(f"repaired {report.source} into {report.target}")
    for problem in report.problems[:3]:
        print(f"  damage found: {problem}")
    for t in report.tables:
        parts = [f"{t.copied} copied"]
        if t.rebuilt:
            parts.append(f"{t.rebuilt} rebuilt from their versions (titles may differ)")
        if t.mended:
            parts.append(f"{t.mended} with unreadable characters replaced by \ufffd")
        if t.unreadable:
            parts = ["could not be read at all (lost)"]
        if t.lost:
            ids = ", ".join(map(str, t.lost_ids[:10])) + (", ..." if len(t.lost_ids) > 10 else "")
            parts.append(f"{t.lost} lost" + (f" (ids {ids})" if ids else ""))
        print(f"  {_TABLE_NAMES.get(t.table, t.table)}: {', '.join(parts)}")
    print("nothing was lost" if report.complete else
          f"{report.lost} row{'s' if report.lost != 1 else ''} lost" if report.lost
          else "some rows lost")
    print(f"the damaged file was not changed; to use the new one: "
          f"{PROG} --db {_shell_quote(str(report.target))}")
    return 0 if report.complete else 1


def _shell_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)

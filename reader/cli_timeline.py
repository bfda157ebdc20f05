"""`reader timeline` and `reader notes list --in`: a story as a sequence of versions.

Kept beside cli.py (which wires the parser) so each command family reads on its own.
"""

from __future__ import annotations

import argparse
from typing import Any

from reader.cli import CliError, _clip, _open, _options, _print_json
from reader.store.records import CarriedNote, QuotationHistory, TimelineStep


def add_timeline_parser(sub: Any, common: argparse.ArgumentParser,
                        add_option_flags: Any) -> None:
    p = sub.add_parser("timeline", parents=[common],
                       help="a story's versions in order, with what changed at each step",
                       description="Lists the versions of a story by publication date (then "
                                   "import order), each with its changes against the one "
                                   "before it, then each quotation's wording through them.")
    p.add_argument("story_id", type=int, metavar="STORY_ID")
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_option_flags(p)
    p.set_defaults(handler=cmd_timeline)


def cmd_timeline(args: argparse.Namespace) -> int:
    from reader.store import NotFound
    from reader.store.quote_history import story_quote_history
    from reader.store.timeline import story_timeline

    sessions = _open(args)
    try:
        with sessions.begin() as s:
            steps = story_timeline(s, args.story_id, _options(args))
            quotations = story_quote_history(s, args.story_id, _options(args))
    except NotFound as exc:
        raise CliError(str(exc)) from exc
    if args.format == "json":
        _print_json({"story": args.story_id, "versions": [_step_dict(st) for st in steps],
                     "quotations": [quotation_dict(q) for q in quotations]})
        return 0
    for n, step in enumerate(steps, 1):
        v = step.version
        date = v.published.isoformat() if v.published else "no date"
        print(f"v{n}  article {v.id:<6} {date:<10}  {v.outlet or '-':<20}  {v.words:>6} words  "
              f"{_clip(v.title, 50)}")
        if step.since_previous is not None:
            print(f"      since v{n - 1}: {_changes(step)}")
    _print_quotations(quotations, {step.version.id: n for n, step in enumerate(steps, 1)})
    return 0


def quotation_dict(history: QuotationHistory) -> dict[str, Any]:
    return {"first_seen": history.first_seen,
            "wordings": [{"article": w.article_id, "text": w.text, "verdict": w.verdict}
                         for w in history.wordings]}


def _print_quotations(quotations: list[QuotationHistory], number: dict[int, int]) -> None:
    """One line per quotation: its first wording, where it first appears, what became of it."""
    from reader.present.quote_history import history_summary

    if len(number) < 2:
        return  # quotations are followed between versions: one version has no history
    changed = sum(q.changed for q in quotations)
    print(f"\nQuotations: {len(quotations)}, {changed} changed along the way"
          if quotations else "\nNo version has a direct quotation.")
    for q in quotations:
        print(f"  \u201c{_clip(q.first_text, 60)}\u201d ({history_summary(q, number)})")


def _step_dict(step: TimelineStep) -> dict[str, Any]:
    v = step.version
    data: dict[str, Any] = {
        "id": v.id, "published": v.published.isoformat() if v.published else None,
        "outlet": v.outlet, "title": v.title, "words": v.words}
    stats = step.since_previous
    if stats is not None:
        data.update(rows=stats.rows.to_dict(), reused_left=round(stats.reused_left, 4),
                    new_right=round(stats.new_right, 4), quotes=stats.quotes.to_dict())
    return data


def _changes(step: TimelineStep) -> str:
    stats = step.since_previous
    assert stats is not None
    rows = stats.rows.to_dict()
    changed = [f"{count} {kind}" for kind, count in rows.items() if kind != "equal" and count]
    quotes = [f"{count} {verdict}" for verdict, count in stats.quotes.to_dict().items()
              if verdict != "verbatim" and count]
    parts = [", ".join(changed) or "no change"]
    if quotes:
        parts.append("quotations: " + ", ".join(quotes))
    parts.append(f"{stats.new_right:.0%} new")
    return "; ".join(parts)


def carried_note_dict(c: CarriedNote) -> dict[str, Any]:
    return {"id": c.note.id, "article": c.article_id, "written_on": c.note.article_id,
            "carried": c.carried, "status": c.status,
            "start": None if c.status == "gone" else c.start,
            "end": None if c.status == "gone" else c.end,
            "text": c.text, "note": c.note.body, "label": c.note.label}


def list_notes_in_version(args: argparse.Namespace) -> int:
    """`reader notes list STORY --in ARTICLE`: every anchored note as it stands in ARTICLE."""
    from reader.store import NotFound
    from reader.store.timeline import notes_in_version

    sessions = _open(args)
    try:
        with sessions.begin() as s:
            carried = notes_in_version(s, args.story_id, args.in_article, _options(args))
    except (NotFound, ValueError) as exc:
        raise CliError(str(exc)) from exc
    if args.format == "json":
        _print_json([carried_note_dict(c) for c in carried])
        return 0
    if not carried:
        print(f"Story {args.story_id} has no notes on passages.")
    for c in carried:
        origin = f", written on article {c.note.article_id}" if c.carried else ""
        where = ("not in this version" if c.status == "gone"
                 else f"characters {c.start}-{c.end}: {_clip(c.text, 50)!r}")
        print(f"note {c.note.id} [{c.status}{origin}] {where}")
        for line in c.note.body.splitlines() or [""]:
            print(f"    {line}")
    return 0


def export_overview_page(args: argparse.Namespace) -> int:
    """`reader export STORY --format html --all-versions`: the story overview page, to the
    file named by -o, else (or with -o -) to standard output, as the one-pair export does."""
    import sys
    from datetime import UTC, datetime

    from reader.export import ExportError, export_overview
    from reader.export.overview import render_overview_html
    from reader.store import NotFound
    from reader.store.overview import load_story_overview

    if args.format != "html":
        raise CliError(f"--all-versions writes one HTML page; use --format html, not "
                       f"--format {args.format}")
    if args.left is not None or args.right is not None:
        raise CliError("--all-versions compares every version with the one before; "
                       "leave out --left and --right")
    sessions = _open(args)
    try:
        with sessions.begin() as s:
            overview = load_story_overview(s, args.story_id, _options(args))
    except (NotFound, ValueError) as exc:
        raise CliError(f"story {args.story_id}: {exc}") from exc
    if args.output is None or str(args.output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(render_overview_html(overview, datetime.now(UTC)).encode())
        sys.stdout.buffer.flush()
        return 0
    try:
        written = export_overview(overview, args.output)
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    print(f"exported story {args.story_id} ({len(overview.timeline)} versions, "
          f"{len(overview.quotations)} quotations) to {written}")
    return 0

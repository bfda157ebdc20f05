"""Groupings emitters share: runs of pieces under the same notes, and space around marks."""

from __future__ import annotations

from dataclasses import dataclass

from reader.present.model import Item, NoteRef, NumberedNote, Piece, QuoteFlag


def split_space(text: str) -> tuple[str, str, str]:
    """Leading space, the words, trailing space: marks look cleaner around the words only."""
    core = text.strip()
    if not core:
        return text, "", ""
    lead = text[:len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return lead, core, trail


@dataclass(frozen=True)
class Run:
    """Neighbouring items under the same notes: one highlight box is drawn around a run."""

    notes: tuple[NumberedNote, ...]
    items: tuple[Item, ...]


def note_runs(items: tuple[Item, ...]) -> list[Run]:
    """Group a cell's items into runs of pieces covered by the same notes.

    A quotation flag between two pieces of one passage stays inside the passage's run; a flag
    at the end of a passage, and every note number, goes outside it (after the highlight).
    """
    runs: list[tuple[tuple[NumberedNote, ...], list[Item]]] = []
    for item in items:
        if isinstance(item, Piece):
            if runs and runs[-1][0] == item.notes and not isinstance(runs[-1][1][-1], NoteRef):
                runs[-1][1].append(item)
                continue
            if runs and runs[-1][0]:
                _move_trailing_flags_out(runs)
            runs.append((item.notes, [item]))
        elif isinstance(item, QuoteFlag) and runs and not isinstance(runs[-1][1][-1], NoteRef):
            runs[-1][1].append(item)
        else:
            if runs and runs[-1][0]:
                _move_trailing_flags_out(runs)
            if runs and not runs[-1][0]:
                runs[-1][1].append(item)
            else:
                runs.append(((), [item]))
    if runs and runs[-1][0]:
        _move_trailing_flags_out(runs)
    return [Run(notes, tuple(run)) for notes, run in runs]


def _move_trailing_flags_out(runs: list[tuple[tuple[NumberedNote, ...], list[Item]]]) -> None:
    items = runs[-1][1]
    flags: list[Item] = []
    while items and isinstance(items[-1], QuoteFlag):
        flags.insert(0, items.pop())
    if flags:
        runs.append(((), flags))

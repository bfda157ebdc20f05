"""Which notes a comparison shows where, and their one numbering.

Whole-comparison notes are listed apart and carry no number. Anchored notes are numbered by
place: those on the left version by position in its text, then those on the right version,
then orphaned ones, then those on versions outside the comparison; ties go to the older note.
The window and every export show these numbers.

A note written on a version outside the comparison is placed where the engine's alignment
carries its passage in one of the two (`CarriedNote`, from store.timeline), numbered with the
notes of that side and marked as carried; one carried to neither stays listed elsewhere, as
not in these versions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reader.compare.carry import CarryStatus
from reader.compare.model import Comparison
from reader.present.model import SIDES, NumberedNote, SideName
from reader.store.records import CarriedNote, NoteRecord, TextAnchor


@dataclass(frozen=True)
class PlacedNotes:
    placed: tuple[NumberedNote, ...]  # in number order; each has a side and a row
    orphaned: tuple[NumberedNote, ...]
    elsewhere: tuple[NumberedNote, ...]
    whole: tuple[NoteRecord, ...]


def place_notes(cmp: Comparison, left_id: int, right_id: int, notes: Sequence[NoteRecord],
                sentence_rows: dict[SideName, dict[int, int]],
                carried: Sequence[CarriedNote] = ()) -> PlacedNotes:
    live = [n for n in notes if not n.deleted]
    # Comparing a version with itself: its notes show on the left only.
    side_of: dict[int, SideName] = {right_id: "right", left_id: "left"}
    carried_to = {c.note.id: c for c in carried if c.article_id in side_of}
    placed: list[tuple[NoteRecord, SideName, int]] = []
    orphans: list[NoteRecord] = []
    others: list[NoteRecord] = []
    status: dict[int, CarryStatus] = {}
    for note in live:
        if note.article_id is None:
            continue
        side = side_of.get(note.article_id)
        if side is None:
            move = carried_to.get(note.id)
            if move is not None:
                status[note.id] = move.status
            if move is None or move.status == "gone":
                others.append(note)
                continue
            # Shown at its carried place: the passage there, the note as written.
            note = replace(note, resolved=TextAnchor(move.text, "", "", move.start, move.end))
            side = side_of[move.article_id]
        row = _home_row(cmp, side, note, sentence_rows[side])
        if row is None:
            orphans.append(note)
        else:
            placed.append((note, side, row))

    def position(item: tuple[NoteRecord, SideName, int]) -> tuple[int, int, int, object, int]:
        note, side, _ = item
        assert note.resolved is not None
        return (SIDES.index(side), note.resolved.start, note.resolved.end, note.created, note.id)

    numbered: list[NumberedNote] = []
    for note, side, row in sorted(placed, key=position):
        assert note.resolved is not None
        numbered.append(NumberedNote(len(numbered) + 1, note, side, row, note.resolved.exact,
                                     status.get(note.id)))
    by_age = sorted(orphans, key=_age)
    orphaned = tuple(NumberedNote(len(numbered) + i, n, side_of.get(n.article_id or -1), None,
                                  _stored_passage(n)) for i, n in enumerate(by_age, start=1))
    start = len(numbered) + len(orphaned)
    elsewhere = tuple(NumberedNote(start + i, n, None, None, _stored_passage(n),
                                   status.get(n.id))
                      for i, n in enumerate(sorted(others, key=_age), start=1))
    whole = tuple(sorted((n for n in live if n.article_id is None), key=_age))
    return PlacedNotes(tuple(numbered), orphaned, elsewhere, whole)


def _age(note: NoteRecord) -> tuple[object, int]:
    return (note.created, note.id)


def _stored_passage(note: NoteRecord) -> str:
    if note.anchor is not None:
        return note.anchor.exact
    return note.resolved.exact if note.resolved is not None else ""


def _home_row(cmp: Comparison, side: SideName, note: NoteRecord,
              rows_of: dict[int, int]) -> int | None:
    """The row whose sentence holds the last character of the note's passage, if it is found.

    A passage in the gap between sentences belongs to the sentence before the gap (or to the
    first sentence, before the text starts).
    """
    anchor = note.resolved
    if note.orphaned or anchor is None:
        return None
    sentences = (cmp.left if side == "left" else cmp.right).sentences
    if not sentences:
        return None
    last = max(anchor.start, anchor.end - 1)
    holder = max(bisect_right([s.start for s in sentences], last) - 1, 0)
    return rows_of.get(sentences[holder].id)


def carried_caption(n: NumberedNote) -> str:
    """What the reader is told about a note written on another version: "" for one written
    on the version it is shown on. Window and exports use these words."""
    home = f"version #{n.note.article_id}"
    if n.carried == "same":
        return f"carried from {home}: same words here"
    if n.carried == "changed":
        return f"carried from {home}: reworded here"
    if n.carried == "gone":
        return f"written on {home}: not in these versions"
    return ""

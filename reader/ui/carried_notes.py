"""Notes written on other versions of the story, in the comparison on screen: where each now
stands, what the notes panel says of it, and the passage a pinned copy anchors to."""

from __future__ import annotations

from reader.present import Layout, carried_caption
from reader.store import anchor_for_passage
from reader.store.records import CarriedNote, TextAnchor, VersionPair


def carried_into(pair: VersionPair | None, note_id: int) -> CarriedNote | None:
    """Where the note stands in the pair on screen; None when it is gone from both versions,
    was written on one of them, or no pair is shown."""
    if pair is None:
        return None
    return next((c for c in pair.carried if c.note.id == note_id and c.status != "gone"), None)


def carried_captions(layout: Layout) -> tuple[dict[int, str], set[int]]:
    """The notes panel's caption of each carried note, and which of them can be pinned."""
    carried = [n for n in layout.numbered if n.carried is not None]
    return ({n.note.id: carried_caption(n) for n in carried},
            {n.note.id for n in carried if n.carried != "gone"})


def pinned_anchor(pair: VersionPair, moved: CarriedNote) -> TextAnchor:
    text = pair.left.text if moved.article_id == pair.left.id else pair.right.text
    return anchor_for_passage(text, moved.start, moved.end)

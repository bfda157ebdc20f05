"""The verdict of one quotation entry, with its evidence.

Both sides' parts are read as one word sequence each (a part that only repeats words of
another part of its side, a fragment quoted again, is left out) and diffed word by word:
the left parts in text order, the right parts in the order their words take on the left (the
seed's rewrite quotes the end of the utterance first, in running text, then the rest).

- nothing cut, nothing added: `verbatim`;
- left words cut, nothing added: `trimmed`;
- right words added, nothing cut: `extended`;
- both (words changed): `altered`;
- reported speech on the other side: `unquoted` / `quoted`; one side alone: `dropped` / `added`.
Case counts only when the reader matches case (`CompareOptions.ignore_case` off); quote style
and the punctuation inside the marks never do (the closing comma or stop of a quotation
changes with the sentence around it). `words_cut` are the left words that are not on the
right, `words_added` the right words that are not on the left, as written; `similarity` is the
Indel similarity of the two word sequences (for reported speech: the share of the quotation's
words that survive there).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz.distance import Indel

from reader.compare.model import Quote, QuoteVerdict
from reader.compare.quotes.extraction import Quotation
from reader.compare.quotes.matching import Entry, surviving_share
from reader.compare.quotes.speakers import Speaker


@dataclass(frozen=True)
class Wording:
    """One side of an entry: its parts in text order and the speaker of each."""

    parts: list[Quotation]
    speakers: list[Speaker]
    reported: bool = False  # reported speech, not a quotation


def entry_quote(left: Wording, right: Wording, by_speaker: bool, match_case: bool) -> Quote:
    verdict, similarity, cut, added = _judge(left, right, match_case)
    speaker_left, notes_left = _speaker_of(left, "left")
    speaker_right, notes_right = _speaker_of(right, "right")
    notes = notes_left + notes_right
    if left.parts and right.parts:  # one side names a speaker, the other is silent
        if speaker_left.name and not speaker_right.name and not notes_right:
            notes.append("no speaker stated on the right")
        elif speaker_right.name and not speaker_left.name and not notes_left:
            notes.append("no speaker stated on the left")
    if by_speaker:
        notes.append(
            f"paired on its speaker and place: the wordings share few words "
            f"(similarity {similarity:.2f})"
        )
    reattributed = speaker_left.same_as(speaker_right) is False
    lparts = [q.side for q in left.parts]
    rparts = [q.side for q in right.parts]
    return Quote(
        verdict,
        lparts[0] if lparts else None,
        rparts[0] if rparts else None,
        similarity,
        more_left=tuple(lparts[1:]),
        more_right=tuple(rparts[1:]),
        speaker_left=speaker_left.name,
        speaker_right=speaker_right.name,
        reattributed=reattributed,
        words_cut=cut,
        words_added=added,
        ambiguous=tuple(dict.fromkeys(notes)),  # two parts may share one doubt
    )


def wording(parts: Sequence[Quotation], speakers: Sequence[Speaker], reported: bool) -> Wording:
    if len(parts) < 2:  # most entries: nothing to order
        return Wording(list(parts), list(speakers), reported)
    order = sorted(range(len(parts)), key=lambda n: parts[n].side.start)
    return Wording([parts[n] for n in order], [speakers[n] for n in order], reported)


def entry_sides(
    entry: Entry, lq: list[Quotation], rq: list[Quotation]
) -> tuple[list[Quotation], list[Quotation]]:
    lefts = [lq[a] for a in entry.lefts] + (
        [entry.reported_left] if entry.reported_left is not None else []
    )
    rights = [rq[b] for b in entry.rights] + (
        [entry.reported_right] if entry.reported_right is not None else []
    )
    return lefts, rights


def _judge(
    left: Wording, right: Wording, match_case: bool
) -> tuple[QuoteVerdict, float, tuple[str, ...], tuple[str, ...]]:
    if not right.parts:
        return "dropped", 0.0, (), ()
    if not left.parts:
        return "added", 0.0, (), ()
    lparts = _without_repeats(left.parts)
    lwords = [w for q in lparts for w in _words(q, match_case)]
    plain = not left.reported and not right.reported and len(right.parts) == 1
    if plain and lwords == list(_words(right.parts[0], match_case)):
        return "verbatim", 1.0, (), ()  # the commonest entry: no diff to run
    rparts = _without_repeats(right.parts)
    if len(rparts) > 1:
        rparts.sort(key=lambda q: (_anchor(q, lwords), q.side.start))
    rwords = [w for q in rparts for w in _words(q, match_case)]
    lshown = [w for q in lparts for w in q.shown]
    rshown = [w for q in rparts for w in q.shown]
    cut: list[str] = []
    added: list[str] = []
    # Indel (longest common subsequence) opcodes, compiled: only inserts and deletes.
    for op in Indel.opcodes(lwords, rwords):
        if op.tag == "delete":
            cut += lshown[op.src_start : op.src_end]
        elif op.tag == "insert":
            added += rshown[op.dest_start : op.dest_end]
    if right.reported:
        return "unquoted", surviving_share(lwords, rwords), tuple(cut), tuple(added)
    if left.reported:
        return "quoted", surviving_share(rwords, lwords), tuple(cut), tuple(added)
    similarity = Indel.normalized_similarity(lwords, rwords)
    verdict: QuoteVerdict
    if not cut and not added:
        verdict = "verbatim"
    elif not added:
        verdict = "trimmed"
    elif not cut:
        verdict = "extended"
    else:
        verdict = "altered"
    return verdict, similarity, tuple(cut), tuple(added)


def _words(q: Quotation, match_case: bool) -> tuple[str, ...]:
    return q.cased if match_case else q.words


def _without_repeats(parts: list[Quotation]) -> list[Quotation]:
    """The parts without those whose words are a run of another part (quoted again)."""
    if len(parts) == 1:
        return parts
    kept: list[Quotation] = []
    for n, q in enumerate(parts):
        repeat = any(
            q.inside(o) and (q.key != o.key or m < n) for m, o in enumerate(parts) if m != n
        )
        if not repeat:
            kept.append(q)
    return kept


def _anchor(q: Quotation, words: list[str]) -> int:
    """Where `q`'s longest run of shared words starts in `words` (its place in the other
    side's utterance)."""
    matcher = SequenceMatcher(None, words, q.words, autojunk=False)
    match = matcher.find_longest_match(0, len(words), 0, len(q.words))
    return match.a if match.size else len(words)


def _speaker_of(wording: Wording, side: str) -> tuple[Speaker, list[str]]:
    """The entry's speaker on one side: its first part's (a fragment quoted again takes the
    speaker of its utterance, so only parts with words of their own count)."""
    named = [s for s in wording.speakers if s.name]
    notes = [f"{side}: {s.note}" for s in wording.speakers if s.note]
    if not named:
        return Speaker(None), notes
    if any(s.same_as(named[0]) is False for s in named[1:]):
        names = ", ".join(dict.fromkeys(s.name for s in named if s.name))
        notes.append(f"{side}: the parts have different speakers ({names})")
    return named[0], notes

"""Pairing the quotations of two versions into entries: one entry per quotation.

Every quotation of either side lands in exactly one entry. An entry holds the quotation parts
of each side that carry the same utterance: one part each for a quotation kept or reworded,
several on one side where the other version split the quotation or joined several into one,
or a fragment quoted again in running text. Words are compared case-folded, punctuation and
quote style ignored. The steps, each taking only what the earlier ones left:

1. the same words on both sides: one to one, nearest rows first;
2. a quotation whose words are a contiguous run of a quotation on the other side (a fragment
   quoted again, a phrase quoted in running text, one of several quotations joined into
   one) joins that quotation's entry; a single word only in the same row;
3. remaining quotations whose word similarity reaches `ALTERED_MIN`, or `SAME_SPEAKER_MIN`
   when both have the same speaker and their sentences share a row: one to one, best first,
   joining the entries they are already in (the seed's reworded quotation joins the entry
   its fragment opened);
4. a quotation still alone whose words survive, at least `UNQUOTED_MIN` of them in runs of
   two or more, outside quotation marks in the other side's sentences of its row becomes
   reported speech there (`unquoted` from the left, `quoted` from the right); one whose
   words survive so inside a quotation of the other side reaching into its row joins that
   quotation's entry (new words were put between them, or the rest was cut); else it stays
   alone (`dropped`, `added`);
5. an entry made only of fragments quoted again after a longer quotation of their side joins
   that quotation's entry: a fragment quoted again in running text is not a second entry.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from difflib import Match, SequenceMatcher

from rapidfuzz.distance import Indel

from reader.compare.model import QuoteSide, Row, Sentence, Side
from reader.compare.quotes.extraction import Quotation, quotation_of
from reader.compare.quotes.speakers import Speaker
from reader.compare.tokens import STOP_WORDS, match_words
from reader.compare.words import WORD_RE

# Word similarity (Indel, 0..1) from which two quotations are one quotation reworded. Chosen
# on the seeds: the two reworded quotations score 0.71 and 0.87 against their originals, while
# unrelated quotations of the seeds and fixtures stay under 0.35.
ALTERED_MIN = 0.5
# The same, for two quotations of the same speaker whose sentences share a row: a paraphrase
# of one utterance ("Nobody waits in a corridor any more," -> "Very few patients now wait in
# a corridor,") keeps few words. The entry says it was paired on its speaker.
SAME_SPEAKER_MIN = 0.2
# A word in more left quotations than this proposes only the nearest ones as candidates.
MAX_POSTINGS = 16
# How many quotations before a fragment are searched for the longer one it repeats.
REPEAT_WINDOW = 8
# Share of a quotation's words that must survive unquoted for `unquoted` rather than `dropped`.
UNQUOTED_MIN = 0.5


@dataclass
class Entry:
    """Quotation indices of each side that carry one utterance, while pairing runs."""

    lefts: list[int] = field(default_factory=list)
    rights: list[int] = field(default_factory=list)
    reported_left: Quotation | None = None  # reported speech on the left (`quoted`)
    reported_right: Quotation | None = None  # reported speech on the right (`unquoted`)
    by_speaker: bool = False  # paired through the same speaker with few shared words


class Pairing:
    """Builds the entries of two sides' quotations (see the module docstring)."""

    def __init__(
        self,
        left: Side,
        right: Side,
        rows: Sequence[Row],
        quotations: tuple[list[Quotation], list[Quotation]],
        speakers: tuple[list[Speaker], list[Speaker]],
    ) -> None:
        self.left, self.right = left, right
        self.lq, self.rq = quotations
        self.lquoted = Quoted(self.lq, [q.side.end for q in self.lq])
        self.rquoted = Quoted(self.rq, [q.side.end for q in self.rq])
        self.lspeakers, self.rspeakers = speakers
        self.row_of_left = {i: n for n, r in enumerate(rows) for i in r.left}
        self.row_of_right = {j: n for n, r in enumerate(rows) for j in r.right}
        # The row of each quotation's sentence, found once: every candidate pair asks.
        self._left_rows = [self.row_of_left.get(q.side.sentence) for q in self.lq]
        self._right_rows = [self.row_of_right.get(q.side.sentence) for q in self.rq]
        self.rows = rows
        self.of_left: dict[int, Entry] = {}
        self.of_right: dict[int, Entry] = {}
        self.entries: list[Entry] = []

    def same_row(self, a: int, b: int) -> bool:
        return self._left_rows[a] == self._right_rows[b]

    def join(self, a: int, b: int) -> Entry:
        """Puts left `a` and right `b` in one entry, merging the entries they are in."""
        ea, eb = self.of_left.get(a), self.of_right.get(b)
        if ea is None and eb is None:
            entry = Entry([a], [b])
            self.entries.append(entry)
        elif ea is not None and eb is not None:
            entry = ea
            if eb is not ea:
                ea.lefts += eb.lefts
                ea.rights += eb.rights
                ea.by_speaker |= eb.by_speaker
                self.entries.remove(eb)
        elif ea is not None:
            entry = ea
            entry.rights.append(b)
        else:
            assert eb is not None
            entry = eb
            entry.lefts.append(a)
        # Quotation marks on both sides now: reported speech found earlier no longer counts.
        entry.reported_left = entry.reported_right = None
        for i in entry.lefts:
            self.of_left[i] = entry
        for j in entry.rights:
            self.of_right[j] = entry
        return entry

    def run(self) -> list[Entry]:
        lq, rq = self.lq, self.rq
        candidates = _candidates(lq, rq)
        full_left: set[int] = set()  # paired one to one, or joined into a longer quotation

        exact = sorted(
            (not self.same_row(a, b), a, b) for a, b in candidates if lq[a].words == rq[b].words
        )
        for _far, a, b in exact:
            if a not in full_left and b not in self.of_right:
                self.join(a, b)
                full_left.add(a)

        fragments = sorted(
            (not self.same_row(a, b), len(lq[a].words), a, b)
            for a, b in candidates
            if b not in self.of_right and rq[b].inside(lq[a]) and self._may_repeat(rq[b], a, b)
        )
        for _far, _size, a, b in fragments:
            if b not in self.of_right:
                self.join(a, b)

        inside = sorted(
            (not self.same_row(a, b), len(rq[b].words), a, b)
            for a, b in candidates
            if a not in self.of_left and lq[a].inside(rq[b]) and self._may_repeat(lq[a], a, b)
        )
        for _far, _size, a, b in inside:
            if a not in self.of_left:
                self.join(a, b)
                full_left.add(a)

        self._pair_similar(candidates, full_left)

        for a in range(len(lq)):
            if a not in self.of_left:
                self._settle_left(a)
        for b in range(len(rq)):
            if b not in self.of_right:
                self._settle_right(b)
        self._fold_repeats()
        return self.entries

    def _may_repeat(self, fragment: Quotation, a: int, b: int) -> bool:
        """Whether `fragment` may be a run of the other side's quotation: a single word only
        in the same row (elsewhere it is a word in scare quotes, not the speaker's)."""
        return len(fragment.words) > 1 or self.same_row(a, b)

    def _fold_repeats(self) -> None:
        """An entry made only of fragments quoted again, each after a longer quotation of its
        side in one other entry, becomes part of that entry (`"We will rebuild the harbour
        by spring," she said. … Her promise to "rebuild the harbour" …`)."""
        for entry in list(self.entries):
            host = self._host(entry)
            if host is None:
                continue
            host.lefts += entry.lefts
            host.rights += entry.rights
            self.entries.remove(entry)
            for i in entry.lefts:
                self.of_left[i] = host
            for j in entry.rights:
                self.of_right[j] = host

    def _host(self, entry: Entry) -> Entry | None:
        """The one other entry holding, before each part of `entry`, a longer quotation of
        its side with the part's words; None when there is none (most entries: their first
        part already has none)."""
        host: Entry | None = None
        sides = ((entry.lefts, self.lq, self.of_left), (entry.rights, self.rq, self.of_right))
        for parts, quotations, entry_of in sides:
            for k in parts:
                found = _repeated_in(k, quotations, entry_of)
                if found is None or found is entry or (host is not None and found is not host):
                    return None
                host = found
        return host

    def _pair_similar(self, candidates: list[tuple[int, int]], full_left: set[int]) -> None:
        lq, rq = self.lq, self.rq
        similar: list[tuple[float, bool, int, int, bool]] = []
        for a, b in candidates:
            if a in full_left or b in self.of_right:
                continue
            score = Indel.normalized_similarity(lq[a].words, rq[b].words)
            if score >= ALTERED_MIN:
                similar.append((-score, not self.same_row(a, b), a, b, False))
            elif score >= SAME_SPEAKER_MIN and self.same_row(a, b) and self._same_speaker(a, b):
                similar.append((-score, False, a, b, True))
        for _neg, _far, a, b, by_speaker in sorted(similar):
            if a not in full_left and b not in self.of_right:
                self.join(a, b).by_speaker |= by_speaker
                full_left.add(a)

    def _same_speaker(self, a: int, b: int) -> bool:
        return self.lspeakers[a].same_as(self.rspeakers[b]) is True

    def _settle_left(self, a: int) -> None:
        q = self.lq[a]
        ids = self._row_right_ids(q.side.sentence)
        reported = _reported_speech(q, self.right, ids, self.rquoted)
        if reported is not None:
            entry = Entry([a], [], reported_right=reported)
        else:
            grown = _grown_into(q, self.right, ids, self.rquoted, self.of_right)
            if grown is not None:
                self.join(a, grown)
                return
            entry = Entry([a], [])
        self.entries.append(entry)
        self.of_left[a] = entry

    def _settle_right(self, b: int) -> None:
        q = self.rq[b]
        ids = self._row_left_ids(q.side.sentence)
        reported = _reported_speech(q, self.left, ids, self.lquoted)
        if reported is not None:
            entry = Entry([], [b], reported_left=reported)
        else:
            grown = _grown_into(q, self.left, ids, self.lquoted, self.of_left)
            if grown is not None:
                self.join(grown, b)
                return
            entry = Entry([], [b])
        self.entries.append(entry)
        self.of_right[b] = entry

    def _row_right_ids(self, left_sentence: int) -> tuple[int, ...]:
        row = self.row_of_left.get(left_sentence)
        return self.rows[row].right if row is not None else ()

    def _row_left_ids(self, right_sentence: int) -> tuple[int, ...]:
        row = self.row_of_right.get(right_sentence)
        return self.rows[row].left if row is not None else ()


def _repeated_in(k: int, quotations: list[Quotation], entry_of: dict[int, Entry]) -> Entry | None:
    """The entry of a longer quotation before quotation `k` that holds its words, among the
    `REPEAT_WINDOW` before it; None when there is none."""
    q = quotations[k]
    if len(q.words) < 2:
        return None  # one word in quotation marks: a scare quote, not a repeat
    for h in range(k - 1, max(-1, k - REPEAT_WINDOW - 1), -1):
        if len(quotations[h].words) > len(q.words) and q.inside(quotations[h]):
            return entry_of.get(h)
    return None


def _candidates(lq: list[Quotation], rq: list[Quotation]) -> list[tuple[int, int]]:
    """Pairs sharing a rare word, through an inverted index (never all pairs).

    Each right quotation looks up its four rarest shared words (content words before stop
    words); for a word in more than `MAX_POSTINGS` left quotations only those nearest its
    expected position count.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for a, q in enumerate(lq):
        for w in set(q.words):
            index[w].append(a)
    # The left quotations' words ranked once: content words first, rarest first. A short
    # quote with one content word changed ("We like it" -> "We love it") still meets its
    # original through "we" and "it". Ties go by the word itself, so the result never
    # depends on set order (hash seed).
    ranked = sorted(index, key=lambda w: (w in STOP_WORDS, len(index[w]), w))
    rank = {w: n for n, w in enumerate(ranked)}
    scale = len(lq) / len(rq) if rq else 1.0
    half = MAX_POSTINGS // 2
    pairs: set[tuple[int, int]] = set()
    for b, q in enumerate(rq):
        shared = [w for w in set(q.words) if w in rank]
        for w in sorted(shared, key=rank.__getitem__)[:4]:
            posting = index[w]
            if len(posting) > MAX_POSTINGS:
                at = bisect_left(posting, b * scale)
                posting = posting[max(0, at - half) : at + half]
            pairs.update((a, b) for a in posting)
    return sorted(pairs)


def _reported_speech(
    q: Quotation, other: Side, ids: Sequence[int], quoted: Quoted
) -> Quotation | None:
    """The passage of the other side's row sentences where at least `UNQUOTED_MIN` of `q`'s
    words survive outside quotation marks, in runs of two or more (the word itself for a
    one-word quotation: scare quotes taken off "rioters"), or None."""
    sentences: list[Sentence] = [other.sentences[j] for j in ids]
    spans: list[tuple[int, int]] = []
    words: list[str] = []
    # Every quotation reaching into the row, also one opened in an earlier sentence.
    inside = [
        (quoted.quotations[k].side.start, quoted.quotations[k].side.end)
        for k in quoted.reaching_into(sentences)
    ]
    for s in sentences:
        for m in WORD_RE.finditer(s.text):
            start = s.start + m.start()
            within = any(a <= start < b for a, b in inside)
            words.append("\0" if within else match_words(m.group())[0])
            spans.append((start, s.start + m.end()))
    blocks = _surviving_runs(q.words, words)
    survived = sum(b.size for b in blocks) / len(q.words)
    if not blocks or survived < UNQUOTED_MIN:
        return None
    start = spans[blocks[0].b][0]
    end = spans[blocks[-1].b + blocks[-1].size - 1][1]
    sentence = next(s.id for s in sentences if s.start <= start < s.end)
    return quotation_of(QuoteSide(other.text[start:end], sentence, start, end), start, end)


def _surviving_runs(words: Sequence[str], other: Sequence[str]) -> list[Match]:
    """The runs of `words` found in `other`, two words or more (the word itself for a
    one-word quotation: "rioters")."""
    run = min(2, len(words))
    matcher = SequenceMatcher(None, words, other, autojunk=False)
    return [m for m in matcher.get_matching_blocks() if m.size >= run]


def surviving_share(words: Sequence[str], other: Sequence[str]) -> float:
    """The share of `words` that survives in `other` in runs (see `_surviving_runs`)."""
    return sum(m.size for m in _surviving_runs(words, other)) / len(words) if words else 0.0


@dataclass(frozen=True)
class Quoted:
    """One side's quotations in text order, and where each ends (they never overlap, so the
    ends are in order too: the ones reaching into a passage are found by bisection)."""

    quotations: list[Quotation]
    ends: list[int]

    def reaching_into(self, sentences: Sequence[Sentence]) -> list[int]:
        """The quotations overlapping the text of `sentences` (one side of a row)."""
        if not sentences:
            return []
        low, high = min(s.start for s in sentences), max(s.end for s in sentences)
        found: list[int] = []
        for k in range(bisect_right(self.ends, low), len(self.quotations)):
            if self.quotations[k].side.start >= high:
                break
            found.append(k)
        return found


def _grown_into(
    q: Quotation,
    other: Side,
    ids: Sequence[int],
    quoted: Quoted,
    paired: Container[int],
) -> int | None:
    """A quotation of the other side's row holding at least `UNQUOTED_MIN` of `q`'s words
    in runs of two or more: new words grew between them (`"We will win the vote"` -> `"...
    we will, in the end, win the vote"`), or the rest around them was cut. An unpaired one
    first; a paired one may take `q` too (`"A," he said, "B."` joined and reworded into
    one quotation)."""
    reaching = quoted.reaching_into([other.sentences[j] for j in ids])
    for k in sorted(reaching, key=lambda k: k in paired):
        if surviving_share(q.words, quoted.quotations[k].words) >= UNQUOTED_MIN:
            return k
    return None

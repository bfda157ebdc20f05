"""Who says a quotation, where the text says it (English and Indonesian).

A quotation's speaker is read from its attribution: first the words right after the closing
mark (`"…," said Dr Hale`, `"…," Dr Hale said`, `"…," kata Mark Rutte`, `"…," ujarnya`),
then the text of its sentence before the opening mark (`Hale said: "…"`, `Ia menambahkan,
"…"`, `Menurut Umerov, … "…"`, `Rutte mengungkapkan bahwa … "…"`). A pronoun (he, she, ia,
dia, beliau, and the `-nya` of `ujarnya`, `katanya`) is resolved to the last named speaker
of the same sentence before the quotation, else of the preceding sentences. A surname alone
takes the fuller name the text gave that person earlier (`Rutte` -> `Mark Rutte`), so the two
versions' speakers compare by surname.

`Speaker.note` says why a speaker stays unknown where the text did attribute the quotation
(a pronoun with no named speaker before it), so the entry can say so instead of guessing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import takewhile

from reader.compare.model import Side
from reader.compare.tokens import STOP_WORDS


def _word_list(text: str) -> list[str]:
    return text.split()


_EN_VERBS = (
    "said|says|say|told|tells|added|adds|asked|asks|wrote|writes|explained|explains|insisted|"
    "insists|stressed|noted|notes|warned|warns|replied|argued|argues|claimed|claims|declared|"
    "stated|announced|continued|recalled|admitted|conceded|agreed|tweeted|posted|responded|"
    "remarked|observed|confirmed|acknowledged|suggested|complained|urged|promised|pledged|"
    "vowed|maintained|countered|cautioned|predicted|shouted|cried|spoke|speaks|called|calls|"
    "described|describes|hoped|hopes"
)
# Tags that follow a quotation and take the speaker after them: `kata Rutte`, `ujarnya`.
_ID_TAGS = (
    "kata|ujar|tutur|ungkap|jelas|tegas|tambah|sebut|papar|terang|imbuh|lanjut|ucap|tukas|"
    "pungkas|seru"
)
_ID_VERBS = (
    "mengatakan|menegaskan|menambahkan|mengungkapkan|mengungkap|menjelaskan|menyatakan|"
    "menyebutkan|menyebut|menuturkan|memaparkan|menerangkan|berkata|bilang|menekankan|"
    "mengakui|menilai|menyampaikan|berujar|bertanya|menjawab|mengklaim|mengimbau|meminta|"
    "mendesak|berjanji|memperingatkan|mengumumkan|menulis|mengingatkan|menggarisbawahi|"
    "mengaku|berharap|menyebutnya|menyerukan|memastikan"
)
_VERBS = f"(?:{_EN_VERBS}|{_ID_VERBS})"
_NAME = r"[A-Z][\w'’-]*(?:\.?\s+[A-Z][\w'’-]*){0,3}"
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Ii]a|[Dd]ia|[Bb]eliau)"
_DESCRIPTION = r"(?:[Tt]he|[Aa])\s+[a-z][\w-]*"  # `the mayor`, `a spokesman`
# A name may follow a lowercase title (`council chair Maria Ortiz`, `resident Tom Baker`).
_WHO = rf"(?P<who>(?:[a-z][\w-]*\s+){{0,3}}{_NAME}|{_PRONOUN}|{_DESCRIPTION})"
_ADVERB = r"(?:(?:also|then|later|juga|pun|kembali|lalu)\s+)?"

# An appositive between a name and its verb: `Dewi Kartika, salah satu warga, berkata`; when
# it is itself a name, it names the speaker (`Warga Desa Sukamulya, Dewi Kartika, mengaku`).
_BETWEEN = r"(?:,\s*(?P<between>[^,\"“”]{1,40}),)?"
# The attribution right after a closing mark: punctuation first, then the tag.
_APPOSITIVE = rf"(?:,\s+(?P<appos>{_NAME}))?"  # `kata Wali Kota Sukamaju, Rina Hartati`
_AFTER_RES = (
    re.compile(rf"^[\s,.;:!?—–-]*(?:{_EN_VERBS})\s+{_WHO}{_APPOSITIVE}"),
    re.compile(rf"^[\s,.;:!?—–-]*{_WHO}{_BETWEEN}\s+{_ADVERB}{_VERBS}\b"),
    re.compile(rf"^[\s,.;:!?—–-]*(?:according\s+to|menurut)\s+{_WHO}"),
    re.compile(rf"^[\s,.;:!?—–-]*(?:{_ID_TAGS})(?P<nya>nya)?\b(?:\s+{_WHO}{_APPOSITIVE})?"),
)
# An attribution anywhere in running text: `Rutte juga mengungkapkan`, `Menurut Umerov`.
# (No lowercase title before the name here: searching finds the name itself a few words on.)
_RUNNING_WHO = rf"(?P<who>{_NAME}|{_PRONOUN}|{_DESCRIPTION})"
_RUNNING_RE = re.compile(
    rf"(?:\b{_RUNNING_WHO}{_BETWEEN}\s+{_ADVERB}{_VERBS}\b)"
    rf"|(?:\b(?:[Aa]ccording\s+to|[Mm]enurut)\s+(?P<who2>{_NAME}|{_DESCRIPTION}))"
)
_PRONOUNS = frozenset({"he", "she", "ia", "dia", "beliau"})
# Job titles: they lead a name without being part of it (`Presiden AS Donald Trump`).
_TITLES = frozenset(
    _word_list(
        """
    presiden menteri sekjen sekretaris jenderal wakil gubernur bupati wali kota ketua
    direktur kepala juru bicara jubir kapolri kapolda kapolres president minister mayor
    senator governor chief secretary general spokesman spokeswoman spokesperson director
    head chairman chairwoman professor judge officer councillor councilor councilman
    councilwoman commissioner inspector captain sergeant colonel ambassador dubes duta
    besar kapten kolonel letnan
    """
    )
)
# Words that open a capitalised run without being part of a name: sentence-initial
# connectives and titles (`Namun Umerov`, `Sementara itu, Umerov`).
_NOT_NAME = (
    STOP_WORDS
    | _TITLES
    | frozenset(
        _word_list(
            """
    namun sementara selain kemudian lalu tetapi meski menurut sedangkan bahkan kini saat
    ketika setelah sebelum dalam pada di but and then meanwhile however yet so when after
    before later in on at according
    """
        )
    )
)
# The one capitalised word right before a surname: its first name (`Mark Rutte`). One word
# only: a second is far more often a place or a title (`Ukraina Rustem Umerov`).
_NAME_BEFORE_RE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*\s+$")
_NAME_AFTER_RE = re.compile(r"\s+[A-Z][\w'’-]*(?![\w'’-])")  # a surname after a given name
_RUN_GOES_ON_RE = re.compile(r"\s+[A-Z]")
# A person named in running text: a run of capitalised words, none a title or connective once
# the titles leading it are dropped (checked in code): `Omar Haddad` in `Union leader Omar
# Haddad spoke outside`, `Joko Widodo` in `Presiden Joko Widodo hadir`.
_CAPITALISED = r"[A-Z][a-z][\w'’-]*"
_PERSON_RE = re.compile(
    rf"(?<![\w'’-])(?:(?:Dr|Prof)\.?\s+)?{_CAPITALISED}(?:\s+{_CAPITALISED})+(?![\w'’-])"
)
_APPOSITION_RE = re.compile(r",\s*[A-Z]")
_LOOK_BACK = 8  # sentences searched for the named speaker of a pronoun
_REACH = 400  # characters of a sentence read on either side of a quotation


@dataclass(frozen=True)
class Speaker:
    name: str | None
    note: str | None = None

    @property
    def words(self) -> frozenset[str]:
        return frozenset(self.name.casefold().split()) if self.name else frozenset()

    def same_as(self, other: Speaker) -> bool | None:
        """Whether two named speakers are one person: the words of one name are all in the
        other (`Rutte` and `Mark Rutte`, `Rina` and `Rina Hartati`; not `Mark Rutte` and
        `Mark Carney`). None when either is unknown."""
        if not self.name or not other.name:
            return None
        return self.words <= other.words or other.words <= self.words


@dataclass(frozen=True)
class _Who:
    """A raw attribution: a name or description, or a pronoun to resolve."""

    text: str | None
    pronoun: str | None = None


class SpeakerFinder:
    """Finds the speakers of one side's quotations and reported speech.

    `quoted` holds the (opener, closer) spans of the side's quotations, in text order: their
    text is never read as an attribution, and their tags name earlier speakers for pronouns.
    """

    def __init__(self, side: Side, quoted: Sequence[tuple[int, int]]) -> None:
        self.text = side.text
        self.sentences = side.sentences
        self.starts = [s.start for s in side.sentences]
        self.quoted = sorted(quoted)
        self.opener_starts = [a for a, _ in self.quoted]
        self._names: dict[str, str] = {}

    def of_quotation(self, opener: int, closer: int) -> Speaker:
        who = self._after(closer)
        if who is None:
            who = self._before(opener)
        return self._resolve(who, opener)

    def of_reported(self, start: int) -> Speaker:
        """The speaker of reported speech starting at `start` (`Ia menegaskan bahwa …`); with
        no attribution, the person its sentence is about (`Dewi menolak rencana itu dan
        menyatakan …`)."""
        who = self._before(start)
        if who is None and self.sentences:
            sentence_start, _end = self._sentence_span(start)
            person = _first_person(self._blanked(sentence_start, start))
            who = _Who(person) if person is not None else None
        return self._resolve(who, start)

    def _sentence_span(self, at: int) -> tuple[int, int]:
        """The sentence around `at`, cut to `_REACH` characters either side of it: an
        attribution sits near its quotation, and a run-on "sentence" of a whole page must
        not be read again for every quotation in it."""
        n = max(0, bisect_right(self.starts, at) - 1)
        s = self.sentences[n]
        return max(s.start, at - _REACH), min(s.end, at + _REACH)

    def _after(self, closer: int) -> _Who | None:
        if not self.sentences:
            return None
        _start, end = self._sentence_span(max(0, closer - 1))
        n = bisect_right(self.opener_starts, closer)
        if n < len(self.quoted):
            end = min(end, self.quoted[n][0])
        tail = self.text[closer:end] if closer < end else ""
        for pattern in _AFTER_RES:
            m = pattern.match(tail)
            if m is None:
                continue
            groups = m.groupdict()
            if groups.get("nya"):
                return _Who(None, "-nya")
            who = groups.get("who")
            between = groups.get("between")
            if between and _first_person(between) == between.strip():
                who = between
            if who and groups.get("appos") and who.split()[0].casefold() in _TITLES:
                who = groups["appos"]  # the title's holder, named after the comma
            return _who(who) if who else None
        return None

    def _before(self, at: int) -> _Who | None:
        if not self.sentences:
            return None
        start, _end = self._sentence_span(at)
        found = self._running(start, at)
        return found[-1][1] if found else None

    def _running(self, start: int, end: int) -> list[tuple[int, _Who]]:
        """Attributions in running text between `start` and `end`, quoted text blanked."""
        text = self._blanked(start, end)
        found: list[tuple[int, _Who]] = []
        for m in _RUNNING_RE.finditer(text):
            raw = m.group("who") or m.group("who2")
            between = m.group("between")
            if between and _first_person(between) == between.strip():
                raw = between
            who = _who(raw) if raw else None
            if who is not None:
                found.append((start + m.start(), who))
        return found

    def _blanked(self, start: int, end: int) -> str:
        pieces: list[str] = []
        at = start
        n = max(0, bisect_right(self.opener_starts, start) - 1)
        for opener, closer in self.quoted[n:]:
            if opener >= end:
                break
            if closer <= at:
                continue
            if opener > at:
                pieces.append(self.text[at:opener])
            blank_end = min(closer, end)
            pieces.append(" " * (blank_end - max(at, opener)))
            at = blank_end
        if at < end:
            pieces.append(self.text[at:end])
        return "".join(pieces)

    def _resolve(self, who: _Who | None, at: int) -> Speaker:
        if who is None:
            return Speaker(None)
        if who.text is not None:
            return Speaker(self._full_name(who.text, at))
        named, spoke = self._last_named(at)
        if named is None:
            return Speaker(None, f"'{who.pronoun}' has no named speaker before it")
        full = self._full_name(named, at)
        if spoke:
            return Speaker(full)
        # Nobody said anything before it: the person the sentence before is about
        # (`Tom Baker has run the bakery for thirty years. "…," he said.`), said so.
        note = f"'{who.pronoun}' taken as {full}, named before it without a speech verb"
        return Speaker(full, note)

    def _last_named(self, at: int) -> tuple[str | None, bool]:
        """The last named speaker before `at`: in its sentence, then the ones before; in a
        sentence without one, the first person it names. The flag: a speaker, not a mention."""
        n = max(0, bisect_right(self.starts, at) - 1)
        end = at
        for k in range(n, max(-1, n - _LOOK_BACK - 1), -1):
            start = max(self.sentences[k].start, end - _REACH)
            named = [w.text for _, w in self._attributions(start, end) if w.text is not None]
            if named:
                return named[-1], True
            person = _first_person(self._blanked(start, end))
            if person is not None:
                return person, False
            end = self.sentences[k].start
        return None, False

    def _attributions(self, start: int, end: int) -> list[tuple[int, _Who]]:
        found = self._running(start, end)
        n = bisect_right(self.opener_starts, start - 1)
        for _opener, closer in self.quoted[n:]:
            if closer > end:
                break
            tag = self._after(closer)
            if tag is not None:
                found.append((closer, tag))
        return sorted(found, key=lambda f: f[0])

    def _full_name(self, name: str, at: int) -> str:
        """A surname alone -> the fuller name the text gives it first (`Mark Rutte`)."""
        if " " in name or name[:1].islower():
            return name
        if name not in self._names:
            self._names[name] = self._first_full_name(name)
        return self._names[name]

    def _first_full_name(self, name: str) -> str:
        # str.find over the text (C speed) and a look at the words around each hit, not a
        # regex over the whole text per name. A capitalised word after the hit is its surname
        # (`Kota Sukamaju Rina Hartati`), one before it its given name; a hit in the middle
        # of a longer run (a headline: `Mark Rutte Tegaskan Perlu`) is passed over.
        text = self.text
        pos = text.find(name)
        while pos != -1:
            end = pos + len(name)
            whole_word = (end == len(text) or not text[end].isalnum()) and (
                pos == 0 or not text[pos - 1].isalnum()
            )
            if whole_word:
                before = _NAME_BEFORE_RE.search(text, max(0, pos - 40), pos)
                after = _NAME_AFTER_RE.match(text, end, min(len(text), end + 40))
                if after is not None and _RUN_GOES_ON_RE.match(text, after.end()):
                    pass  # inside a longer capitalised run (a headline): nothing sure
                elif after is not None:
                    return name + after.group(0).rstrip()  # `Bambang` -> `Bambang Wicaksono`
                elif before is not None:
                    full = _trim_name(before.group(0) + name)
                    if full != name:
                        return full  # `Rutte` -> `Mark Rutte`
            pos = text.find(name, end)
        return name


def _first_person(text: str) -> str | None:
    """The first run of two or more capitalised words in `text` that is a name once the
    titles and connectives leading it are dropped (`Presiden Joko Widodo` -> `Joko Widodo`)."""
    for m in _PERSON_RE.finditer(text):
        words = _trim_name(m.group(0)).split()
        titled = len(words) < len(m.group(0).split())
        if titled and _APPOSITION_RE.match(text, m.end()):
            continue  # `Menteri Pertahanan Ukraina, Rustem Umerov`: the title's holder follows
        if titled and len(words) > 2:
            words = words[-2:]  # `Menteri Pertahanan Ukraina Rustem Umerov`
        if len(words) < 2 or any(w.casefold() in _NOT_NAME for w in words):
            continue
        return " ".join(words)
    return None


def _who(raw: str) -> _Who | None:
    bare = raw.strip()
    if bare.casefold() in _PRONOUNS:
        return _Who(None, bare)
    words = bare.split()
    if words[0].casefold() in ("the", "a"):
        return _Who(bare)  # a description: `the mayor`
    title = list(takewhile(str.islower, words))
    if any(w in STOP_WORDS for w in title):
        return None  # `said on Monday`: a time, no speaker
    bare = " ".join(words[len(title) :])
    name = _trim_name(bare)
    if name.casefold() in _NOT_NAME:
        return None  # `Namun menegaskan`: a connective, no name
    return _Who(name)


def _trim_name(raw: str) -> str:
    """Drops connectives, titles and acronyms leading a capitalised run (`Presiden AS
    Donald Trump` -> `Donald Trump`), keeping at least its last word."""
    words = raw.split()
    while len(words) > 1 and (
        words[0].rstrip(".").casefold() in _NOT_NAME or (words[0].isupper() and len(words[0]) > 1)
    ):
        words.pop(0)
    return " ".join(words)

"""Sentence splitting with character offsets, for Indonesian and English news text.

A small rule set (pysbd has no Indonesian model and is slow):

- Paragraphs: any run of line breaks ends a paragraph (one paragraph per line, or blank-line
  separated); a sentence never crosses one.
- A sentence ends after `.`, `!`, `?` or an ellipsis, plus any closing quotes or brackets right
  after it (`...berkelanjutan.”` ends after the `”`), when whitespace follows and the next word
  starts like a sentence (a capital letter, a digit, or an opening quote or bracket). So
  `"...," kata Rutte.` and `"Bagus!" katanya` stay whole, and `3.5`, `1.000`, `(13/2)` never
  break (no whitespace after the dot, or no terminator at all).
- Abbreviations do not end a sentence: titles (Dr., Mr., Jl., Prof.), Indonesian `Rp.`,
  `Gg.`, `Kp.`, `Kav.`, `No.` or a month (Jan., Agt.) before a number. A lone capital
  initial (J. K.), dotted acronyms (U.S., U.N.), name and company suffixes (Jr., Inc., Tbk.)
  and months otherwise end one only when the next word is a common sentence opener ("The",
  "Ia", "Namun"...): "J. K. Rowling" stays whole, "Vitamin C. The doctor" and "by Acme Inc.
  The company" break. A list ending (dll., etc.) ends one before any capitalised word
  (inside a sentence a lowercase word follows it). A clock time (a.m., p.m.) ends one
  unless a day, month or time zone follows: "at 3 p.m. Officials said" breaks, "at 3 p.m.
  Tuesday" does not.
- Ellipsis inside an open quotation (`kami… Kami berterima kasih`) does NOT end the sentence:
  in quoted speech it marks a pause or an omission inside one utterance, and keeping the
  utterance whole keeps a quotation in one sentence on both versions of the seeds. Outside a
  quotation an ellipsis followed by a capital ends the sentence. `.`, `!`, `?` inside a
  quotation do end sentences, so a long quotation can span several sentences.
- After a quoted question or cry, a named speaker and a speech verb stay in its sentence:
  `"Why now?" Smith asked.` is one sentence, `"Why now?" The question hung.` two.
- Em dashes never end a sentence.
- A sentence longer than `MAX_SENTENCE_CHARS` is cut at clause marks into shorter pieces,
  each listed as a sentence of its own (see the constant for why).
"""

from __future__ import annotations

import re
import zlib

from reader.compare.model import Sentence
from reader.compare.quote_marks import (
    CLOSING_MARKS,
    DOUBLE_CLOSERS,
    DOUBLE_OPENERS,
    OPENING_MARKS,
    is_measure,
)

_PARAGRAPH_RE = re.compile(r"[^\r\n\u2028\u2029]+")
# A terminator run, then closing quotes/brackets, then the whitespace before the next sentence.
_BOUNDARY_RE = re.compile(rf"[.!?…]+[{re.escape(CLOSING_MARKS)})\]]*(?=\s|$)")
# The word before a dot, reversed (see `_word_before`).
_WORD_REVERSED_RE = re.compile(r"[\w.]+")
_NON_SPACE_RE = re.compile(r"\S")
# A whole word and the spaces after it, and the marks that end a clause: where an over-long
# sentence may be cut.
_WORD_END_RE = re.compile(r"(?<!\S)(\S+)\s+")
_CLAUSE_MARKS = ",;:—–"
_NEXT_WORD_RE = re.compile(rf"[{re.escape(OPENING_MARKS)}(\[]*(\w+)")


# Longer "sentences" (a transcript without full stops, a page extracted as one run-on line)
# are cut at clause marks into pieces of at most this many characters (~200 words): the word
# diff inside a row grows with the square of its length, so one 10,000-word "sentence" would
# take seconds, and alignment works better on pieces. News sentences stay far below it.
MAX_SENTENCE_CHARS = 1200


def _word_list(text: str) -> list[str]:
    return text.split()


# Never end a sentence after these (case-sensitive, without the final dot).
_TITLES = frozenset(
    _word_list(
        """
    Dr Drs Dra Mr Mrs Ms Mt Jl Jln Prof Ir Hj KH Tn St Sdr Sdri Bpk Yth Kol Letjen Mayjen Brigjen
    Jend Kapt Lt Col Gen Sen Rep Gov Capt Sgt Rev Mt Ft vs Vol Fig
    pp hlm Bp Ny Nn No Nos Art Ps Kab Kec Kel Prov Rp Gg Kp Kav Ds
    """
    )
)
# Month abbreviations (English and Indonesian): never before a number ("Jan. 12", "Agt. 17"),
# otherwise only before a common sentence opener.
_MONTHS = frozenset(
    _word_list("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Agu Agt Okt Des Peb Nop")
)
# End a sentence after these only before a common sentence opener: name and company suffixes
# and "et al." (Jr., Inc., Tbk., dkk.) often end one ("by Acme Inc. The company"), unlike
# titles before a name.
_AMBIGUOUS = frozenset(_word_list("al dkk cf approx jr sr inc ltd co corp tbk"))
# List endings: inside a sentence a lowercase word follows them ("dll. yang"), so before a
# capital they end one ("pompa, dll. Pemerintah menargetkan").
_LIST_ENDINGS = frozenset(_word_list("dll dsb dst etc"))
_OPENERS = frozenset(
    _word_list(
        """
    The A An He She It They We I You This That These Those There But And In On At As If When
    While After Before His Her Its Their Our My Yet So For However Meanwhile Still Now Then
    Ia Dia Mereka Kami Kita Saya Ini Itu Namun Tetapi Sementara Selain Dalam Pada Di Ke Dari
    Menurut Hal Sebelumnya Kemudian Setelah Sedangkan Adapun Bahkan Oleh Untuk Dengan Juga
    """
    )
)
# A clock time ends a sentence unless a day, month or time zone follows it ("3 p.m. Tuesday").
_CLOCK = frozenset(_word_list("a.m p.m A.M P.M"))
_CLOCK_FOLLOWERS = _MONTHS | frozenset(
    _word_list(
        """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thurs Fri
    Sat Sun January February March April May June July August September October November
    December Eastern Pacific Central Mountain Atlantic ET EST EDT PT PST PDT CT CST CDT MT
    MST MDT GMT BST UTC CET CEST WIB WITA WIT AEST AEDT
    """
    )
)
# After a quoted question or cry, one to three capitalised words and a speech verb are its
# attribution ('"Why now?" Smith asked.', '“Kapan?” Jokowi balik bertanya.').
_ATTRIBUTION_RE = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){1,3}(?:said|says|asked|asks|told|tells|added|adds|shouted|"
    r"yelled|replied|wrote|tweeted|cried|insisted|exclaimed|bertanya|berkata|berteriak|"
    r"menjawab|balik bertanya)\b"
)
# What may stand before a sentence's first word.
_OPENING = OPENING_MARKS + "([¿¡"


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split `text` into sentences; `s.text == text[s.start:s.end]` for every sentence."""
    sentences: list[Sentence] = []
    paragraph = 0
    # Paragraphs are searched in place (pos/endpos), so every offset is one into the text.
    for para in _PARAGRAPH_RE.finditer(text):
        first, para_end = para.span()
        count = len(sentences)
        start = first
        for m in _BOUNDARY_RE.finditer(text, first, para_end):
            end = m.end()
            if _is_boundary(text, first, para_end, m.start(), end):
                _add_sentence(sentences, text[start:end], start, paragraph)
                start = end
        _add_sentence(sentences, text[start:para_end], start, paragraph)
        if len(sentences) > count:
            paragraph += 1
    return tuple(sentences)


def _add_sentence(sentences: list[Sentence], chunk: str, offset: int, paragraph: int) -> None:
    """Append `chunk` (at `offset` in the text) without its surrounding whitespace, if any."""
    stripped = chunk.strip()
    if not stripped:
        return
    start = offset + len(chunk) - len(chunk.lstrip())
    if len(stripped) > MAX_SENTENCE_CHARS:
        for a, b in _clause_cuts(stripped):
            piece = stripped[a:b]
            sentences.append(Sentence(len(sentences), piece, start + a, start + b, paragraph))
        return
    sentences.append(Sentence(len(sentences), stripped, start, start + len(stripped), paragraph))


def _clause_cuts(sentence: str) -> list[tuple[int, int]]:
    """Spans of at most `MAX_SENTENCE_CHARS`, each from at least half that length cut at the
    first word that ends a clause (`,;:` or a dash) or, failing that, whose checksum is 0
    mod 16: cuts chosen by content, not by position, fall on the same words in both
    versions again soon after an edit, so only the pieces around it differ. Without such a
    word the cut falls on the window's last space, or in a word longer than the window."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(sentence) - start > MAX_SENTENCE_CHARS:
        low, high = start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS
        cut = -1
        for m in _WORD_END_RE.finditer(sentence, low, high):
            word = m.group(1)
            if word[-1] in _CLAUSE_MARKS or zlib.crc32(word.encode()) % 16 == 0:
                cut = m.end()
                break
        if cut == -1:
            space = sentence.rfind(" ", low, high)
            cut = space + 1 if space != -1 else high
        piece = sentence[start:cut].rstrip()
        spans.append((start, start + len(piece)))
        start = cut
        while start < len(sentence) and sentence[start].isspace():
            start += 1
    spans.append((start, len(sentence)))
    return spans


def _is_boundary(text: str, first: int, para_end: int, start: int, end: int) -> bool:
    """Whether the terminator run `text[start:end]` ends a sentence of the paragraph that
    spans `text[first:para_end]`."""
    next_char = _NON_SPACE_RE.search(text, end, para_end)
    if next_char is None:
        return True
    rest = next_char.start()  # where the next sentence would start
    if not _starts_sentence(text, rest, para_end):
        return False
    terminator = text[start]
    if terminator == "…" or text.startswith("..", start):
        return not _inside_quotation(text[first:start])
    if terminator != ".":
        # '"Why now?" Smith asked.': the speaker named after a quoted question or cry
        # belongs to it.
        return not (text[end - 1] in CLOSING_MARKS and _ATTRIBUTION_RE.match(text, rest, para_end))
    bare = _word_before(text, first, start)
    if not bare:
        return True
    if bare in _TITLES:
        return bare == "No" and not text[rest].isdigit()
    if bare in _MONTHS and text[rest].isdigit():
        return False  # "on Jan. 12"
    if bare in _LIST_ENDINGS:
        return not text[rest].isdigit()
    if bare in _CLOCK:  # "at 3 p.m. Officials said", but "at 3 p.m. Tuesday"
        next_word = _NEXT_WORD_RE.match(text, rest, para_end)
        return next_word is None or next_word.group(1) not in _CLOCK_FOLLOWERS
    is_initial = len(bare) == 1 and bare.isupper()  # "J. K. Rowling", or "Vitamin C. The"
    is_acronym = "." in bare and all(len(p) <= 2 for p in bare.split("."))
    if is_initial or is_acronym or bare in _MONTHS or bare.casefold() in _AMBIGUOUS:
        next_word = _NEXT_WORD_RE.match(text, rest, para_end)
        return next_word is not None and next_word.group(1) in _OPENERS
    return True


def _word_before(text: str, first: int, dot: int) -> str:
    """The word (letters, digits, inner dots) right before the dot at `dot`, without dots
    at its end; only a short window is read, which keeps splitting linear."""
    window_start = max(first, dot - 40)
    # Matched on the reversed window, so the search starts at the dot and stops at the word's
    # start (a forward `[\w.]+$` search would retry from every position of the window).
    word_match = _WORD_REVERSED_RE.match(text[window_start:dot][::-1])
    return word_match.group()[::-1].rstrip(".") if word_match else ""


def _starts_sentence(text: str, at: int, para_end: int) -> bool:
    """Whether the text from `at` (not a space) starts like a sentence."""
    first = text[at]
    if first.isupper() or first.isdigit():
        return True
    if first in _OPENING:
        after = text[at + 1 : para_end].lstrip(_OPENING + " ")
        return not after or after[0].isupper() or after[0].isdigit()
    return False


def _inside_quotation(before: str) -> bool:
    """Whether a double quotation opened in `before` (a paragraph up to some point) is
    still open at its end."""
    straight_open = False
    stack: list[str] = []
    for at, ch in enumerate(before):
        if ch == '"':
            if not is_measure(before, at):
                straight_open = not straight_open
        elif ch == "“" and stack and stack[-1] == "„":
            stack.pop()  # German style „...“
        elif ch in DOUBLE_OPENERS:
            stack.append(ch)
        elif ch in DOUBLE_CLOSERS and stack:
            stack.pop()
    return straight_open or bool(stack)

"""Sentence splitting with character offsets, for Indonesian and English news text.

A small rule set (pysbd has no Indonesian model and is slow):

- Paragraphs: any run of line breaks ends a paragraph (one paragraph per line, or blank-line
  separated); a sentence never crosses one.
- A sentence ends after `.`, `!`, `?` or an ellipsis, plus any closing quotes or brackets right
  after it (`...berkelanjutan.”` ends after the `”`), when whitespace follows and the next word
  starts like a sentence (a capital letter, a digit, or an opening quote or bracket). So
  `"...," kata Rutte.` and `"Bagus!" katanya` stay whole, and `3.5`, `1.000`, `(13/2)` never
  break (no whitespace after the dot, or no terminator at all).
- Abbreviations do not end a sentence: titles (Dr., Mr., Jl., Prof.), `No.` before a number.
  A lone capital initial (J. K.), dotted acronyms (U.S., U.N.) and list endings (dll., etc.)
  end one only when the next word is a common sentence opener ("The", "Ia", "Namun"...):
  "J. K. Rowling" stays whole, "Vitamin C. The doctor" breaks.
- Ellipsis inside an open quotation (`kami… Kami berterima kasih`) does NOT end the sentence:
  in quoted speech it marks a pause or an omission inside one utterance, and keeping the
  utterance whole keeps a quotation in one sentence on both versions of the seeds. Outside a
  quotation an ellipsis followed by a capital ends the sentence. `.`, `!`, `?` inside a
  quotation do end sentences, so a long quotation can span several sentences.
- Em dashes never end a sentence.
"""

from __future__ import annotations

import re
from itertools import pairwise

from reader.compare.model import Sentence
from reader.compare.quote_marks import is_measure

_PARAGRAPH_RE = re.compile(r"[^\r\n\u2028\u2029]+")
# A terminator run, then closing quotes/brackets, then the whitespace before the next sentence.
_BOUNDARY_RE = re.compile(r"[.!?…]+[\"”’»)\]']*(?=\s|$)")
# The word before a dot: matched on the reversed text before it, so the search starts at the
# dot and stops at the word's start (a forward `[\w.]+$` search retries every position).
_WORD_REVERSED_RE = re.compile(r"[\w.]+")
_NON_SPACE_RE = re.compile(r"\S")
_NEXT_WORD_RE = re.compile(r"[\"“„«‘'(\[]*(\w+)")


def _word_list(text: str) -> list[str]:
    return text.split()


# Never end a sentence after these (case-sensitive, without the final dot).
_TITLES = frozenset(
    _word_list(
        """
    Dr Drs Dra Mr Mrs Ms Mt Jl Jln Prof Ir Hj St Sdr Sdri Bpk Yth Kol Letjen Mayjen Brigjen
    Jend Kapt Lt Col Gen Sen Rep Gov Capt Sgt Rev Jr Sr Inc Ltd Co Corp Mt Ft vs Vol Fig
    pp hlm Bp Ny Nn No Nos Art Ps Kab Kec Kel Prov
    """
    )
)
# End a sentence after these only before a common sentence opener.
_AMBIGUOUS = frozenset(_word_list("dll dsb dst etc al cf approx"))
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
_OPENING = "\"“„«‘'([¿¡"
_OPEN_QUOTES = "“„«"
_CLOSE_QUOTES = "”»"


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split `text` into sentences; `s.text == text[s.start:s.end]` for every sentence."""
    sentences: list[Sentence] = []
    paragraph = 0
    for para in _PARAGRAPH_RE.finditer(text):
        spans = list(_split_paragraph(para.group(), para.start()))
        if not spans:
            continue
        for start, end in spans:
            sentences.append(Sentence(len(sentences), text[start:end], start, end, paragraph))
        paragraph += 1
    return tuple(sentences)


def _split_paragraph(para: str, offset: int) -> list[tuple[int, int]]:
    cuts = [0]
    for m in _BOUNDARY_RE.finditer(para):
        if _is_boundary(para, m.start(), m.end()):
            cuts.append(m.end())
    cuts.append(len(para))
    spans: list[tuple[int, int]] = []
    for a, b in pairwise(cuts):
        chunk = para[a:b]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((offset + a + lead, offset + a + lead + len(stripped)))
    return spans


def _is_boundary(para: str, start: int, end: int) -> bool:
    next_char = _NON_SPACE_RE.search(para, end)
    if next_char is None:
        return True
    rest = next_char.start()  # where the next sentence would start
    if not _starts_sentence(para, rest):
        return False
    terminator = para[start]
    if terminator == "…" or para.startswith("..", start):
        return not _inside_quotation(para, start)
    if terminator != ".":
        return True
    # Only the word right before the dot matters; a short window keeps this linear.
    word_match = _WORD_REVERSED_RE.match(para[max(0, start - 40) : start][::-1])
    if not word_match:
        return True
    bare = word_match.group()[::-1].rstrip(".")
    if bare in _TITLES:
        return bare == "No" and not para[rest].isdigit()
    is_initial = len(bare) == 1 and bare.isupper()  # "J. K. Rowling", or "Vitamin C. The"
    is_acronym = "." in bare and all(len(p) <= 2 for p in bare.split("."))
    if is_initial or is_acronym or bare.casefold() in _AMBIGUOUS:
        next_word = _NEXT_WORD_RE.match(para, rest)
        return next_word is not None and next_word.group(1) in _OPENERS
    return True


def _starts_sentence(para: str, at: int) -> bool:
    """Whether the text from `at` (not a space) starts like a sentence."""
    first = para[at]
    if first.isupper() or first.isdigit():
        return True
    if first in _OPENING:
        after = para[at + 1 :].lstrip(_OPENING + " ")
        return not after or after[0].isupper() or after[0].isdigit()
    return False


def _inside_quotation(para: str, pos: int) -> bool:
    """Whether a double quotation opened before `pos` in this paragraph is still open."""
    straight_open = False
    stack: list[str] = []
    for at, ch in enumerate(para[:pos]):
        if ch == '"':
            if not is_measure(para, at):
                straight_open = not straight_open
        elif ch == "“" and stack and stack[-1] == "„":
            stack.pop()  # German style „...“
        elif ch in _OPEN_QUOTES:
            stack.append(ch)
        elif ch in _CLOSE_QUOTES and stack:
            stack.pop()
    return straight_open or bool(stack)

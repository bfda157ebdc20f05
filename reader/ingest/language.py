"""Which language an article is in: Indonesian, English, or undetermined.

Counting the commonest function words is enough to tell the two languages the app reads apart,
and it is instant. The tables also serve grouping.py as stop words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping


def word_set(words: str) -> frozenset[str]:
    """A word table written as whitespace-separated words."""
    return frozenset(words.split())


STOP_WORDS: Mapping[str, frozenset[str]] = {
    "id": word_set(
        """
        yang dan di ke dari ini itu dengan untuk pada dalam tidak akan juga adalah atau oleh
        karena sebagai bahwa telah sudah masih bisa dapat kata ujar tersebut kami kita mereka
        ia dia saya anda para serta namun tetapi jika saat ketika agar hingga sejak secara
        lebih sangat harus ada ya nya pun lagi hal atas bagi antara setelah sebelum selama
        tentang seperti sementara menurut yakni yaitu bahkan begitu demikian sebuah seorang
        satu dua tiga mulai kembali terus tak belum hanya bersama kepada terhadap maka lalu
        pula sendiri sini sana tanpa tiap setiap semua banyak beberapa para sedang tengah
        """
    ),
    "en": word_set(
        """
        the a an and or but of to in on at by for with from as is are was were be been being
        it its this that these those he she they we you i his her their our your them him us
        not no yes if then than so such which who whom whose what when where why how all any
        both each few more most other some own same too very can will just should would could
        has have had having do does did doing said says about after before over under again
        further once here there also into through during while up down out off because until
        against between among per via one two three new last first may might must shall
        """
    ),
}

# Fewer function words than this and the language stays undetermined.
_MIN_HITS = 5
# The winner must outnumber the other language by this factor (loan words and names overlap).
_MIN_RATIO = 2.0

_TOKEN_RE = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """ISO 639-1 code ("id" or "en"), or "und" when the text gives too little to go on."""
    counts = dict.fromkeys(STOP_WORDS, 0)
    for token in _TOKEN_RE.findall(text[:20000].lower()):
        for language, words in STOP_WORDS.items():
            if token in words:
                counts[language] += 1
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, best_hits), (_, runner_up_hits) = ranked[0], ranked[1]
    if best_hits < _MIN_HITS or best_hits < _MIN_RATIO * runner_up_hits:
        return "und"
    return best

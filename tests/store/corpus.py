"""A deterministic generated news corpus with known stories, for grouping tests and the bench.

Each story is told in 400-800 words drawn from three pools, as real news is: the whole
corpus's vocabulary (Zipf-distributed, so a few hundred words are in most articles), its
topic's vocabulary (stories of one topic share it, as two flood stories share "embankment"),
and its own names, places and figures. A further version of a story keeps the names and most
sentences, rewords a third of the content words, drops some sentences and adds new ones, as a
rewrite by another outlet does. The same seed always gives the same corpus.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

_SYLLABLE_TEXT = ("ka ri mo len tar vi so dun pe lor ba ne shi gal ur fen ko mar ti zu wen ha "
                  "dro sel qua bre nim tho vas ext pol gur")
_FUNCTION_TEXT = ("the of and to in a that for on with as by at from was is it be has have "
                  "were are its their which but not this after before over into")
_SYLLABLES = tuple(_SYLLABLE_TEXT.split())
_FUNCTION = tuple(_FUNCTION_TEXT.split())
_VOCABULARY = 40_000
_TOPICS = 60
_TOPIC_WORDS = 150


@dataclass(frozen=True)
class GeneratedArticle:
    story: int  # the story it was generated for: versions of one story share this
    title: str
    text: str
    outlet: str
    published: date

    def json_line(self) -> str:
        return json.dumps({"title": self.title, "text": self.text, "outlet": self.outlet,
                           "published": self.published.isoformat(), "language": "en"},
                          ensure_ascii=False)


class CorpusGenerator:
    def __init__(self, seed: int = 20261202) -> None:
        self._rng = random.Random(seed)
        rng = self._rng
        words: set[str] = set()
        while len(words) < _VOCABULARY:
            words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
        self._vocabulary = sorted(words)
        rng.shuffle(self._vocabulary)
        # Zipf weights: the word of rank r is drawn with weight 1 / r.
        self._cumulative: list[float] = []
        total = 0.0
        for rank in range(1, _VOCABULARY + 1):
            total += 1.0 / rank
            self._cumulative.append(total)
        self._topics = [rng.sample(self._vocabulary[2000:], _TOPIC_WORDS)
                        for _ in range(_TOPICS)]

    def articles(self, count: int, *, extra_versions: float = 0.15) -> Iterator[GeneratedArticle]:
        """`count` articles; about `extra_versions` of them are further versions of a story."""
        rng = self._rng
        stories: list[tuple[int, list[list[str]], str]] = []
        day = date(2025, 1, 1)
        for _ in range(count):
            if stories and rng.random() < extra_versions:
                story, sentences, title = rng.choice(stories[-500:])
                sentences = self._rewrite(sentences, story)
                title = "Update: " + title
            else:
                story = len(stories)
                sentences, title = self._story(story)
                stories.append((story, sentences, title))
            day += timedelta(hours=rng.randint(0, 5))
            yield GeneratedArticle(story, title, _paragraphs(rng, sentences),
                                   rng.choice(("Harwick Gazette", "Riverbend Post", "The Ledger",
                                               "Northfield Times")), day)

    def _story(self, story: int) -> tuple[list[list[str]], str]:
        rng = self._rng
        topic = self._topics[rng.randrange(_TOPICS)]
        names = [self._name() for _ in range(rng.randint(4, 9))]
        figures = [str(rng.randint(10, 99_999)) for _ in range(rng.randint(2, 6))]
        own = [self._word() for _ in range(rng.randint(8, 20))]
        sentences: list[list[str]] = []
        target = rng.randint(400, 800)
        while sum(map(len, sentences)) < target:
            sentences.append(self._sentence(topic, names, figures, own))
        title = " ".join([names[0], *rng.sample(topic, 3), own[0]]).capitalize()
        return sentences, f"{title} ({story})"

    def _sentence(self, topic: list[str], names: list[str], figures: list[str],
                  own: list[str]) -> list[str]:
        rng = self._rng
        words: list[str] = []
        for _ in range(rng.randint(12, 28)):
            roll = rng.random()
            if roll < 0.35:
                words.append(rng.choice(_FUNCTION))
            elif roll < 0.70:
                words.append(self._common())
            elif roll < 0.85:
                words.append(rng.choice(topic))
            elif roll < 0.93:
                words.append(rng.choice(own))
            elif roll < 0.98:
                words.append(rng.choice(names))
            else:
                words.append(rng.choice(figures))
        return words

    def _rewrite(self, sentences: list[list[str]], story: int) -> list[list[str]]:
        """Another outlet's version: a third of the content words reworded, some sentences
        dropped, a few new ones."""
        rng = self._rng
        rewritten: list[list[str]] = []
        for sentence in sentences:
            if rng.random() < 0.15:
                continue
            rewritten.append([self._common() if w.islower() and w not in _FUNCTION
                              and rng.random() < 0.33 else w for w in sentence])
            if rng.random() < 0.08:
                rewritten.append([self._common() if rng.random() < 0.6 else rng.choice(_FUNCTION)
                                  for _ in range(rng.randint(10, 20))])
        return rewritten or sentences

    def _common(self) -> str:
        index = self._rng.choices(range(_VOCABULARY), cum_weights=self._cumulative)[0]
        return self._vocabulary[index]

    def _word(self) -> str:
        return "".join(self._rng.choice(_SYLLABLES) for _ in range(self._rng.randint(3, 5)))

    def _name(self) -> str:
        return self._word().capitalize() + " " + self._word().capitalize()


def _paragraphs(rng: random.Random, sentences: list[list[str]]) -> str:
    texts = [" ".join(words).capitalize() + "." for words in sentences]
    paragraphs = [" ".join(texts[i:i + 3]) for i in range(0, len(texts), 3)]
    return "\n\n".join(paragraphs)

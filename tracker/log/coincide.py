"""Which stored texts a new text nearly coincides with: the origin `tracker add source` proposes.

A reprinted wire story differs from its original by a headline, a dateline,
page furniture or where an excerpt stops, so whole texts are not compared:
sentences are. A sentence of the new text is shared with another text when
one of that text's sentences scores at least `SENTENCE_SCORE` with rapidfuzz
(`fuzz.ratio`, on text normalised as quotes are: case, quote marks,
whitespace, invisible characters), so a changed spelling or a dropped word
still counts. The texts nearly coincide when the shared sentences hold at
least `SHARED` of the new text's words. One official's words quoted by two
reports share a sentence or two, not half of a text: they are not proposed.

Nothing is decided here: `add source` proposes, and the curator records an
`origin` (with the reason in the source's note) only where the texts show it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.log.quotes import normalise

SENTENCE_SCORE = 90.0  # rapidfuzz's 0-100: two sentences this alike are one sentence reprinted
SHARED = 0.5  # of the new text's words, in shared sentences, for the texts to nearly coincide
SENTENCE_WORDS = 6  # shorter sentences (headlines, bylines, furniture) are not compared
_SENTENCE = re.compile("(?<=[.!?\u2026])[\"'\u201d\u2019)\\]]*\\s+|\n+")


@dataclass(frozen=True)
class Coincidence:
    """Another source whose stored text the new one nearly coincides with."""

    source: str
    shared: float  # the fraction of the new text's compared words in sentences the other text has
    sentences: int  # how many of the new text's compared sentences it has
    of: int  # of how many

    def describe(self) -> str:
        return (
            f"{self.sentences} of its {self.of} sentences ({round(self.shared * 100)}% of its words) "
            f"are in source '{self.source}''s text"
        )


def sentences(text: str) -> list[str]:
    """The text's sentences as they are compared: normalised, lower-case, long enough to mean something."""
    out = []
    for piece in _SENTENCE.split(text):
        flat = normalise(piece).casefold()
        if len(flat.split()) >= SENTENCE_WORDS:
            out.append(flat)
    return out


def coincidences(text: str, others: Iterable[tuple[str, str]]) -> list[Coincidence]:
    """The sources (id, stored text) whose texts `text` nearly coincides with, the closest first."""
    from rapidfuzz import fuzz, process

    mine = sentences(text)
    words = [len(s.split()) for s in mine]
    total = sum(words)
    if not total:
        return []
    found = []
    for source_id, other in others:
        theirs = sentences(other)
        if not theirs:
            continue
        exact = set(theirs)
        shared_words = shared = 0
        for sentence, count in zip(mine, words, strict=True):
            hit = sentence in exact or (
                process.extractOne(sentence, theirs, scorer=fuzz.ratio, score_cutoff=SENTENCE_SCORE)
                is not None
            )
            if hit:
                shared += 1
                shared_words += count
        if shared_words / total >= SHARED:
            found.append(Coincidence(source_id, shared_words / total, shared, len(mine)))
    found.sort(key=lambda c: (-c.shared, c.source))
    return found

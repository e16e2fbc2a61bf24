"""Which stored texts a new text nearly coincides with: the origin `tracker add source` proposes.

A reprinted wire story differs from its original by a headline, a dateline,
page furniture or where an excerpt stops, so whole texts are not compared:
sentences are. A sentence of the new text is shared with another text when
one of that text's sentences scores at least `SENTENCE_SCORE` with rapidfuzz
(`fuzz.ratio`, on text normalised as quotes are: case, quote marks,
whitespace, invisible characters), so a changed spelling or a dropped word
still counts. The texts nearly coincide when the shared sentences hold at
least `SHARED` of the words of either text: two excerpts of one story cut at
different places, or a reprint with paragraphs of its own, still coincide.
One official's words quoted by two reports share a sentence or two, not half
of a text: they are not proposed.

Nothing is decided here: `add source` proposes, and the curator records an
`origin` (with the reason in the source's note) only where the texts show it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.log.quotetext import normalise

SENTENCE_SCORE = 90.0  # rapidfuzz's 0-100: two sentences this alike are one sentence reprinted
SHARED = 0.5  # of the new text's words, in shared sentences, for the texts to nearly coincide
SENTENCE_WORDS = 6  # shorter sentences (headlines, bylines, furniture) are not compared
_SENTENCE = re.compile("(?<=[.!?\u2026])[\"'\u201d\u2019)\\]]*\\s+|\n+")


@dataclass(frozen=True)
class Coincidence:
    """Another source whose stored text the new one nearly coincides with."""

    source: str
    shared: float  # the larger fraction of either text's compared words in sentences the other has
    sentences: int  # how many compared sentences of that text the other has
    of: int  # of how many
    mine: bool = True  # whether the fraction is of the new text's words (else of the other's)

    def describe(self) -> str:
        share = f"{round(self.shared * 100)}% of its words"
        if self.mine:
            return f"{self.sentences} of its {self.of} sentences ({share}) are also in source '{self.source}'"
        return (
            f"{self.sentences} of the {self.of} sentences of source '{self.source}' ({share}) are also in it"
        )


def sentences(text: str) -> list[str]:
    """The text's sentences as they are compared: normalised, lower-case, long enough to mean something."""
    out = []
    for piece in _SENTENCE.split(text):
        flat = normalise(piece).casefold()
        if len(flat.split()) >= SENTENCE_WORDS:
            out.append(flat)
    return out


def _near(sentence: str, those: list[str]) -> bool:
    from rapidfuzz import fuzz, process

    return process.extractOne(sentence, those, scorer=fuzz.ratio, score_cutoff=SENTENCE_SCORE) is not None


def coincidences(text: str, others: Iterable[tuple[str, str]]) -> list[Coincidence]:
    """The sources (id, stored text) whose texts `text` nearly coincides with, the closest first."""

    def share(these: list[str], those: list[str]) -> tuple[float, int]:
        """The fraction of the words of `these` in sentences `those` has, and how many sentences."""
        exact = set(those)
        total = shared_words = shared = 0
        for sentence in these:
            count = len(sentence.split())
            total += count
            hit = sentence in exact or _near(sentence, those)
            if hit:
                shared += 1
                shared_words += count
        return (shared_words / total if total else 0.0), shared

    mine = sentences(text)
    if not mine:
        return []
    found = []
    for source_id, other in others:
        theirs = sentences(other)
        if not theirs:
            continue
        forward, count = share(mine, theirs)
        if forward >= SHARED:
            found.append(Coincidence(source_id, forward, count, len(mine)))
            continue
        backward, count = share(theirs, mine)
        if backward >= SHARED:
            found.append(Coincidence(source_id, backward, count, len(theirs), mine=False))
    found.sort(key=lambda c: (-c.shared, c.source))
    return found

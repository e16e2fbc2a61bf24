"""The passage of an article nearest to a text: for `tracker quote` and for `check`'s misses.

Exactness is decided by the one quote matcher (`quotes.Article.find`); only
when it finds nothing does rapidfuzz look for the nearest passage, so
rapidfuzz is imported by `tracker quote` and by a failing `check` alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tracker.log.quotes import Article, Match
from tracker.log.quotetext import normalise

# A fuzzy passage scoring below this (rapidfuzz's 0-100) is too unlike the text to suggest.
FUZZY_MIN = 60.0


class Grade(StrEnum):
    EXACT = "exact"  # the text is in the article character for character
    NORMALISED = "normalised"  # equal once whitespace, quote marks, invisibles and Unicode form agree
    FUZZY = "fuzzy"  # a passage like it, with rapidfuzz's score
    ABSENT = "absent"  # nothing near enough


@dataclass(frozen=True, slots=True)
class Nearest:
    grade: Grade
    passage: str | None = None  # the article's own text: paste it as the quote
    line: int | None = None
    score: float | None = None  # 100 for exact and normalised


FUZZY_WORK = 20_000_000  # quote characters times article characters, at most, for one fuzzy search
FUZZY_SHORTEST = 40  # characters of a quote worth searching for


def nearest(article: Article, text: str) -> Nearest:
    """The passage of `article` that best matches `text`, and how well."""
    found = article.find(text)
    if isinstance(found, Match):
        passage = " … ".join(article.text[a:b] for a, b in found.parts)  # an ellipsis keeps its gaps
        grade = Grade.EXACT if passage == text.strip() else Grade.NORMALISED
        return Nearest(grade, passage, found.line, 100.0)
    return fuzzy(article, text)


def fuzzy(article: Article, text: str) -> Nearest:
    """The best partial alignment of `text` in the article, widened to whole words."""
    from rapidfuzz import fuzz

    wanted = normalise(text)
    haystack = article.normalised
    if not wanted or not haystack:
        return Nearest(Grade.ABSENT)
    if len(wanted) > len(haystack):
        wanted = wanted[: len(haystack)]
    # The alignment costs about quote length times article size: bounded, so that no log can make
    # `check` (and every command, which checks) run for minutes. A long quote is searched by its
    # start; in an article too large even for that, nothing is searched.
    room = FUZZY_WORK // max(len(haystack), 1)
    if room < FUZZY_SHORTEST:
        return Nearest(Grade.ABSENT)
    wanted = wanted[:room]
    aligned = fuzz.partial_ratio_alignment(wanted, haystack)
    if aligned is None or aligned.score < FUZZY_MIN:
        return Nearest(Grade.ABSENT, score=None if aligned is None else round(aligned.score, 1))
    a, b = aligned.dest_start, aligned.dest_end
    while a > 0 and haystack[a - 1] != " ":
        a -= 1
    while b < len(haystack) and haystack[b] != " ":
        b += 1
    start, end = article.original(a, b)
    passage = article.text[start:end]
    return Nearest(Grade.FUZZY, passage, article.line(start), round(aligned.score, 1))

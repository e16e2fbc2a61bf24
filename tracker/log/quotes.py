"""Whether a quote is verbatim in an article, where, and if not, why not.

A citation's quote is evidence only if it cannot be satisfied by accident, so a
quote must match the article as whole words, and must carry letters or digits.

Normalisation, applied identically to quote and article (`quotetext.normalise`):

- Unicode NFC, so text that looks identical matches whether it was saved
  composed or decomposed. Not NFKC: that would equate "10²" with "102" and
  "ﬁ" with "fi", which are different text.
- Curly and low quote marks (U+2018 to U+201F) count as straight ones, single
  as ' and double as ".
- Every run of whitespace (newlines, tabs, no-break and other Unicode spaces)
  is one space; leading and trailing whitespace is dropped.
- Invisible format characters that only shape text are ignored: the soft
  hyphen (U+00AD), the zero-width space (U+200B), the zero-width non-joiner
  and joiner (U+200C, U+200D), the word joiner (U+2060) and U+FEFF (a
  byte-order mark, or the old word joiner). Pages put them inside words for
  hyphenation, line breaks and ligatures, and the word looks the same: with
  a soft hyphen inside, "accords" is still the word "accords", so a quote of
  it verifies and "cords" does not. They are removed before NFC, so a mark
  after one still composes.
- Dashes stay distinct: a hyphen joins a compound, an en dash a range and an
  em dash sets off a clause; a quote is verbatim, and equating them would let
  a quote pass that no one copied. When only a dash differs, the explanation
  of the miss points at the word that holds it.
- Case is kept: a quote is verbatim, so "Accords" does not match "accords"
  (the explanation says when only capitals differ).

Whole words. Two adjacent characters *join* (no word boundary between them)
when both are word characters (letters, digits, "_" or combining marks) unless

- the second is an upper- or titlecase letter after a lowercase one: page
  furniture runs into text that way ("Impact ShortsTrump has been"), so the
  boundary inside "ShortsTrump" is honoured both ways ("Trump has been" and
  "More Shorts" verify). The price: "Donald" verifies inside "McDonald";
  minimum length (below) is the defence against such short quotes;
- either is from a script written without spaces (Han, kana, Thai, Lao,
  Khmer, Myanmar), where every character position counts as a boundary;

and a combining mark always joins the character before it, whatever that is.

A match must not join the article text on either side: "likely" does not
verify inside "unlikely", nor "join" inside "joined", nor "rump has been" in
"Trump has been", nor a quote that starts with a combining mark or stops short
of the marks on its last character. Apostrophes and hyphens are not word
characters, so "Trump" verifies in "Trump-brokered" and "Trump's".

Ellipsis. "…" or three dots (any further dots or "…" run on: "…." is an
omission and a full stop) split a quote into parts that must appear in order,
without overlapping, within one paragraph of the article: text between blank
lines of the original. Each part obeys the rules of a whole quote. A leading or
trailing ellipsis only says the quote is cut; an empty part between two
ellipses is refused. A quote without an ellipsis may cross a paragraph break,
as it always could.

Minimum length (`MIN_WORDS`, off unless `find` is given `min_words`): a part
shorter than four words is too weak to prove anything, unless it is a whole
sentence of the article. Three words ("the Abraham Accords", "join the
accords", "Saudi Arabia will") recur in any article on the subject and so
prove nothing about a particular claim; four is the shortest length at which
the shipped log's quotes read as a claim. A word is a whitespace-separated run
holding a letter or digit; in scripts without spaces each character counts.

Many quotes of one article (`verify`, `Article.find_all`) are searched for in
one pass: pyahocorasick's Aho-Corasick automaton over all their parts reports
where each occurs in the normalised article, and the whole-word rules then
judge those places exactly as `find` judges what its own scans find (`quoteindex`), so the
answers are the same, quote for quote, whichever way they were found. A part
that recurs too often to list keeps only its first places (the rest is
scanned for as `find` does), so no article and no set of quotes makes the pass
costly. When many quotes miss, what their explanations look for (prefixes, and
the parts in lower case) is indexed the same way, one pass each.
`MATCHER_VERSION` names these rules: it changes whenever any quote's answer
could, so that answers remembered elsewhere (keyed by the article's bytes, the
quote, `min_words` and it) are never reused across a change.

The matcher is five modules: this one (an `Article` and the search for a
quote's parts), `quotetext` (normalising, and offsets back to the article),
`quotewords` (whole words, the scans for candidates, the work budget),
`quoteindex` (the one pass for many parts) and `quotemisses` (misses that say
where).

Line breaks are "\\n", "\\r\\n" and a lone "\\r"; lines are numbered from 1.
Offsets in `Match` and `Miss` are into the original article text, as given
(invisible characters included); a match neither starts nor ends with one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.log.quoteindex import Index, indexed, widen
from tracker.log.quotemisses import Miss, explain, shown
from tracker.log.quotetext import HIDDEN, UNHIDE, fold, line_starts, nfc, normalise, visible
from tracker.log.quotewords import Budget, GaveUp, Listed, Scan, has_word, joins, skipper, word_count

__all__ = ["MATCHER_VERSION", "MIN_WORDS", "Article", "Match", "verify"]

MIN_WORDS = 4
# Changes whenever the answer (Match or Miss, message included) for some article and quote could:
# answers remembered under an older version are stale.
MATCHER_VERSION = 1

_ELLIPSIS = re.compile(r"(?:…|\.{3})[.…]*")
_SENTENCE_END = re.compile(r"[.!?]['\")\]]*\Z")
_CLOSED = re.compile("[.!?]['\"\u2019\u201d)\\]]*\\Z")  # a sentence's end in the original text


@dataclass(frozen=True, slots=True)
class Match:
    """Where a quote is: offsets into the original article, `end` exclusive.

    `passage` is the article's own text from the start of the first part to the
    end of the last; `parts` holds each ellipsis part's (start, end).
    """

    start: int
    end: int
    line: int
    passage: str
    parts: tuple[tuple[int, int], ...]


def _parts(quote: str) -> list[str] | Miss:
    """The normalised parts of a quote, or why it is refused."""
    parts = [part.strip(" ") for part in _ELLIPSIS.split(normalise(quote))]
    if parts and not parts[0]:
        parts.pop(0)
    if parts and not parts[-1]:
        parts.pop()
    if not parts:
        return Miss("the quote has no letters or digits", "refused")
    if "" in parts:
        return Miss("the quote has an empty part between two ellipses", "refused")
    if len(parts) == 1 and not has_word(parts[0]):
        return Miss("the quote has no letters or digits", "refused")
    for number, part in enumerate(parts, 1):
        if not has_word(part):
            return Miss(f"part {number} of {len(parts)} ({shown(part)}) has no letters or digits", "refused")
    return parts


class Article:
    """One article, normalised and indexed once, to check any number of quotes against.

    `text` is the article as given (decoded; a BOM left in is harmless) and
    `normalised` is `normalise(text)`. Building one costs a few passes over the
    text in C, plus Python work for each run of two or more whitespace
    characters and each cluster NFC rewrites: the offset map back to `text`.
    Each `find` is then a few linear searches.
    """

    __slots__ = ("_breaks", "_folded", "_lines", "_lower", "_nfc", "_visible", "normalised", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        shown, self._visible = visible(text)
        composed, self._nfc = nfc(shown)
        self.normalised, self._folded, self._breaks = fold(composed)
        self._lines: list[int] | None = None
        self._lower: str | None = None

    # --- positions --------------------------------------------------------

    def offset(self, n: int) -> int:
        """Offset in `text` where normalised character `n` begins."""
        return self._visible.start(self._nfc.start(self._folded.start(n)))

    def _end(self, n: int) -> int:
        """Offset in `text` where normalised text up to `n` (exclusive) ends."""
        return self._visible.end(self._nfc.end(self._folded.end(n)))

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The span of `text` that normalised span [start, end) came from (for fuzzy finders)."""
        return self.offset(start), self._end(end)

    def line(self, offset: int) -> int:
        """1-based line of an offset into `text`."""
        if self._lines is None:
            self._lines = line_starts(self.text)
        return bisect_right(self._lines, offset)

    def _paragraph_end(self, n: int) -> int:
        """Normalised position of the paragraph break after position `n`, or the end."""
        k = bisect_right(self._breaks, n)
        return self._breaks[k] if k < len(self._breaks) else len(self.normalised)

    def lowered(self) -> str:
        """The normalised text in lower case, or "" where case mapping changes its length."""
        if self._lower is None:
            lowered = self.normalised.lower()
            self._lower = lowered if len(lowered) == len(self.normalised) else ""
        return self._lower

    # --- matching ---------------------------------------------------------

    def find(self, quote: str, *, min_words: int = 0) -> Match | Miss:
        """Where `quote` is in the article, or why it is not (module docstring for the rules).

        With `min_words`, a part with fewer words that is not a whole sentence
        of the article is refused as too weak.
        """
        return self.find_all([quote], min_words=min_words)[0]

    def find_all(self, quotes: Sequence[str], *, min_words: int = 0) -> list[Match | Miss]:
        """Each quote's `find`, in order: the same answers, with all their parts searched for at once
        when they are many (see `Index`), and a quote given twice answered once.

        Misses are explained after every quote was looked for, so that when
        they are many, what explaining them looks for is indexed at once too.
        """
        parsed = {quote: _parts(quote) for quote in quotes}
        searched = {quote: parts for quote, parts in parsed.items() if not isinstance(parts, Miss)}
        index = indexed(self.normalised, {part for parts in searched.values() for part in parts})
        answers: dict[str, Match | Miss | None] = {
            quote: parts if isinstance(parts, Miss) else self._answer(parts, min_words, index)
            for quote, parts in parsed.items()
        }
        missed = {part for quote, parts in searched.items() if answers[quote] is None for part in parts}
        if index is not None:
            widen(index, self.normalised, self.lowered, missed)
        done: dict[str, Match | Miss] = {}
        for quote, answer in answers.items():
            done[quote] = explain(self, searched[quote], index) if answer is None else answer
        return [done[quote] for quote in quotes]

    def _answer(self, parts: list[str], min_words: int, index: Index | None) -> Match | Miss | None:
        """The quote's match, or why it is refused; None if it is not in the article (`explain` says why)."""
        try:
            spans = self._locate(parts, Budget(), index)
        except GaveUp:
            return Miss(
                "the quote occurs inside longer words too often to check; quote a longer passage", "gave-up"
            )
        if spans is None:
            return None
        start, end = self.offset(spans[0][0]), self._end(spans[-1][1])
        match = Match(
            start,
            end,
            self.line(start),
            self.text[start:end],
            tuple((self.offset(a), self._end(b)) for a, b in spans),
        )
        if min_words > 0:
            for number, (part, (a, _)) in enumerate(zip(parts, spans, strict=True), 1):
                words = word_count(part)
                if words < min_words and not self._sentence(part, a):
                    which = "the quote" if len(parts) == 1 else f"part {number} of {len(parts)}"
                    return Miss(
                        f"{which} is too short to prove anything: {words} word{'s' * (words != 1)}, "
                        f"fewer than {min_words}, and not a whole sentence of the article",
                        "weak",
                        self.line(self.offset(a)),
                    )
        return match

    def search(
        self, part: str, start: int, stop: int, budget: Budget, index: Index | None = None
    ) -> int | None:
        """First normalised position >= start where `part` lies wholly before `stop`, as whole words.

        The candidates are where `part` occurs (less those its regex refuses), found
        by scanning or, for a part in `index`, looked up in its list of places.
        """
        text = self.normalised
        first, last = part[0], part[-1]
        skip = skipper(first)
        cost = len(part)
        places = None if index is None else index.places.get(part)
        scan = Scan(text, part) if places is None else Listed(text, part, places)
        position = start
        while True:
            position = scan.next(position, stop)
            if position < 0:
                return None
            if position > 0 and joins(text[position - 1], first):
                budget.spend(cost)
                after = None if skip is None else skip.search(text, position, stop)
                if after is None:
                    return None
                position = after.start() + 1
                continue
            end = position + len(part)
            if (end < len(text) and joins(last, text[end])) or self._splits(position, end):
                budget.spend(cost)
                position += 1
                continue
            return position

    def _splits(self, start: int, end: int) -> bool:
        """Whether normalised span [start, end) cuts into a character NFC built from several.

        The whole-word rules already keep combining marks with their base; this
        guards the offset map against the rarer NFC rewrites of several characters.
        """
        if not self._nfc:
            return False
        return self._nfc.cuts(self._folded.start(start)) or self._nfc.cuts(self._folded.end(end))

    def _locate(self, parts: list[str], budget: Budget, index: Index | None) -> list[tuple[int, int]] | None:
        """Normalised spans of the parts, in order within one paragraph if more than one."""
        size = len(self.normalised)
        if len(parts) == 1:
            found = self.search(parts[0], 0, size, budget, index)
            return None if found is None else [(found, found + len(parts[0]))]
        position = 0
        while position < size:
            first = self.search(parts[0], position, size, budget, index)
            if first is None:
                return None
            stop = self._paragraph_end(first)
            if first + len(parts[0]) > stop:  # the part itself crosses a paragraph break
                budget.spend(len(parts[0]))
                position = first + 1
                continue
            spans = [(first, first + len(parts[0]))]
            for part in parts[1:]:
                found = self.search(part, spans[-1][1], stop, budget, index)
                if found is None:
                    break
                spans.append((found, found + len(part)))
            else:
                return spans
            position = stop + 1  # leftmost-first fails in this paragraph: no order fits it
        return None

    def _sentence(self, part: str, a: int) -> bool:
        """Whether `part`, found at normalised position `a`, is a whole sentence of the article.

        It must end with . ! or ? (closing quotes and brackets may follow) and
        start the article, a line, or follow such an end and a space.
        """
        if not _SENTENCE_END.search(part):
            return False
        start = before = self.offset(a)
        while before > 0 and (
            (self.text[before - 1].isspace() and self.text[before - 1] not in "\r\n")
            or self.text[before - 1] in HIDDEN
        ):
            before -= 1
        if before == 0 or self.text[before - 1] in "\r\n":
            return True
        closing = self.text[max(0, before - 10) : before].translate(UNHIDE)  # '."' with a ZWSP between
        return before < start and _CLOSED.search(closing) is not None


def verify(article: Article | str, quotes: Sequence[str], *, min_words: int) -> list[Match | Miss]:
    """Each quote's answer in `article` (text, or already indexed), in order: `Article.find_all`.

    The one entry point for checking many quotes of one article, so that a
    cache of answers can wrap it: an answer depends only on the article's text,
    the quote, `min_words` and `MATCHER_VERSION`.
    """
    if isinstance(article, str):
        article = Article(article)
    return article.find_all(quotes, min_words=min_words)

"""Whether a quote is verbatim in an article, where, and if not, why not.

A citation's quote is evidence only if it cannot be satisfied by accident, so a
quote must match the article as whole words, and must carry letters or digits.

Normalisation, applied identically to quote and article (`normalise`):

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
judge those places exactly as `find` judges what its own scans find, so the
answers are the same, quote for quote, whichever way they were found. A part
that recurs too often to list keeps only its first places (the rest is
scanned for as `find` does), so no article and no set of quotes makes the pass
costly. When many quotes miss, what their explanations look for (prefixes, and
the parts in lower case) is indexed the same way, one pass each.
`MATCHER_VERSION` names these rules: it changes whenever any quote's answer
could, so that answers remembered elsewhere (keyed by the article's bytes, the
quote, `min_words` and it) are never reused across a change.

Line breaks are "\\n", "\\r\\n" and a lone "\\r"; lines are numbered from 1.
Offsets in `Match` and `Miss` are into the original article text, as given
(invisible characters included); a match neither starts nor ends with one.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

__all__ = ["MATCHER_VERSION", "MIN_WORDS", "Article", "Match", "Miss", "MissKind", "normalise", "verify"]

MIN_WORDS = 4
# Changes whenever the answer (Match or Miss, message included) for some article and quote could:
# answers remembered under an older version are stale.
MATCHER_VERSION = 1

_QUOTE_MARKS = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'}  # fmt: skip
# Every character str.isspace() accepts (tests check the list is complete).
_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
_WHITESPACE += "\u2028\u2029\u202f\u205f\u3000"
_TABLE = str.maketrans({**_QUOTE_MARKS, **dict.fromkeys(_WHITESPACE, " ")})
_TRANSLATED = tuple((chr(code), str(to)) for code, to in _TABLE.items() if chr(code) != to)
_TRANSLATE_LONG = 1 << 12  # characters from which `_translate` replaces rather than translates
# Invisible format characters ignored on both sides (module docstring); removed before NFC.
_HIDDEN = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_HIDDEN_RUN = re.compile(f"[{_HIDDEN}]+")
_UNHIDE = str.maketrans(dict.fromkeys(_HIDDEN))

# Scripts written without spaces between words: every position is a boundary.
_SPACELESS = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3040, 0x30FF),
              (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))  # fmt: skip
_SPACELESS_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _SPACELESS)
_SPACELESS_CHAR = re.compile(f"[{_SPACELESS_CLASS}]")
_WORD_CHAR = re.compile(r"[^\W_]")  # a letter or a digit, as str.isalnum sees them

# A boundary before an ASCII character is safe for NFC: no ASCII character
# combines with what precedes it. So NFC can be applied piece by piece.
_PIECE = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")
_SPACES = re.compile(" +")
_LINE_BREAK = re.compile(r"\r\n?|\n")
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n?|\n)[^\S\r\n]*(?:\r\n?|\n)")
_ELLIPSIS = re.compile(r"(?:…|\.{3})[.…]*")
_SENTENCE_END = re.compile(r"[.!?]['\")\]]*\Z")
_CLOSED = re.compile("[.!?]['\"\u2019\u201d)\\]]*\\Z")  # a sentence's end in the original text

# Where a valid start may lie, as a superset, so that a run of failed
# candidates inside one long word is skipped in C rather than char by char.
_AFTER_NON_WORD = re.compile(rf"[\W{_SPACELESS_CLASS}]")  # \W includes marks: a superset
_AFTER_NON_UPPER = re.compile(r"[^A-Z0-9_]")

# Work allowed for candidates that fail a boundary check, in characters compared;
# each failure costs at least _MIN_COST, which also caps the Python-level loop.
_WORK_LIMIT = 1 << 24
_MIN_COST = 1 << 10
_SHOWN = 60  # characters of text shown in a reason
_PATTERN_MAX = 1 << 10  # longest part searched with a regex (see `_pattern`)

# The one pass over an article for many quotes (`_Index`). It pays when the parts are many: a pass costs
# as much as some tens of searches of the whole article, and a search for one part at most one.
_INDEX_MIN_PARTS = 64  # distinct parts, at least
_INDEX_MIN_WORK = 1 << 24  # distinct parts times normalised characters, at least
_INDEX_KEEP = 1 << 10  # places listed per part; later ones are scanned for as `find` does
_INDEX_REPORTS = 1 << 20  # places the pass may report in all before it stops (each costs Python work)
_INDEX_WASTE = 1 << 16  # reports of parts already full before the automaton is rebuilt without them
_INDEX_CHUNK = 1 << 20  # characters given to the automaton at a time (it copies what it is given)
# For many misses, the prefixes `_longest_prefix` may look for are indexed too: each one of a part
# of at most _PREFIXED_MAX characters, until their characters add up to _PREFIXED_CHARS.
_PREFIXED_MAX = 1 << 9
_PREFIXED_CHARS = 1 << 22

MissKind = Literal["refused", "absent", "inside-word", "case", "differs", "order", "weak", "gave-up"]


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


@dataclass(frozen=True, slots=True)
class Miss:
    """Why a quote does not verify, one line, to follow "quote not found in FILE: ".

    `kind` lets a caller tell a refused quote from an absent one; `line` is the
    article line the reason points at, if any.
    """

    reason: str
    kind: MissKind = "absent"
    line: int | None = None


def normalise(text: str) -> str:
    """Text as quotes are compared: invisible characters dropped, NFC, quote marks unified, whitespace
    runs folded."""
    if _has_hidden(text):
        text = text.translate(_UNHIDE)
    return " ".join(_translate(unicodedata.normalize("NFC", text)).split())


def _translate(text: str) -> str:
    """`text.translate(_TABLE)`: quote marks made straight, every whitespace character a space.

    `str.translate` looks up each character of a non-ASCII text in the table
    (about 100 ns each: seconds for a 16 MiB article), so a long text has each
    character of the table that it holds replaced in turn, each in one C pass.
    """
    if len(text) < _TRANSLATE_LONG or text.isascii():
        return text.translate(_TABLE)
    for char, replacement in _TRANSLATED:
        if char in text:
            text = text.replace(char, replacement)
    return text


def _has_hidden(text: str) -> bool:
    return any(char in text for char in _HIDDEN)  # six searches in C: far faster than a regex


class _GaveUp(Exception):
    """The work limit ran out: the quote recurs inside words too often to check."""


class _Budget:
    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = _WORK_LIMIT

    def spend(self, cost: int) -> None:
        self.left -= max(cost, _MIN_COST)
        if self.left < 0:
            raise _GaveUp


class _OffsetMap:
    """Positions in a derived text back to its source, given the edits between them.

    Each edit replaced source [src, src_end) by derived [dst, dst_end); outside
    edits the texts agree character for character.
    """

    __slots__ = ("_dst", "_dst_end", "_src", "_src_end")

    def __init__(self) -> None:
        self._dst: list[int] = []
        self._dst_end: list[int] = []
        self._src: list[int] = []
        self._src_end: list[int] = []

    def add(self, src: int, src_end: int, dst: int, dst_end: int) -> None:
        self._src.append(src)
        self._src_end.append(src_end)
        self._dst.append(dst)
        self._dst_end.append(dst_end)

    def __bool__(self) -> bool:
        return bool(self._dst)

    def cuts(self, n: int) -> bool:
        """Whether derived position `n` lies strictly inside an edit's output."""
        k = bisect_right(self._dst, n) - 1
        return k >= 0 and self._dst[k] < n < self._dst_end[k]

    def start(self, n: int) -> int:
        """Source offset where derived character `n` begins."""
        k = bisect_right(self._dst, n) - 1
        if k < 0:
            return n
        if n < self._dst_end[k]:
            return self._src[k]
        return n - self._dst_end[k] + self._src_end[k]

    def end(self, n: int) -> int:
        """Source offset where derived character `n - 1` ends (an exclusive end)."""
        if n <= 0:
            return 0
        k = bisect_right(self._dst, n - 1) - 1
        if k < 0:
            return n
        if n - 1 < self._dst_end[k]:
            return self._src_end[k]
        return n - self._dst_end[k] + self._src_end[k]


def _visible(text: str) -> tuple[str, _OffsetMap]:
    """`text` without the invisible characters quotes ignore, and where the rest came from."""
    edits = _OffsetMap()
    if not _has_hidden(text):
        return text, edits
    out: list[str] = []
    done = size = 0  # source copied so far; length of the output so far
    for run in _HIDDEN_RUN.finditer(text):
        a, b = run.span()
        out.append(text[done:a])
        size += a - done
        edits.add(a, b, size, size)  # removed: nothing in the output
        done = b
    out.append(text[done:])
    return "".join(out), edits


def _nfc(text: str) -> tuple[str, _OffsetMap]:
    """NFC of `text`, and where each changed cluster came from."""
    edits = _OffsetMap()
    if unicodedata.is_normalized("NFC", text):
        return text, edits
    out: list[str] = []
    done = size = 0  # source copied so far; length of the output so far
    for piece_match in _PIECE.finditer(text):
        piece = piece_match.group()
        if unicodedata.is_normalized("NFC", piece):
            continue
        base = piece_match.start()
        for a, b, composed in _clusters(piece):
            if composed == piece[a:b]:
                continue
            out.append(text[done : base + a])
            size += base + a - done
            edits.add(base + a, base + b, size, size + len(composed))
            out.append(composed)
            size += len(composed)
            done = base + b
    out.append(text[done:])
    return "".join(out), edits


def _clusters(piece: str) -> list[tuple[int, int, str]]:
    """`piece` cut where NFC can be applied on each side independently, with each cut's NFC."""
    nfc = unicodedata.normalize
    if all(map(unicodedata.combining, piece[1:])):  # one letter and its marks, the usual case
        return [(0, len(piece), nfc("NFC", piece))]
    cuts = [0]
    for j in range(1, len(piece)):
        char = piece[j]
        if unicodedata.combining(char):
            continue
        current = piece[cuts[-1] : j]
        if nfc("NFC", current + char) == nfc("NFC", current) + nfc("NFC", char):
            cuts.append(j)
    cuts.append(len(piece))
    spans = [(a, b, nfc("NFC", piece[a:b])) for a, b in pairwise(cuts)]
    whole = nfc("NFC", piece)
    if "".join(s for _, _, s in spans) != whole:  # never seen; one cluster is still right
        return [(0, len(piece), whole)]
    return spans


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.category(char)[0] == "M"


def _spaceless(char: str) -> bool:
    return _SPACELESS_CHAR.match(char) is not None


def _joins(left: str, right: str) -> bool:
    """Whether no word boundary lies between two adjacent characters (module docstring)."""
    right_kind = unicodedata.category(right)
    if right_kind[0] == "M":
        return True
    if not (_word_char(left) and _word_char(right)):
        return False
    if _spaceless(left) or _spaceless(right):
        return False
    return not (right_kind in ("Lu", "Lt") and unicodedata.category(left) == "Ll")


def _skipper(first: str) -> re.Pattern[str] | None:
    """A pattern whose next match, plus one, is at or before the next valid start for `first`.

    None if no start after the first character of the text can be valid:
    a combining mark belongs to whatever precedes it.
    """
    kind = unicodedata.category(first)
    if kind[0] == "M":
        return None
    if kind in ("Lu", "Lt"):
        return _AFTER_NON_UPPER
    return _AFTER_NON_WORD


_LOWER_JOINS = "abcdefghijklmnopqrstuvwxyz0123456789_"  # ASCII characters that join a lowercase end
_ANY_JOINS = _LOWER_JOINS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # and any other word character's


def _refused(part: str) -> str | None:
    """The ASCII characters that `part`'s regex (`_pattern`) refuses after it, or None if it has none.

    Each of them joins the part's last character (`_joins`), so refusing them
    early changes which candidates are looked at, never the answer.
    """
    last = part[-1]
    if len(part) > _PATTERN_MAX or not _word_char(last) or _spaceless(last):
        return None
    if unicodedata.category(last)[0] == "M":
        return None
    return _LOWER_JOINS if unicodedata.category(last) == "Ll" else _ANY_JOINS


def _pattern(part: str) -> re.Pattern[str] | None:
    """`part` as a regex that already refuses the commonest bad end, an ASCII word character.

    Python's regex engine finds a literal prefix in linear time, so a quote that
    recurs inside ASCII words is sifted in C; the exact check follows in `_find`.
    None where no end can be refused, or where compiling would cost more than
    it saves (a long part rarely recurs): `str.find` serves.
    """
    refused = _refused(part)
    if refused is None:
        return None
    return re.compile(f"{re.escape(part)}(?![{re.escape(refused)}])")


class _Index:
    """Where each of many parts begins in a normalised text, found in one Aho-Corasick pass.

    `places[part]` is `(starts, covered)`: every position below `covered` where
    `part` begins, in order (whole words or not: `_find` judges them). Usually
    `covered` is past the end and the list is complete; a part that recurs more
    than `_INDEX_KEEP` times stops being listed there, and when the pass has
    reported `_INDEX_REPORTS` places in all it stops, every unfinished part
    covered up to where it stopped. Beyond `covered`, `_find` scans as `find`
    does, so the answers never depend on these bounds; they bound the pass.
    """

    __slots__ = ("lower", "places")

    def __init__(self, text: str, parts: Collection[str]) -> None:
        import ahocorasick  # C; imported only when many quotes of one article are checked

        keys = sorted(parts)
        sizes = [len(key) for key in keys]
        starts: list[list[int]] = [[] for _ in keys]
        full = len(text) + 1
        covered = [full] * len(keys)
        live: Sequence[int] = range(len(keys))
        position = reported = 0  # every report whose last character is before `position` is in
        while live and position < len(text):
            automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for k in live:
                automaton.add_word(keys[k], k)
            automaton.make_automaton()
            longest = max(sizes[k] for k in live)
            waste, restart = 0, -1
            while restart < 0 and position < len(text):
                # A chunk at a time, each from early enough to hold any part that ends in it.
                begin, end = max(0, position - longest + 1), min(len(text), position + _INDEX_CHUNK)
                for last, k in automaton.iter(text[begin:end]):  # by the position of their last character
                    last += begin
                    if last < position:
                        continue  # reported from the chunk before, or before the automaton was rebuilt
                    reported += 1
                    found = starts[k]
                    if covered[k] != full:  # this part lists no more
                        waste += 1
                        if waste >= _INDEX_WASTE or reported >= _INDEX_REPORTS:
                            restart = last
                            break
                        continue
                    first = last - sizes[k] + 1
                    if found and found[-1] >= first:
                        continue  # reported before the rebuild, at the position where it happened
                    found.append(first)
                    if len(found) == _INDEX_KEEP:
                        covered[k] = first + 1
                    if reported >= _INDEX_REPORTS:
                        restart = last
                        break
                else:
                    position = end
            if restart < 0:
                break
            position = restart  # some reports ending here may be in, the rest are still to come
            if reported >= _INDEX_REPORTS:  # stop: what ends before `restart` is known
                for k in range(len(keys)):
                    covered[k] = min(covered[k], max(0, restart - sizes[k] + 1))
                break
            live = [k for k in live if covered[k] == full]
        self.places: dict[str, tuple[list[int], int]] = {}
        for key, found, bound in zip(keys, starts, covered, strict=True):
            if found and found[-1] >= bound:
                found = found[: bisect_left(found, bound)]
            self.places[key] = (found, bound)
        self.lower: _Index | None = None  # for misses: the parts in lower case, in the text in lower case


def _indexed(text: str, parts: Collection[str]) -> _Index | None:
    """An index of `parts` in `text`, where there are enough of them to pay for the pass."""
    if len(parts) < _INDEX_MIN_PARTS or len(parts) * len(text) < _INDEX_MIN_WORK:
        return None
    return _Index(text, parts)


def _prefixes(parts: Collection[str]) -> set[str]:
    """The prefixes of `parts` that `_longest_prefix` may look for (within the bounds above)."""
    prefixes: set[str] = set()
    room = _PREFIXED_CHARS
    for part in parts:
        if len(part) > _PREFIXED_MAX:
            continue
        cut = part.find(" ", next(i for i, char in enumerate(part) if char.isalnum()))
        while cut >= 0 and room > 0:
            prefixes.add(part[:cut])
            room -= cut
            cut = part.find(" ", cut + 1)
    return prefixes


def _has_word(text: str) -> bool:
    return _WORD_CHAR.search(text) is not None


def _shown(text: str, *, tail: bool = False) -> str:
    """`text` quoted for a message, cut to _SHOWN characters (keeping its end if `tail`)."""
    if len(text) > _SHOWN:
        text = "…" + text[-(_SHOWN - 1) :] if tail else text[: _SHOWN - 1] + "…"
    return repr(text)


def _words(part: str) -> int:
    """Words in a normalised part: tokens with a letter or digit; spaceless-script characters count each."""
    count = 0
    for token in part.split(" "):
        if _has_word(token):  # the regexes run in C: check reads every quote of a large log
            count += max(1, len(_SPACELESS_CHAR.findall(token)))
    return count


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
    if len(parts) == 1 and not _has_word(parts[0]):
        return Miss("the quote has no letters or digits", "refused")
    for number, part in enumerate(parts, 1):
        if not _has_word(part):
            return Miss(f"part {number} of {len(parts)} ({_shown(part)}) has no letters or digits", "refused")
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
        visible, self._visible = _visible(text)
        composed, self._nfc = _nfc(visible)
        self.normalised, self._folded, self._breaks = _fold(composed)
        self._lines: list[int] | None = None
        self._lower: str | None = None

    # --- positions --------------------------------------------------------

    def _start(self, n: int) -> int:
        """Offset in `text` where normalised character `n` begins."""
        return self._visible.start(self._nfc.start(self._folded.start(n)))

    def _end(self, n: int) -> int:
        """Offset in `text` where normalised text up to `n` (exclusive) ends."""
        return self._visible.end(self._nfc.end(self._folded.end(n)))

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The span of `text` that normalised span [start, end) came from (for fuzzy finders)."""
        return self._start(start), self._end(end)

    def line(self, offset: int) -> int:
        """1-based line of an offset into `text`."""
        if self._lines is None:
            self._lines = _line_starts(self.text)
        return bisect_right(self._lines, offset)

    def _paragraph_end(self, n: int) -> int:
        """Normalised position of the paragraph break after position `n`, or the end."""
        k = bisect_right(self._breaks, n)
        return self._breaks[k] if k < len(self._breaks) else len(self.normalised)

    # --- matching ---------------------------------------------------------

    def find(self, quote: str, *, min_words: int = 0) -> Match | Miss:
        """Where `quote` is in the article, or why it is not (module docstring for the rules).

        With `min_words`, a part with fewer words that is not a whole sentence
        of the article is refused as too weak.
        """
        return self.find_all([quote], min_words=min_words)[0]

    def find_all(self, quotes: Sequence[str], *, min_words: int = 0) -> list[Match | Miss]:
        """Each quote's `find`, in order: the same answers, with all their parts searched for at once
        when they are many (see `_Index`), and a quote given twice answered once.

        Misses are explained after every quote was looked for, so that when
        they are many, what explaining them looks for is indexed at once too.
        """
        parsed = {quote: _parts(quote) for quote in quotes}
        searched = {quote: parts for quote, parts in parsed.items() if not isinstance(parts, Miss)}
        index = _indexed(self.normalised, {part for parts in searched.values() for part in parts})
        answers: dict[str, Match | Miss | None] = {
            quote: parts if isinstance(parts, Miss) else self._answer(parts, min_words, index)
            for quote, parts in parsed.items()
        }
        missed = {part for quote, parts in searched.items() if answers[quote] is None for part in parts}
        if index is not None and len(missed) >= _INDEX_MIN_PARTS:
            prefixes = _indexed(self.normalised, _prefixes(missed))
            if prefixes is not None:
                index.places.update(prefixes.places)
            if lower := self._lowered():
                index.lower = _indexed(lower, {part.lower() for part in missed})
        done: dict[str, Match | Miss] = {}
        for quote, answer in answers.items():
            done[quote] = self._explain(searched[quote], index) if answer is None else answer
        return [done[quote] for quote in quotes]

    def _answer(self, parts: list[str], min_words: int, index: _Index | None) -> Match | Miss | None:
        """The quote's match, or why it is refused; None if it is not in the article (`_explain` says why)."""
        try:
            spans = self._locate(parts, _Budget(), index)
        except _GaveUp:
            return Miss(
                "the quote occurs inside longer words too often to check; quote a longer passage", "gave-up"
            )
        if spans is None:
            return None
        start, end = self._start(spans[0][0]), self._end(spans[-1][1])
        match = Match(
            start,
            end,
            self.line(start),
            self.text[start:end],
            tuple((self._start(a), self._end(b)) for a, b in spans),
        )
        if min_words > 0:
            for number, (part, (a, _)) in enumerate(zip(parts, spans, strict=True), 1):
                words = _words(part)
                if words < min_words and not self._sentence(part, a):
                    which = "the quote" if len(parts) == 1 else f"part {number} of {len(parts)}"
                    return Miss(
                        f"{which} is too short to prove anything: {words} word{'s' * (words != 1)}, "
                        f"fewer than {min_words}, and not a whole sentence of the article",
                        "weak",
                        self.line(self._start(a)),
                    )
        return match

    def _find(
        self, part: str, start: int, stop: int, budget: _Budget, index: _Index | None = None
    ) -> int | None:
        """First normalised position >= start where `part` lies wholly before `stop`, as whole words.

        The candidates are where `part` occurs (less those its regex refuses), found
        by scanning or, for a part in `index`, looked up in its list of places.
        """
        text = self.normalised
        first, last = part[0], part[-1]
        skipper = _skipper(first)
        cost = len(part)
        places = None if index is None else index.places.get(part)
        scan = _Scan(text, part) if places is None else _Listed(text, part, places)
        position = start
        while True:
            position = scan.next(position, stop)
            if position < 0:
                return None
            if position > 0 and _joins(text[position - 1], first):
                budget.spend(cost)
                after = None if skipper is None else skipper.search(text, position, stop)
                if after is None:
                    return None
                position = after.start() + 1
                continue
            end = position + len(part)
            if (end < len(text) and _joins(last, text[end])) or self._splits(position, end):
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

    def _locate(
        self, parts: list[str], budget: _Budget, index: _Index | None
    ) -> list[tuple[int, int]] | None:
        """Normalised spans of the parts, in order within one paragraph if more than one."""
        size = len(self.normalised)
        if len(parts) == 1:
            found = self._find(parts[0], 0, size, budget, index)
            return None if found is None else [(found, found + len(parts[0]))]
        position = 0
        while position < size:
            first = self._find(parts[0], position, size, budget, index)
            if first is None:
                return None
            stop = self._paragraph_end(first)
            if first + len(parts[0]) > stop:  # the part itself crosses a paragraph break
                budget.spend(len(parts[0]))
                position = first + 1
                continue
            spans = [(first, first + len(parts[0]))]
            for part in parts[1:]:
                found = self._find(part, spans[-1][1], stop, budget, index)
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
        start = before = self._start(a)
        while before > 0 and (
            (self.text[before - 1].isspace() and self.text[before - 1] not in "\r\n")
            or self.text[before - 1] in _HIDDEN
        ):
            before -= 1
        if before == 0 or self.text[before - 1] in "\r\n":
            return True
        closing = self.text[max(0, before - 10) : before].translate(_UNHIDE)  # '."' with a ZWSP between
        return before < start and _CLOSED.search(closing) is not None

    # --- explaining a miss ------------------------------------------------

    def _explain(self, parts: list[str], index: _Index | None) -> Miss:
        """Why the parts do not verify: the first part absent as a whole, else their order."""
        if len(parts) == 1:  # already searched for
            return self._explain_part(parts[0], index)
        for number, part in enumerate(parts, 1):
            try:
                found = self._find(part, 0, len(self.normalised), _Budget(), index)
            except _GaveUp:
                found = 0  # too common to tell: say nothing about this part
            if found is None:
                miss = self._explain_part(part, index)
                prefix = f"part {number} of {len(parts)} ({_shown(part)}): "
                return Miss(prefix + miss.reason, miss.kind, miss.line)
        try:
            first = self._find(parts[0], 0, len(self.normalised), _Budget(), index)
        except _GaveUp:
            first = None
        line = None if first is None else self.line(self._start(first))
        where = "" if line is None else f" (the first part is at line {line})"
        return Miss(
            f"every part is in the article, but not in this order within one paragraph{where}", "order", line
        )

    def _explain_part(self, part: str, index: _Index | None) -> Miss:
        text = self.normalised
        places = None if index is None else index.places.get(part)
        raw = text.find(part) if places is None else _Listed(text, part, places).first()
        if raw >= 0:
            a, b = raw, raw + len(part)
            low, high = max(0, a - _SHOWN), min(len(text), b + _SHOWN)  # enough to show
            while a > low and _joins(text[a - 1], text[a]):
                a -= 1
            while b < high and _joins(text[b - 1], text[b]):
                b += 1
            word = "…" * (a == low > 0) + text[a:b] + "…" * (b == high < len(text))
            line = self.line(self._start(a))
            return Miss(
                f"found only inside a longer word at line {line}: {_shown(word)}", "inside-word", line
            )
        case = self._other_case(part, index)
        if case is not None:
            line = self.line(self._start(case))
            shown = _shown(text[case : case + len(part)])
            return Miss(f"differs only in capitals: the article has {shown} at line {line}", "case", line)
        return self._longest_prefix(part, index)

    def _lowered(self) -> str:
        """The normalised text in lower case, or "" where case mapping changes its length."""
        if self._lower is None:
            lowered = self.normalised.lower()
            self._lower = lowered if len(lowered) == len(self.normalised) else ""
        return self._lower

    def _other_case(self, part: str, index: _Index | None) -> int | None:
        """A whole-word position where `part` appears with other capitals, if case mapping keeps lengths."""
        lower, wanted = self._lowered(), part.lower()
        if not lower or len(wanted) != len(part):
            return None
        places = None if index is None or index.lower is None else index.lower.places.get(wanted)
        scan = (
            _Scan(lower, wanted, plain=True) if places is None else _Listed(lower, wanted, places, plain=True)
        )
        text, budget, position = self.normalised, _Budget(), 0
        try:
            while (position := scan.next(position, len(lower))) >= 0:
                end = position + len(part)
                if not (position > 0 and _joins(text[position - 1], text[position])) and not (
                    end < len(text) and _joins(text[end - 1], text[end])
                ):
                    return position
                budget.spend(len(part))
                position += 1
        except _GaveUp:
            pass
        return None

    def _longest_prefix(self, part: str, index: _Index | None) -> Miss:
        """Where the longest whole-word prefix of `part` ends, and the first word that differs.

        Prefixes end at the part's spaces and must hold a letter or digit; one
        found implies every shorter one is found there too, so a binary search
        over character positions needs about log2(len(part)) searches.
        """
        first = next(i for i, char in enumerate(part) if char.isalnum())
        low, high = part.find(" ", first), part.rfind(" ")
        if low < 0:
            return Miss("not in the article", "absent")
        shortest, best = low, None  # best: (cut, position)
        while low <= high:
            cut = part.rfind(" ", 0, (low + high) // 2 + 1)
            try:
                found = self._find(part[:cut], 0, len(self.normalised), _Budget(), index)
            except _GaveUp:
                found = None
            if found is None:
                high = cut - 1
                continue
            best = (cut, found)
            low = part.find(" ", cut + 1)
            if low < 0:
                break
        if best is None:
            return Miss(f"not in the article, not even its first word {_shown(part[:shortest])}", "absent")
        cut, position = best
        end = position + cut
        line = self.line(self._start(position))
        ours = part[cut + 1 :].split(" ", 1)[0]
        rest = self.normalised[end : end + 2 * _SHOWN].lstrip(" ")
        theirs = (
            f"where the article has {_shown(rest.split(' ', 1)[0])}" if rest else "where the article ends"
        )
        return Miss(
            f"matches up to {_shown(part[:cut], tail=True)} at line {line}, "
            f"then the quote has {_shown(ours)} {theirs}",
            "differs",
            line,
        )


class _Scan:
    """The candidates for a part, found by scanning the text (a regex sifts ASCII joins in C, unless
    `plain`: then every place where it occurs)."""

    __slots__ = ("_pattern", "_text", "part")

    def __init__(self, text: str, part: str, *, plain: bool = False) -> None:
        self._text, self.part, self._pattern = text, part, None if plain else _pattern(part)

    def next(self, position: int, stop: int) -> int:
        """The first candidate at or after `position` that ends by `stop`, or -1."""
        if self._pattern is None:
            return self._text.find(self.part, position, stop)
        found = self._pattern.search(self._text, position, stop)
        return -1 if found is None else found.start()


class _Listed:
    """The same candidates as `_Scan`, looked up in a part's places from `_Index`, scanning past them."""

    __slots__ = ("_covered", "_refused", "_scan", "_size", "_starts", "_text")

    def __init__(self, text: str, part: str, places: tuple[list[int], int], *, plain: bool = False) -> None:
        self._text, self._size, self._refused = text, len(part), None if plain else _refused(part)
        self._starts, self._covered = places
        self._scan = _Scan(text, part, plain=plain) if self._covered <= len(text) else None

    def next(self, position: int, stop: int) -> int:
        starts, size, refused, text = self._starts, self._size, self._refused, self._text
        for k in range(bisect_left(starts, position), len(starts)):
            found = starts[k]
            if found + size > stop:
                return -1  # the regex's end is `stop`: it would find none that ends by it
            # The regex refuses a following ASCII word character, but at `stop` sees the end.
            if refused is None or found + size == stop or text[found + size] not in refused:
                return found
        return -1 if self._scan is None else self._scan.next(max(position, self._covered), stop)

    def first(self) -> int:
        """Where the part first occurs at all, whole words or not (`str.find`), or -1."""
        if self._starts:
            return self._starts[0]
        return -1 if self._scan is None else self._text.find(self._scan.part, self._covered)


def _fold(text: str) -> tuple[str, _OffsetMap, list[int]]:
    """NFC `text` translated (quote marks, whitespace to spaces) and folded to single spaces, trimmed.

    Also returns the map back to `text` and the folded positions of paragraph
    breaks (whitespace runs holding a blank line). Runs are found with
    `str.find`, which is much faster than a regex on long texts with few runs.
    """
    spaced = _translate(text)  # same length as text
    edits = _OffsetMap()
    breaks: list[int] = []
    size = len(spaced)
    runs: list[tuple[int, int]] = []
    if spaced.startswith(" "):
        lead = _SPACES.match(spaced)
        assert lead is not None
        runs.append(lead.span())
    position = spaced.find("  ", runs[0][1] if runs else 0)
    while position >= 0:
        end = _SPACES.match(spaced, position)
        assert end is not None
        runs.append((position, end.end()))
        position = spaced.find("  ", end.end())
    if spaced.endswith(" ") and (not runs or runs[-1][1] != size):
        runs.append((size - 1, size))
    if not runs:
        return spaced, edits, breaks
    out: list[str] = []
    done = length = 0
    for a, b in runs:
        out.append(spaced[done:a])
        length += a - done
        space = "" if a == 0 or b == size else " "
        edits.add(a, b, length, length + len(space))
        if space and _PARAGRAPH_BREAK.search(text, a, b):
            breaks.append(length)
        out.append(space)
        length += len(space)
        done = b
    out.append(spaced[done:])
    return "".join(out), edits, breaks


def _line_starts(text: str) -> list[int]:
    """Offsets where each line of `text` begins."""
    if "\r" in text:
        return [0] + [found.end() for found in _LINE_BREAK.finditer(text)]
    starts = [0]
    position = text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def verify(article: Article | str, quotes: Sequence[str], *, min_words: int) -> list[Match | Miss]:
    """Each quote's answer in `article` (text, or already indexed), in order: `Article.find_all`.

    The one entry point for checking many quotes of one article, so that a
    cache of answers can wrap it: an answer depends only on the article's text,
    the quote, `min_words` and `MATCHER_VERSION`.
    """
    if isinstance(article, str):
        article = Article(article)
    return article.find_all(quotes, min_words=min_words)

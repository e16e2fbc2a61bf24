"""Whole words: where a quote's part may begin and end in a normalised text, and the scans that find
the candidates.

The rules are `quotes`' (its docstring): two characters join unless a
lowercase letter meets a capital, or either is from a script written without
spaces; a combining mark joins whatever precedes it. The scans (`Scan`, and
`Listed` over the places an `Index` found) give candidates; `quotes` judges
them with `joins`, within a `Budget` of work that ends the search (`GaveUp`)
when a part recurs inside words too often to check.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left

# Scripts written without spaces between words: every position is a boundary.
_SPACELESS = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3040, 0x30FF),
              (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))  # fmt: skip
_SPACELESS_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _SPACELESS)
_SPACELESS_CHAR = re.compile(f"[{_SPACELESS_CLASS}]")
_WORD_CHAR = re.compile(r"[^\W_]")  # a letter or a digit, as str.isalnum sees them

# Where a valid start may lie, as a superset, so that a run of failed
# candidates inside one long word is skipped in C rather than char by char.
_AFTER_NON_WORD = re.compile(rf"[\W{_SPACELESS_CLASS}]")  # \W includes marks: a superset
_AFTER_NON_UPPER = re.compile(r"[^A-Z0-9_]")

# Work allowed for candidates that fail a boundary check, in characters compared;
# each failure costs at least _MIN_COST, which also caps the Python-level loop.
_WORK_LIMIT = 1 << 24
_MIN_COST = 1 << 10
_PATTERN_MAX = 1 << 10  # longest part searched with a regex (see `_pattern`)


class GaveUp(Exception):
    """The work limit ran out: the quote recurs inside words too often to check."""


class Budget:
    """The work one search may spend on candidates that fail a boundary check."""

    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = _WORK_LIMIT

    def spend(self, cost: int) -> None:
        self.left -= max(cost, _MIN_COST)
        if self.left < 0:
            raise GaveUp


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.category(char)[0] == "M"


def _spaceless(char: str) -> bool:
    return _SPACELESS_CHAR.match(char) is not None


def joins(left: str, right: str) -> bool:
    """Whether no word boundary lies between two adjacent characters (`quotes`' docstring)."""
    right_kind = unicodedata.category(right)
    if right_kind[0] == "M":
        return True
    if not (_word_char(left) and _word_char(right)):
        return False
    if _spaceless(left) or _spaceless(right):
        return False
    return not (right_kind in ("Lu", "Lt") and unicodedata.category(left) == "Ll")


def skipper(first: str) -> re.Pattern[str] | None:
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

    Each of them joins the part's last character (`joins`), so refusing them
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
    recurs inside ASCII words is sifted in C; the exact check follows in
    `Article.search`. None where no end can be refused, or where compiling would cost more than
    it saves (a long part rarely recurs): `str.find` serves.
    """
    refused = _refused(part)
    if refused is None:
        return None
    return re.compile(f"{re.escape(part)}(?![{re.escape(refused)}])")


def has_word(text: str) -> bool:
    return _WORD_CHAR.search(text) is not None


def word_count(part: str) -> int:
    """Words in a normalised part: tokens with a letter or digit; spaceless-script characters count each."""
    count = 0
    for token in part.split(" "):
        if has_word(token):  # the regexes run in C: check reads every quote of a large log
            count += max(1, len(_SPACELESS_CHAR.findall(token)))
    return count


class Scan:
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


class Listed:
    """The same candidates as `Scan`, looked up in a part's places (`quoteindex`), scanning past them."""

    __slots__ = ("_covered", "_refused", "_scan", "_size", "_starts", "_text")

    def __init__(self, text: str, part: str, places: tuple[list[int], int], *, plain: bool = False) -> None:
        self._text, self._size, self._refused = text, len(part), None if plain else _refused(part)
        self._starts, self._covered = places
        self._scan = Scan(text, part, plain=plain) if self._covered <= len(text) else None

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

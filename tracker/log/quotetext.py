"""Text as quotes compare it, and where each normalised character came from.

The normalisation rules are `quotes`' (its docstring): invisible format
characters dropped, NFC, curly quote marks made straight, whitespace runs
folded to one space. `normalise` gives the text; `visible`, `nfc` and `fold`
give it step by step with an `OffsetMap` for each, so that a match in the
normalised text is reported at its offsets in the article as given. Apart
from the matcher because it knows nothing of words or quotes: `coincide` and
`passages` compare texts through it too.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import pairwise

_QUOTE_MARKS = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'}  # fmt: skip
# Every character str.isspace() accepts (tests check the list is complete).
_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
_WHITESPACE += "\u2028\u2029\u202f\u205f\u3000"
_TABLE = str.maketrans({**_QUOTE_MARKS, **dict.fromkeys(_WHITESPACE, " ")})
_TRANSLATED = tuple((chr(code), str(to)) for code, to in _TABLE.items() if chr(code) != to)
_TRANSLATE_LONG = 1 << 12  # characters from which `_translate` replaces rather than translates
# Invisible format characters ignored on both sides (`quotes`' docstring); removed before NFC.
HIDDEN = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_HIDDEN_RUN = re.compile(f"[{HIDDEN}]+")
UNHIDE = str.maketrans(dict.fromkeys(HIDDEN))


# A boundary before an ASCII character is safe for NFC: no ASCII character
# combines with what precedes it. So NFC can be applied piece by piece.
_PIECE = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")
_SPACES = re.compile(" +")
_LINE_BREAK = re.compile(r"\r\n?|\n")
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n?|\n)[^\S\r\n]*(?:\r\n?|\n)")


def normalise(text: str) -> str:
    """Text as quotes are compared: invisible characters dropped, NFC, quote marks unified, whitespace
    runs folded."""
    if _has_hidden(text):
        text = text.translate(UNHIDE)
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
    return any(char in text for char in HIDDEN)  # six searches in C: far faster than a regex


class OffsetMap:
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


def visible(text: str) -> tuple[str, OffsetMap]:
    """`text` without the invisible characters quotes ignore, and where the rest came from."""
    edits = OffsetMap()
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


def nfc(text: str) -> tuple[str, OffsetMap]:
    """NFC of `text`, and where each changed cluster came from."""
    edits = OffsetMap()
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


def fold(text: str) -> tuple[str, OffsetMap, list[int]]:
    """NFC `text` translated (quote marks, whitespace to spaces) and folded to single spaces, trimmed.

    Also returns the map back to `text` and the folded positions of paragraph
    breaks (whitespace runs holding a blank line). Runs are found with
    `str.find`, which is much faster than a regex on long texts with few runs.
    """
    spaced = _translate(text)  # same length as text
    edits = OffsetMap()
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


def line_starts(text: str) -> list[int]:
    """Offsets where each line of `text` begins."""
    if "\r" in text:
        return [0] + [found.end() for found in _LINE_BREAK.finditer(text)]
    starts = [0]
    position = text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts

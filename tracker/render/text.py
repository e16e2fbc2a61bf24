"""Plain-text output that needs no rich: problem lists and one-line summaries.

Problems are printed on every path, `--json` included, so this stays cheap.
`inert` is the one printer of text from a log or from a user: everything
that reaches a terminal goes through it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TextIO

from tracker.model import Problem

# Categories a terminal does not show as a glyph of their own, so text in them
# can hide, reorder or drive what is seen: controls (Cc), format characters
# (Cf: the bidi embeddings, overrides and isolates, marks such as U+200E and
# U+061C, zero-width spaces and joiners, U+FEFF, the soft hyphen), line and
# paragraph separators (Zl, Zp), lone surrogates (Cs: the bytes of a file
# name that is not UTF-8) and unassigned code points (Cn: a newer terminal
# may know one as a format character). Spaces (Zs) and private-use glyphs
# (Co) are shown as they are. Joiners are escaped too: emoji sequences are
# rare in this log, and safety comes first.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"})


def escape(char: str) -> str:
    r"""One character as Python writes it in a string: `\x1b`, `\u202e`, `\U000e0041`.

    A lone surrogate U+DC80..U+DCFF is how Python keeps a byte that is not
    UTF-8 (a file name's): it is shown as that byte, `\xff`.
    """
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


class _Escapes(dict[int, str]):
    """`str.translate`'s table, filled in as characters are met: the category is looked up once each."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        shown = escape(char) if unicodedata.category(char) in _HIDDEN else char
        self[code] = shown
        return shown


_INERT = _Escapes({ord("\n"): " ", ord("\t"): " "})


def inert(value: str) -> str:
    r"""Log or user text made safe for a terminal: every invisible or controlling character escaped.

    Line breaks and tabs become spaces (tables and one-line messages are laid
    out by us); every other character in `_HIDDEN` is written as its escape,
    so a title is seen as it is stored, never reordered or hidden.
    """
    if value.isprintable():  # no Cc, Cf, Cs, Cn, Co or separator but space: the usual case
        return value
    return value.translate(_INERT)


_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(value: str) -> str:
    r"""Text that can be written as UTF-8: lone surrogates (bytes of a non-UTF-8 file name) as `\xff`.

    For JSON, which keeps every other character exactly as it is.
    """
    if value.isascii():
        return value
    return _SURROGATE.sub(lambda m: escape(m.group()), value)


def count(number: int, noun: str, plural: str | None = None) -> str:
    """'1 problem', '2 problems': the noun agrees with the number."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def problems(items: Iterable[Problem], stream: TextIO) -> None:
    """One problem a line; a report cut at its limit ends with how many more there are."""
    for problem in items:
        print(inert(str(problem)), file=stream)
    more = getattr(items, "more", 0)
    if more:
        print(f"... and {more:,} more {'problem' if more == 1 else 'problems'}", file=stream)

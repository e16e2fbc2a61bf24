"""`inert`: the one filter that makes log or user text safe to print on a terminal.

A module of its own, importing only the standard library, so that the front
door (`tracker.front`) can print a cached answer's notices without loading
the renderers; `tracker.render.text` re-exports it.
"""

from __future__ import annotations

import unicodedata

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

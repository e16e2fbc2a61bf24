"""Plain-text output that needs no rich: problem lists and one-line summaries.

Problems are printed on every path, `--json` included, so this stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from tracker.model import Problem

# C0 and C1 control characters and DEL, shown as escapes instead of obeyed.
_INERT = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_INERT.update({ord("\n"): " ", ord("\t"): " "})


def inert(value: str) -> str:
    """Text from a log made safe for a terminal: control characters escaped."""
    return value.translate(_INERT)


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

"""Plain-text output that needs no rich: problem lists and one-line summaries.

Problems are printed on every path, `--json` included, so this stays cheap.
`inert` is the one printer of text from a log or from a user: everything
that reaches a terminal goes through it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import TextIO

from tracker.inert import escape, inert
from tracker.model import Problem

__all__ = ["count", "encodable", "escape", "inert", "markdown", "markup", "problems"]

_SURROGATE = re.compile("[\ud800-\udfff]")
# What Markdown (CommonMark and GitHub's) would read as syntax inside a line: emphasis, code, links
# and images, raw HTML and entities, table cells, strikethrough, and the escape itself.
_MARKDOWN = re.compile(r"([\\`*_\[\]()<>!|~&])")


def markdown(value: str) -> str:
    r"""Log or user text for a Markdown table or reference: inert, then every character Markdown would
    render escaped with a backslash (`\[`, `\<`, `\|`, `\\`...), and a `#` that starts it.

    A pasted title then shows as typed: never an image, a link, raw HTML, or a
    cell that breaks its table. The one escaper for every command that prints Markdown.
    """
    shown = _MARKDOWN.sub(r"\\\1", inert(value))
    return "\\" + shown if shown.startswith("#") else shown


def markup(value: object) -> str:
    """Log text for HTML or SVG: inert (control and invisible characters shown as escapes), then
    escaped, quotes included, so it is text in any element or attribute. The one escaper of the web
    page and its pictures."""
    return html.escape(inert(str(value)), quote=True)


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

"""The rows of a laid-out table (`layout.Laid`), segment for segment as rich's own table prints them.

Rich's `Table` renders each cell through padding and cropping layers that
cost it more than the cell's own text: a timeline of 100,000 rows took a
minute. Here each cell is wrapped once, by rich's own rules written out for
text whose every character is one cell wide (nearly every cell), and any
other cell by rich itself; the title, header and caption stay rich's table's
(`layout.Laid`). tests/test_table_rows.py holds the bytes to rich's table's,
in colour and not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Protocol

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.style import Style
from rich.text import Text


class Column(Protocol):
    """What the rows need of a column (`layout.Column` is one): its cells and how they are justified.
    A protocol, so that layout, which calls this module, is not imported back by it."""

    @property
    def cells(self) -> list[Text]: ...

    @property
    def justify(self) -> str: ...


GAP = 2  # the space between two columns: the cell's right padding and the box's divider, one each


_ONE_CELL: dict[str, bool] = {}  # characters rich counts as one cell wide, as they are met


def one_cell_each(text: str) -> bool:
    """Whether every character of `text` is one cell wide (line breaks aside), as rich counts them."""
    if text.isascii():
        return text.replace("\n", "").isprintable()
    for char in set(text):
        if char not in _ONE_CELL:
            _ONE_CELL[char] = char == "\n" or (char.isprintable() and cell_len(char) == 1)
        if not _ONE_CELL[char]:
            return False
    return True


def rows(
    console: Console, options: ConsoleOptions, columns: Sequence[Column], widths: list[int], rows: slice
) -> Iterator[Segment]:
    """The rows of a `layout._table` with these columns and widths, `rows` of their cells.

    Each cell is wrapped by `_wrapped` and `_styled` where they apply, else
    by rich's `render_lines`, as its table does. Every column but the last is
    followed by its right padding and the box's divider, one space each
    (`GAP`); a cell with fewer lines than the row is filled with spaces
    below, as rich aligns it (top). Only the cells' own segments carry
    styles, as in rich's table.
    """
    last = len(columns) - 1
    cells = [column.cells[rows] for column in columns]
    styles: dict[tuple[str | Style, ...], Style] = {}  # each combination of styles, worked out once
    blanks = [Segment(" " * (width + (i < last))) for i, width in enumerate(widths)]
    gap = Segment(" " * GAP)
    line_end = Segment.line()
    for row in zip(*cells, strict=True):
        rendered = [
            _cell_lines(console, options, cell, width, column.justify, styles)
            for cell, width, column in zip(row, widths, columns, strict=True)
        ]
        for number in range(max(len(lines) for lines in rendered)):
            for i, lines in enumerate(rendered):
                if number < len(lines):
                    yield from lines[number]
                    if i < last:
                        yield gap
                else:
                    yield blanks[i]
                    if i < last:
                        yield _DIVIDER
            yield line_end


_DIVIDER = Segment(" ")  # SIMPLE_HEAD's vertical line, between a blank cell line and the next cell


def _cell_lines(
    console: Console,
    options: ConsoleOptions,
    cell: Text,
    width: int,
    justify: str,
    styles: dict[tuple[str | Style, ...], Style],
) -> list[list[Segment]]:
    """A cell's lines, each `width` cells wide, as rich's table renders them."""
    ranges = _wrapped(cell, width, justify)
    if ranges is None:
        return console.render_lines(
            cell,
            options.update(width=width, justify=justify, overflow="ellipsis", no_wrap=False, height=None),  # type: ignore[arg-type]
            pad=True,
        )
    text = cell.plain
    if not cell.spans and not cell.style:
        return [
            [Segment(f"{' ' * left}{text[start:end]}{' ' * right}")] for start, end, left, right in ranges
        ]
    return [_styled(console, cell, line, styles) for line in ranges]


_WORD = re.compile(r"\s*\S+\s*")  # rich's word: the word and the spaces around it (`rich._wrap`)


def _wrapped(cell: Text, width: int, justify: str) -> list[tuple[int, int, int, int]] | None:
    """Where rich's `Text.wrap` breaks a cell into lines of `width` cells, as the range of the cell's
    text on each line and the spaces before and after it; None for a cell this does not cover, which
    rich then wraps itself.

    Each line is cut where rich's `divide_line` cuts it, loses the spaces past
    the width (`rstrip_end`), and is padded to the width, left or right
    (`Lines.justify`). Covered: printable text whose every character is one
    cell wide (so a character is a cell), with no settings of the cell's own
    and no word wider than the column (rich would crop it).
    """
    text = cell.plain
    if cell.justify is not None or cell.overflow is not None or cell.no_wrap is not None:
        return None
    if not one_cell_each(text):
        return None
    out = []
    at = 0
    for line in text.split("\n"):
        if len(line) <= width:  # every word fits: no cut (most cells)
            if justify == "right":
                kept = len(line.rstrip())
                out.append((at, at + kept, width - kept, 0))
            else:
                out.append((at, at + len(line), 0, width - len(line)))
            at += len(line) + 1
            continue
        cuts = [0]
        offset = 0
        for match in _WORD.finditer(line):
            start, word = match.start(), match.group()
            length = len(word.rstrip())
            if width - offset >= length:
                offset += len(word)
            elif length > width:
                return None
            elif offset and start:
                cuts.append(start)
                offset = len(word)
        cuts.append(len(line))
        for start, end in pairwise(cuts):
            if end - start > width:  # only spaces can be past the width here
                end = max(end - (end - start - width), start + len(line[start:end].rstrip()))
                if end - start > width:
                    return None
            if justify == "right":
                end = start + len(line[start:end].rstrip())
                out.append((at + start, at + end, width - (end - start), 0))
            else:
                out.append((at + start, at + end, 0, width - (end - start)))
        at += len(line) + 1
    return out


def _styled(
    console: Console,
    cell: Text,
    line: tuple[int, int, int, int],
    styles: dict[tuple[str | Style, ...], Style],
) -> list[Segment]:
    """One line of a styled cell, segment for segment as rich's `Text.render` makes it: a segment
    between every two span edges, styled by the cell's style and then each span over it in turn."""
    start, end, left, right = line
    text = " " * left + cell.plain[start:end] + " " * right
    shift = left - start
    spans = [
        (max(s, start) + shift, min(e, end) + shift, style)
        for s, e, style in cell.spans
        if min(e, end) > max(s, start)
    ]
    if not spans and not cell.style:
        return [Segment(text)]
    base = [cell.style] if cell.style else []
    edges = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in pairwise(edges):
        names = (*base, *(style for s, e, style in spans if s <= a < e))
        style = styles.get(names)
        if style is None:
            style = styles[names] = Style.combine(
                [_NULL, *(console.get_style(name, default=_NULL) for name in names)]
            )
        out.append(Segment(text[a:b], style))
    return out


_NULL = Style.null()

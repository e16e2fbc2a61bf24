"""How tables and whole lines are laid out and printed, for every rich renderer.

Tables are laid out here, not by rich (`_widths`): every column is at least
as wide as its longest word, so words wrap only at spaces and ids and codes
are never cut; the description columns take the spare width. URLs and file
paths are never in a column: they have a line of their own, whole (`link`).
Every string from the log goes into a `Text` (`literal`), never through the
markup parser, and control characters are shown escaped.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tracker import urls
from tracker.render.text import inert


def literal(value: str | None, style: str = "") -> Text:
    """Log text made safe to print: no markup, no control sequences."""
    return Text(inert(value or ""), style=style)


# The widths a table is laid out in: COLUMNS=0 would print nothing and COLUMNS=10000000 run for
# minutes, so a width from the environment or the terminal is brought into this range.
MIN_WIDTH, MAX_WIDTH = 20, 1000


def console() -> Console:
    # highlight=False: rich would otherwise colour numbers and quotes in data.
    out = Console(highlight=False)
    out.width = min(max(out.width, MIN_WIDTH), MAX_WIDTH)  # the cache key reads the clamped width
    return out


# Spaces at the end of a line, before any colour codes that close it: rich pads every line to the width.
# Tried only where a run of spaces starts, and never backtracked into: a table as wide as a word of
# thousands of characters has runs of thousands of spaces, and trying each of their spaces as a start
# took time in the square of the run.
_TRAILING = re.compile(r"(?<! ) ++((?:\x1b\[[0-9;]*m)*+)$", re.M)
# An OSC 8 link's opening: rich numbers each link at random, but one answer must always be the same bytes.
_LINK_ID = re.compile(r"\x1b\]8;id=[0-9]*;([^\x1b]*)\x1b\\")


def _link_id(match: re.Match[str]) -> str:
    return f"\x1b]8;id={zlib.crc32(match[1].encode())};{match[1]}\x1b\\"


def printed(out: Console, renderables: Iterable[RenderableType]) -> Iterator[bytes]:
    """Each renderable as `out` would print it, as UTF-8, ready to be written as it comes.

    Lines end at their last visible character. Nothing is cropped at the
    width (`crop=False`): tables are laid out to fit, and the only lines
    that may be longer are whole URLs and paths, which must not be cut.
    """
    for renderable in renderables:
        with out.capture() as captured:
            out.print(renderable, crop=False)
        text = _TRAILING.sub(r"\1", captured.get())
        yield (_LINK_ID.sub(_link_id, text) if "\x1b]8;" in text else text).encode("utf-8")


def _table(title: str | None, caption: str | None, *, expand: bool = False, header: bool = True) -> Table:
    # Captions may carry log text, so they are literal too. Columns are two
    # spaces apart with no outer margin, so an 80-column terminal gives
    # most of its width to the text. Pieces of a long table leave out the
    # title, header or caption (None, False).
    return Table(
        title=title,
        caption=None if caption is None else literal(caption),
        show_header=header,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        caption_justify="left",
        expand=expand,
    )


GAP = 2  # the space between two columns of a `_table`


@dataclass
class Column:
    """A column before it is laid out: its cells decide how narrow and how wide it can be."""

    header: str
    cells: list[Text] = field(default_factory=list)
    ratio: int = 0  # more than 0: a description column, which takes the spare width in this ratio
    justify: str = "left"
    least: int = 0  # the width wanted even when every word is shorter (codes two to a line)
    brief: str = ""  # a shorter header, for when the longest words leave no room for the header
    fold: bool = False  # when even brief headers leave no room: shown as the description's first line


def _measure(cell: Text | str) -> tuple[int, int]:
    """The longest word and the longest line: a cell never needs less, nor more."""
    plain = cell.plain if isinstance(cell, Text) else cell
    lines = plain.split("\n")
    if _one_cell_each(plain):  # a long table has many cells: len where it is right, and no loop of ours
        return max(map(len, plain.replace("\n", " ").split(" "))), max(map(len, lines))
    word = max((cell_len(w) for line in lines for w in line.split(" ")), default=0)
    return word, max((cell_len(line) for line in lines), default=0)


_ONE_CELL: dict[str, bool] = {}  # characters rich counts as one cell wide, as they are met


def _one_cell_each(text: str) -> bool:
    """Whether every character of `text` is one cell wide (line breaks aside), as rich counts them."""
    if text.isascii():
        return text.replace("\n", "").isprintable()
    for char in set(text):
        if char not in _ONE_CELL:
            _ONE_CELL[char] = char == "\n" or (char.isprintable() and cell_len(char) == 1)
        if not _ONE_CELL[char]:
            return False
    return True


def _bounds(column: Column, known: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """The longest word and line among the column's cells, measured once for each list of cells."""
    bounds = known.get(id(column.cells))
    if bounds is None:
        low = high = 0
        for cell in column.cells:
            word, line = _measure(cell)
            low, high = max(low, word), max(high, line)
        bounds = known[id(column.cells)] = (low, high)
    return bounds


def _widths(
    total: int, columns: Sequence[Column], known: dict[int, tuple[int, int]] | None = None
) -> list[int]:
    """Each column's width in `total` cells: at least its longest word, the spare to the descriptions.

    Short columns (dates, kinds, counts) get their whole width first when it
    costs little; the description columns then share what is left by ratio,
    up to their longest line; anything still left widens the rest. When even
    the longest words do not fit, the columns keep them whole and the table
    is wider than `total`: a cut id is worse than a long line.
    """
    lows, highs = [], []
    known = {} if known is None else known
    for column in columns:
        low, high = _measure(column.header)
        word, line = _bounds(column, known)
        low, high = max(low, word), max(high, line)
        low = max(low, min(column.least, high))
        lows.append(low)
        highs.append(high)
    widths = list(lows)
    spare = total - GAP * (len(columns) - 1) - sum(widths)
    flexible = [i for i, c in enumerate(columns) if c.ratio > 0]
    fixed = sorted((i for i, c in enumerate(columns) if c.ratio == 0), key=lambda i: highs[i] - lows[i])
    budget = spare // 3 if flexible else spare
    for i in fixed:
        need = highs[i] - widths[i]
        if 0 < need <= budget:
            widths[i] += need
            budget -= need
            spare -= need
    # The description columns share their width and the spare by ratio; one that would get less
    # than its longest word, or more than its longest line, is held there and the rest share again.
    pool, sharing = spare + sum(widths[i] for i in flexible), list(flexible)
    while sharing:
        ratios = sum(columns[i].ratio for i in sharing)
        shares = {i: pool * columns[i].ratio // ratios for i in sharing}
        held = [i for i in sharing if not lows[i] <= shares[i] <= highs[i]]
        if not held:
            for i in sharing:
                widths[i] = shares[i]
            break
        for i in held:
            widths[i] = lows[i] if shares[i] < lows[i] else highs[i]
            pool -= widths[i]
            sharing.remove(i)
    spare = total - GAP * (len(columns) - 1) - sum(widths)
    for i in fixed:
        step = max(0, min(spare, highs[i] - widths[i]))
        widths[i] += step
        spare -= step
    return widths


class Laid:
    """A table laid out at the width it is printed at, by `_widths` over all of `columns`' cells.

    Pieces of a long table (`rows` a slice) share one `Layout` and so get
    the same widths: they print as one table; only the first (`top`) has
    the header. Tables have no edge lines, so the pieces join as they are.
    """

    def __init__(
        self,
        title: str | None,
        caption: str | None,
        columns: Sequence[Column] | Layout,
        rows: slice = slice(None),
        *,
        top: bool = True,
    ) -> None:
        self.layout = columns if isinstance(columns, Layout) else Layout(columns)
        self.title, self.caption, self.rows = title, caption, rows
        self.top = top

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The title, header and caption as rich's own table prints them, and the rows between them
        as that table would print them too (`_rows`), without its cost per cell."""
        columns = self.layout.shown(options.max_width)
        headers, widths = self.layout.widths(options.max_width)
        needed = sum(widths) + GAP * (len(widths) - 1)
        if needed > options.max_width:  # the longest words do not fit: wider, rather than cut
            options = options.update_width(needed)

        def framing(title: str | None, caption: str | None, header: bool) -> RenderResult:
            """A table with these columns and no rows: rich lays out its title, header and caption."""
            table = _table(title, caption, header=header)
            for column, shown, width in zip(columns, headers, widths, strict=True):
                table.add_column(shown, width=width, justify=column.justify)  # type: ignore[arg-type]
            for line in console.render_lines(table, options, pad=False):  # no edge lines to join
                yield from line
                yield Segment.line()

        if self.title is not None or self.top:
            yield from framing(self.title, None, self.top)
        yield from _rows(console, options, columns, widths, self.rows)
        if self.caption is not None:
            yield from framing(None, self.caption, False)


class Layout:
    """Columns and their widths at each printing width, worked out once for all the pieces of a table."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = columns
        self._known: dict[int, tuple[list[str], list[int], Sequence[Column]]] = {}
        self._folded: Sequence[Column] | None = None
        self._measured: dict[int, tuple[int, int]] = {}  # by the id of a list of cells (`_bounds`)

    def widths(self, total: int) -> tuple[list[str], list[int]]:
        """The headers and widths at `total`: the brief headers where the full ones leave no room,
        and, where even those do not fit, the folding columns moved into the description."""
        headers, widths, _ = self._at(total)
        return headers, widths

    def shown(self, total: int) -> Sequence[Column]:
        """The columns as printed at `total` (fewer, where some are folded into the description)."""
        return self._at(total)[2]

    def _at(self, total: int) -> tuple[list[str], list[int], Sequence[Column]]:
        if total not in self._known:
            columns = self.columns
            headers = [c.header for c in columns]
            widths = _widths(total, columns, self._measured)
            if _over(widths, total):
                headers = [c.brief or c.header for c in columns]
                widths = _widths(
                    total,
                    [replace(c, header=h) for c, h in zip(columns, headers, strict=False)],
                    self._measured,
                )
            if _over(widths, total) and any(c.fold for c in columns):
                columns = self._folded = self._folded or _fold(columns)
                headers = [c.brief or c.header for c in columns]
                widths = _widths(
                    total,
                    [replace(c, header=h) for c, h in zip(columns, headers, strict=False)],
                    self._measured,
                )
            self._known[total] = (headers, widths, columns)
        return self._known[total]


def _rows(
    console: Console, options: ConsoleOptions, columns: Sequence[Column], widths: list[int], rows: slice
) -> Iterator[Segment]:
    """The rows of a `_table` with these columns and widths, segment for segment as rich prints them.

    Rich's table renders each cell through padding and cropping layers that
    cost it more than the cell's own text; a table of 100,000 rows took a
    minute. Here each cell is wrapped once: text whose every character is
    one cell wide (nearly all) by `_wrapped`, rich's own word wrap written
    for that case, and `_styled`, its spans as rich renders them; any other
    cell by rich's `render_lines`, as its table does. Every column but the last is followed by its right
    padding and the box's divider, one space each (`GAP`); a cell with fewer
    lines than the row is filled with spaces below, as rich aligns it
    (top). Styles sit only on the cells' own segments, so the bytes are
    rich's, in colour or not (tests/test_table_rows.py compares them).
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
    if not _one_cell_each(text):
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


def _over(widths: list[int], total: int) -> bool:
    return sum(widths) + GAP * (len(widths) - 1) > total


def _fold(columns: Sequence[Column]) -> list[Column]:
    """The columns with each folding one's cells moved to the first line of the last description
    column's (dim): a narrow terminal keeps every word whole and the table within its width."""
    into = max(i for i, c in enumerate(columns) if c.ratio > 0)
    folding = [c for c in columns if c.fold]
    cells = []
    for row, cell in enumerate(columns[into].cells):
        shown = "  ".join(c.cells[row].plain for c in folding if c.cells[row].plain)
        merged = Text(shown, style="dim") if shown else Text()
        if shown:
            merged.append("\n")
        merged.append_text(cell)
        cells.append(merged)
    kept = [replace(c, cells=cells) if i == into else c for i, c in enumerate(columns) if not c.fold]
    return kept


class Whole:
    """One line printed as it is, however wide: a URL or a path is never wrapped or cut."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.text.render(console, end="")
        yield Segment.line()


def link(where: str, indent: int = 0, label: Text | None = None) -> Whole:
    """A URL or path on a line of its own, whole; a URL is a link where the terminal has them (OSC 8)."""
    shown = Text(" " * indent) if label is None else label
    if urls.is_web(where) and inert(where) == where:
        shown.append(where, Style(link=where))
    else:
        shown.append_text(literal(where))
    return Whole(shown)

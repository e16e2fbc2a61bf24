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

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from tracker import urls
from tracker.render import rows
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


GAP = rows.GAP  # the space between two columns of a `_table`


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
    if rows.one_cell_each(plain):  # a long table has many cells: len where it is right, and no loop of ours
        return max(map(len, plain.replace("\n", " ").split(" "))), max(map(len, lines))
    word = max((cell_len(w) for line in lines for w in line.split(" ")), default=0)
    return word, max((cell_len(line) for line in lines), default=0)


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
        yield from rows.rows(console, options, columns, widths, self.rows)
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
